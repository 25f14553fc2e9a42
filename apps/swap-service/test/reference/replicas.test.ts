import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  redisForTests,
  redisUnavailableReason,
  skipRedis,
  uniquePrefix,
} from '@tokenswap/test-support/redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createMemoryStore } from '../../src/reference/memory-store.js';
import { openRedisStore } from '../../src/reference/redis-store.js';
import { openSqliteStore } from '../../src/reference/sqlite-store.js';
import type { ReferenceStore } from '../../src/reference/store.js';
import { describeReplicas } from './helpers/replica-suite.js';

describe('memory', () => {
  // Replicas of one process sharing one memory store: exercises the lock path without I/O.
  let shared: ReferenceStore | undefined;
  describeReplicas('one memory store', async () => {
    shared ??= createMemoryStore();
    const store = shared;
    // Both replicas get the same store; closing is a no-op here so each test starts fresh.
    return {
      ...store,
      close: async () => {
        shared = undefined;
      },
    };
  });
});

describe('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-replicas-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let file = '';
  let opened = 0;
  describeReplicas('one SQLite file', () => {
    // Two connections per test to a new file (what two processes on one host would have).
    if (opened % 2 === 0) file = join(dir, `replicas-${opened}.db`);
    opened += 1;
    return openSqliteStore({ path: file });
  });
});

describe.skipIf(skipRedis)(
  `redis${skipRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    let redis: { url: string; dispose: () => Promise<void> };
    beforeAll(async () => {
      redis = await redisForTests();
    });
    afterAll(async () => {
      await redis?.dispose();
    });
    let prefix = '';
    let opened = 0;
    describeReplicas('one Redis', () => {
      if (opened % 2 === 0) prefix = uniquePrefix();
      opened += 1;
      return openRedisStore({ url: redis.url, keyPrefix: prefix });
    });
  },
);
