import {
  redisForTests,
  redisUnavailableReason,
  skipOwnRedis,
  skipRedis,
  spawnRedis,
  uniquePrefix,
} from '@tokenswap/test-support/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/reference/redis-store.js';
import { isStoreUnavailable } from '../../src/reference/store-unavailable.js';
import { describeStoreContract } from './helpers/store-contract.js';

const entry = {
  key: 'k1',
  clientId: 'c',
  sealedToken: 'v1.k.x',
  version: 1,
  authorizedAt: 1,
  expiresAt: Date.now() + 3_600_000,
};

describe.skipIf(skipRedis)(
  `redis store${skipRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    let redis: { url: string; dispose: () => Promise<void> };
    beforeAll(async () => {
      redis = await redisForTests();
    });
    afterAll(async () => {
      await redis?.dispose();
    });

    describeStoreContract(
      'redis',
      (clock) => openRedisStore({ url: redis.url, keyPrefix: uniquePrefix(), clock }),
      { locksExpireOnServer: true },
    );

    it('keys of one prefix are invisible to another', async () => {
      const a = await openRedisStore({ url: redis.url, keyPrefix: uniquePrefix() });
      const b = await openRedisStore({ url: redis.url, keyPrefix: uniquePrefix() });
      await a.create(entry);
      expect(await b.get('k1')).toBeUndefined();
      await a.close();
      await b.close();
    });

    it.skipIf(skipOwnRedis)(
      'rejects at start-up when Redis cannot be reached, naming host:port but no password',
      async () => {
        const down = await spawnRedis();
        await down.kill();
        const error = await openRedisStore({
          url: `redis://user:s3cret-pass@127.0.0.1:${down.port}`,
          connectTimeoutMs: 500,
        }).catch((e: unknown) => e as Error);
        await down.dispose();
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toBe(`Cannot reach Redis at 127.0.0.1:${down.port}`);
        expect((error as Error).message).not.toContain('s3cret');
      },
      30_000,
    );

    it.skipIf(skipOwnRedis)(
      'an outage answers StoreUnavailable at once, and the store works again when Redis is back',
      async () => {
        // Our own server: CI's shared one on 6379 must not be stopped.
        const own = await spawnRedis();
        const store = await openRedisStore({ url: own.url, keyPrefix: uniquePrefix() });
        try {
          await store.create(entry);
          await own.shutdownWithSave();
          const started = Date.now();
          const error = await store.get('k1').catch((e: unknown) => e);
          expect(isStoreUnavailable(error)).toBe(true);
          expect(Date.now() - started).toBeLessThan(3000);
          await own.start();
          await expect
            .poll(() => store.get('k1').catch(() => 'down'), { timeout: 10_000 })
            .toStrictEqual(entry);
        } finally {
          await store.close();
          await own.dispose();
        }
      },
      30_000,
    );
  },
);
