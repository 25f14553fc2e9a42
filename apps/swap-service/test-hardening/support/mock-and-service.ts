import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { afterAll, beforeAll } from 'vitest';
import { type ServiceChild, spawnService } from './child-service.js';

/** The mock of one test file and the service child its test spawns. */
export interface MockAndService {
  /** The real mock accounts service, started before the file's tests. */
  readonly mock: MockAccounts;
  /** Spawns the built service (see `spawnService`); it is disposed after the file's tests. */
  spawn(
    env: Record<string, string>,
    options?: Parameters<typeof spawnService>[1],
  ): Promise<ServiceChild>;
}

/**
 * The set-up the stop and load tests share: a mock started in `beforeAll`, and after the file
 * the service child disposed (killed if a failed test left it running) and the mock closed.
 * Call it at the top of a test file.
 */
export function mockAndServicePerFile(): MockAndService {
  let mock: MockAccounts | undefined;
  const children: ServiceChild[] = [];
  beforeAll(async () => {
    mock = await startMockAccounts();
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.dispose()));
    await mock?.close();
  });
  return {
    get mock(): MockAccounts {
      if (mock === undefined) throw new Error('the mock starts in beforeAll: use it in a test');
      return mock;
    },
    async spawn(env, options) {
      const child = await spawnService(env, options);
      children.push(child);
      return child;
    },
  };
}
