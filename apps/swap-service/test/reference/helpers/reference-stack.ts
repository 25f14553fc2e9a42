import {
  type MockAccounts,
  type MockAccountsOptions,
  startMockAccounts,
} from '@tokenswap/mock-accounts';
import { post } from '@tokenswap/test-support';
import type { LogStream } from '../../../src/logging.js';
import { type SwapService, startSwapService } from '../../../src/start-swap-service.js';
import { serviceEnv } from '../../helpers/stack.js';

/** A real mock (rotating on every refresh) and swap services in reference mode against it. */
export interface ReferenceStack {
  mock: MockAccounts;
  env: Record<string, string>;
  /** Starts one more service replica with the same environment (and the mock's clock). */
  startReplica(extraEnv?: Record<string, string>, logStream?: LogStream): Promise<SwapService>;
  /** Swaps a fresh code at `service`; returns the handle. */
  swap(service: SwapService): Promise<string>;
  /** How many refresh_token grants reached the mock. */
  upstreamRefreshes(): number;
  close(): Promise<void>;
}

export async function startReferenceStack(options: {
  store: string;
  mock?: MockAccountsOptions;
  env?: Record<string, string>;
}): Promise<ReferenceStack> {
  const mock = await startMockAccounts({ rotation: 'always', ...options.mock });
  const env = serviceEnv(mock.url, {
    TOKEN_MODE: 'reference',
    TOKEN_STORE: options.store,
    // Tests start production-mode services; handles dying with them is the point here.
    ...(options.store.startsWith('memory') ? { TOKEN_STORE_ALLOW_MEMORY: 'true' } : {}),
    ...options.env,
  });
  const services: SwapService[] = [];
  const startReplica = async (extraEnv: Record<string, string> = {}, logStream?: LogStream) => {
    const service = await startSwapService({
      env: { ...env, ...extraEnv },
      port: 0,
      logger: logStream === undefined ? false : { stream: logStream },
      // One clock for the mock and the service, so "6 months later" is one call.
      clock: () => mock.clock.now(),
    });
    services.push(service);
    return service;
  };
  return {
    mock,
    env,
    startReplica,
    async swap(service) {
      const code = mock.mintCode({ scopes: ['user-read-email', 'user-read-private'] });
      const answer = await post(service.swapUrl, { code });
      if (answer.status !== 200) throw new Error(`swap failed: ${answer.status} ${answer.text}`);
      return answer.json.refresh_token as string;
    },
    upstreamRefreshes: () =>
      mock.journal.entries().filter((entry) => entry.grantType === 'refresh_token').length,
    async close() {
      for (const service of services) await service.close();
      await mock.close();
    },
  };
}
