import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKeyring } from '@tokenswap/test-support/keys';
import {
  redisUnavailableReason,
  skipRedis,
  spawnRedis,
  uniquePrefix,
} from '@tokenswap/test-support/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/reference/redis-store.js';
import { ReferenceTokens } from '../../src/reference/reference-tokens.js';
import { openSqlite } from '../../src/reference/sqlite-driver.js';
import { openSqliteStore } from '../../src/reference/sqlite-store.js';
import { RotatingUpstream } from './helpers/fixtures.js';

const CLIENT = 'tokenswap-demo-client';
const UNAVAILABLE = {
  ok: false,
  error: {
    code: 'temporarily_unavailable',
    status: 503,
    retryAfter: 1,
    description: 'The token store is temporarily unavailable; try again shortly',
  },
};

describe.skipIf(skipRedis)(
  `Redis outage${skipRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    it('answers 503 while Redis is down, then serves the same handle again when it is back', async () => {
      // Our own redis-server: CI's shared one on 6379 must keep running for the other tests.
      const redis = await spawnRedis();
      const store = await openRedisStore({ url: redis.url, keyPrefix: uniquePrefix() });
      try {
        const upstream = new RotatingUpstream();
        const tokens = new ReferenceTokens({ store, keyring: await testKeyring() });
        const created = await tokens.create({ clientId: CLIENT, refreshToken: upstream.issue() });
        if (!created.ok) throw created.error;
        expect(await tokens.refresh(created.value, CLIENT, upstream.refresh)).toMatchObject({
          ok: true,
        });
        redis.save();
        await redis.kill();

        const started = Date.now();
        expect(await tokens.refresh(created.value, CLIENT, upstream.refresh)).toMatchObject(
          UNAVAILABLE,
        );
        expect(await tokens.revoke(created.value, CLIENT)).toMatchObject(UNAVAILABLE);
        expect(await tokens.create({ clientId: CLIENT, refreshToken: 'x' })).toMatchObject(
          UNAVAILABLE,
        );
        expect(Date.now() - started).toBeLessThan(5000);
        expect(upstream.calls).toBe(1);

        await redis.start();
        await expect
          .poll(async () => (await tokens.refresh(created.value, CLIENT, upstream.refresh)).ok, {
            timeout: 10_000,
            interval: 100,
          })
          .toBe(true);
        expect(upstream.calls).toBe(2);
      } finally {
        await store.close();
        await redis.dispose();
      }
    }, 30_000);
  },
);

describe('SQLite outage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-outage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 while another writer holds the file beyond the busy timeout, then recovers', async () => {
    const path = join(dir, 'tokens.db');
    const store = await openSqliteStore({ path, busyTimeoutMs: 50 });
    const upstream = new RotatingUpstream();
    const tokens = new ReferenceTokens({ store, keyring: await testKeyring() });
    const created = await tokens.create({ clientId: CLIENT, refreshToken: upstream.issue() });
    if (!created.ok) throw created.error;

    const blocker = await openSqlite(path, store.driver, 50);
    blocker.db.exec('BEGIN IMMEDIATE');
    expect(await tokens.refresh(created.value, CLIENT, upstream.refresh)).toMatchObject(
      UNAVAILABLE,
    );
    expect(upstream.calls).toBe(0);
    blocker.db.exec('COMMIT');
    blocker.db.close();

    expect(await tokens.refresh(created.value, CLIENT, upstream.refresh)).toMatchObject({
      ok: true,
    });
    await store.close();
  });
});
