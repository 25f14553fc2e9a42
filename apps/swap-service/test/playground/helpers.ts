import type { MockAccounts } from '@tokenswap/mock-accounts';
import { type SwapService, startSwapService } from '../../src/start-swap-service.js';

export interface PlaygroundStack {
  /** The service's origin; the playground is at `${url}/`. */
  url: string;
  /** Id of the key that seals refresh tokens. */
  keyId: string;
  mock: MockAccounts;
  service: SwapService;
  close(): Promise<void>;
}

/**
 * The real development-mode stack, as `pnpm start` runs it: `startSwapService` without Spotify
 * credentials (in-process mock, ephemeral key, playground at `/`) on 127.0.0.1:0.
 */
export async function startPlaygroundStack(
  env: Record<string, string> = {},
): Promise<PlaygroundStack> {
  const service = await startSwapService({ env, port: 0, logger: false });
  const mock = service.dev?.mock;
  if (mock === undefined) throw new Error('expected development mode');
  return {
    url: service.url,
    keyId: service.config.keySpecs[0]?.id ?? '',
    mock,
    service,
    close: () => service.close(),
  };
}
