import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisUnavailableReason, skipOwnRedis, spawnRedis } from '../src/redis.js';

describe.skipIf(skipOwnRedis)(
  `spawnRedis${skipOwnRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    it('starts a redis-server of its own, which keeps what was saved across a crash', async () => {
      const redis = await spawnRedis();
      try {
        const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
        await client.set('k', 'v');
        redis.save();
        client.disconnect();
        await redis.kill();
        await redis.start();
        const again = new Redis(redis.url, { maxRetriesPerRequest: 1 });
        expect(await again.get('k')).toBe('v');
        again.disconnect();
      } finally {
        await redis.dispose();
      }
    });
  },
);
