import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { post, send } from '@tokenswap/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/reference/sqlite-store.js';
import { isStoreUnavailable } from '../../src/reference/store-unavailable.js';
import { type ReferenceStack, startReferenceStack } from './helpers/reference-stack.js';
import { holdSqliteWriteLock } from './helpers/sqlite-lock-holder.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenswap-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let stack: ReferenceStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
};

describe('SQLite write lock held by another process', () => {
  it('regression: the event loop keeps turning; refreshes answer 503 promptly, /healthz at once, /readyz 503; all recover', async () => {
    const path = join(dir, 'busy.db');
    stack = await startReferenceStack({ store: `sqlite:${path}` });
    const service = await stack.startReplica();
    const handles = [
      await stack.swap(service),
      await stack.swap(service),
      await stack.swap(service),
    ];
    expect((await send(`${service.url}/readyz`, { method: 'GET' })).status).toBe(200);

    const holder = await holdSqliteWriteLock(path);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    try {
      // Three refreshes of different handles at once: before, each froze the process in turn.
      const refreshes = handles.map((handle) =>
        timed(post(service.refreshUrl, { refresh_token: handle })),
      );
      const health = await timed(send(`${service.url}/healthz`, { method: 'GET' }));
      const ready = await send(`${service.url}/readyz`, { method: 'GET' });
      const answers = await Promise.all(refreshes);
      loop.disable();

      expect(health.value.status).toBe(200);
      expect(health.ms).toBeLessThan(500);
      expect(ready.status).toBe(503);
      expect(ready.json).toStrictEqual({ status: 'token store unavailable' });
      for (const { value, ms } of answers) {
        expect(value.status).toBe(503);
        expect(value.json).toStrictEqual({
          error: 'temporarily_unavailable',
          error_description: 'The token store is temporarily unavailable; try again shortly',
        });
        expect(value.headers['retry-after']).toBe('1');
        // The busy budget is 1 s; before, these took 5, 10 and 15 s.
        expect(ms).toBeLessThan(3000);
      }
      // The event loop was never stuck inside SQLite (it was for up to 5 s per statement).
      expect(loop.max / 1e6).toBeLessThan(500);
    } finally {
      await holder.release();
    }
    expect(stack.upstreamRefreshes()).toBe(0);
    for (const handle of handles) {
      expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
    }
    expect((await send(`${service.url}/readyz`, { method: 'GET' })).status).toBe(200);
  }, 30_000);

  it('a store call waits out a short lock (retries on timers) instead of failing', async () => {
    const path = join(dir, 'short.db');
    const store = await openSqliteStore({ path, busyTimeoutMs: 3000 });
    const holder = await holdSqliteWriteLock(path);
    const attempt = store.acquireLock('k', 10_000);
    setTimeout(() => void holder.release(), 300);
    expect(await attempt).toEqual(expect.any(String));
    await store.close();
  }, 15_000);

  it('opening waits for another process that is writing (a replica starting next to a busy one)', async () => {
    // The other process created the file and is writing: creating the schema needs its lock.
    const path = join(dir, 'open.db');
    const holder = await holdSqliteWriteLock(path);
    setTimeout(() => void holder.release(), 300);
    const store = await openSqliteStore({ path });
    expect(await store.count()).toBe(0);
    await store.close();
  }, 15_000);

  it('gives up after its budget with StoreUnavailableError', async () => {
    const path = join(dir, 'budget.db');
    const store = await openSqliteStore({ path, busyTimeoutMs: 200 });
    const holder = await holdSqliteWriteLock(path);
    try {
      const { value, ms } = await timed(store.acquireLock('k', 10_000).catch((e: unknown) => e));
      expect(isStoreUnavailable(value)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(150);
      expect(ms).toBeLessThan(1500);
      await expect(store.ping()).rejects.toMatchObject({ code: 'store_unavailable' });
    } finally {
      await holder.release();
    }
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  }, 15_000);

  it('purges in bounded batches: every expired row goes, the live ones stay', async () => {
    const store = await openSqliteStore({ path: join(dir, 'purge.db'), purgeBatchSize: 100 });
    const now = Date.now();
    for (let i = 0; i < 250; i += 1) {
      await store.create({
        key: `k${i}`,
        clientId: 'c',
        sealedToken: 'v1.k.x',
        version: 1,
        authorizedAt: 0,
        expiresAt: i < 230 ? now - 1 : now + 60_000,
      });
    }
    expect(await store.purgeExpired(now)).toBe(230);
    expect(await store.count()).toBe(20);
    await store.close();
  });
});
