import {
  DEMO_CLIENT,
  type MockAccounts,
  type MockAccountsOptions,
  startMockAccounts,
} from '@tokenswap/mock-accounts';
import { type HttpAnswer, send, swapServiceEnv } from '@tokenswap/test-support';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import type { LogStream } from '../../src/logging.js';
import { type SwapService, startSwapService } from '../../src/start-swap-service.js';

/** Environment pointing the service at `mockUrl` with the demo client and a fresh key `k1`. */
export function serviceEnv(
  mockUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return swapServiceEnv(mockUrl, DEMO_CLIENT, newKeyEntry('k1'), extra);
}

export interface Stack {
  mock: MockAccounts;
  service: SwapService;
  env: Record<string, string>;
  /** Mints a code at the mock (demo client, both profile scopes). */
  mintCode(p?: Parameters<MockAccounts['mintCode']>[0]): string;
  close(): Promise<void>;
}

/** A real mock accounts service and a real swap service against it, both on 127.0.0.1:0. */
export async function startStack(
  options: { mock?: MockAccountsOptions; env?: Record<string, string>; logStream?: LogStream } = {},
): Promise<Stack> {
  const mock = await startMockAccounts({ ...options.mock });
  const env = serviceEnv(mock.url, options.env);
  const service = await startSwapService({
    env,
    port: 0,
    logger: options.logStream === undefined ? false : { level: 'trace', stream: options.logStream },
  });
  return {
    mock,
    service,
    env,
    mintCode: (p) => mock.mintCode({ scopes: ['user-read-email', 'user-read-private'], ...p }),
    close: async () => {
      await service.close();
      await mock.close();
    },
  };
}

/** `GET /v1/me` at the mock with an access token. */
export async function me(mockUrl: string, accessToken: string): Promise<HttpAnswer> {
  return send(`${mockUrl}/v1/me`, {
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}
