import { sleep, type TestClock, testClock } from '@tokenswap/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReferenceStore, StoredEntry } from '../../../src/reference/store.js';
import { isStoreUnavailable } from '../../../src/reference/store-unavailable.js';

/** Opens a fresh, empty store for one test, on the test's clock. */
export type OpenStore = (clock: () => number) => Promise<ReferenceStore>;

/** How a back-end keeps time. */
export interface StoreContractOptions {
  /**
   * Locks expire on the server's own clock (Redis `SET … PX`), so only real time passes them;
   * the other stores expire locks on the injected clock, which the test moves instead.
   */
  locksExpireOnServer?: boolean;
}

// Relative to now: Redis also expires keys by real time (a backstop to purging).
const T0 = Date.now();
const DAY = 86_400_000;

function entry(key: string, overrides: Partial<StoredEntry> = {}): StoredEntry {
  return {
    key,
    clientId: 'client-a',
    sealedToken: `v1.k1.sealed-${key}`,
    version: 1,
    authorizedAt: T0,
    expiresAt: T0 + 182 * DAY,
    ...overrides,
  };
}

/**
 * The behaviour every {@link ReferenceStore} must have. Run once per back-end:
 * `describeStoreContract('redis', () => openRedisStore({ url }))`.
 */
export function describeStoreContract(
  name: string,
  open: OpenStore,
  options: StoreContractOptions = {},
): void {
  describe(`store contract: ${name}`, () => {
    let store: ReferenceStore;
    let clock: TestClock;
    beforeEach(async () => {
      clock = testClock(T0);
      store = await open(clock.now);
    });
    afterEach(async () => {
      await store.close();
    });

    it('answers undefined for an unknown key', async () => {
      expect(await store.get('nope')).toBeUndefined();
    });

    it('creates an entry and reads it back exactly, numbers as numbers', async () => {
      const created = entry('k1', { authorizedAt: T0 - 123, expiresAt: T0 + 182 * DAY + 456 });
      expect(await store.create(created)).toBe(true);
      expect(await store.get('k1')).toStrictEqual(created);
    });

    it('keeps a sealed result given at creation', async () => {
      const created = entry('k1', { sealedResult: 'v1.k1.result', resultExpiresAt: T0 + 5000 });
      await store.create(created);
      expect(await store.get('k1')).toStrictEqual(created);
    });

    it('refuses to create over an existing key and leaves it unchanged', async () => {
      await store.create(entry('k1'));
      expect(await store.create(entry('k1', { clientId: 'other', sealedToken: 'x' }))).toBe(false);
      expect(await store.get('k1')).toStrictEqual(entry('k1'));
    });

    it('replaces the token, stores the result and increments the version', async () => {
      await store.create(entry('k1'));
      const update = {
        sealedToken: 'v1.k1.new',
        sealedResult: 'v1.k1.res',
        resultExpiresAt: T0 + 9,
      };
      expect(await store.replaceToken('k1', update)).toBe(true);
      expect(await store.get('k1')).toStrictEqual({ ...entry('k1'), ...update, version: 2 });
      expect(await store.replaceToken('k1', { sealedToken: 'v1.k1.newer' })).toBe(true);
      const after = await store.get('k1');
      expect(after).toStrictEqual({ ...entry('k1'), sealedToken: 'v1.k1.newer', version: 3 });
    });

    it('compare-and-set: replaces only at the expected version', async () => {
      await store.create(entry('k1'));
      expect(await store.replaceToken('k1', { sealedToken: 'stale' }, 7)).toBe(false);
      expect((await store.get('k1'))?.sealedToken).toBe(entry('k1').sealedToken);
      expect(await store.replaceToken('k1', { sealedToken: 'fresh' }, 1)).toBe(true);
      expect(await store.replaceToken('k1', { sealedToken: 'late' }, 1)).toBe(false);
      expect(await store.get('k1')).toMatchObject({ sealedToken: 'fresh', version: 2 });
    });

    it('of 10 concurrent compare-and-sets at one version exactly one wins', async () => {
      await store.create(entry('k1'));
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.replaceToken('k1', { sealedToken: `t${i}` }, 1)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await store.get('k1'))?.version).toBe(2);
    });

    it('does not replace (or create) a missing key', async () => {
      expect(await store.replaceToken('ghost', { sealedToken: 'x' })).toBe(false);
      expect(await store.get('ghost')).toBeUndefined();
    });

    it('deletes idempotently', async () => {
      await store.create(entry('k1'));
      await store.create(entry('k2'));
      expect(await store.delete('k1')).toBe(true);
      expect(await store.delete('k1')).toBe(false);
      expect(await store.get('k1')).toBeUndefined();
      expect(await store.get('k2')).toStrictEqual(entry('k2'));
    });

    it('deletes at an expected version only while the entry is still at it', async () => {
      await store.create(entry('k1'));
      await store.replaceToken('k1', { sealedToken: 'rotated' });
      expect(await store.delete('k1', 1)).toBe(false);
      expect(await store.get('k1')).toMatchObject({ version: 2, sealedToken: 'rotated' });
      expect(await store.delete('k1', 2)).toBe(true);
      expect(await store.get('k1')).toBeUndefined();
    });

    it('counts its entries, and answers a ping while it can write', async () => {
      expect(await store.count()).toBe(0);
      await store.create(entry('k1'));
      await store.create(entry('k2'));
      await store.delete('k1');
      expect(await store.count()).toBe(1);
      await expect(store.ping()).resolves.toBeUndefined();
      expect(Array.isArray(store.warnings)).toBe(true);
    });

    it('locks: one holder at a time, released only by its own token', async () => {
      const token = await store.acquireLock('k1', 10_000);
      expect(token).toEqual(expect.any(String));
      expect(await store.acquireLock('k1', 10_000)).toBeUndefined();
      expect(await store.acquireLock('k2', 10_000)).toEqual(expect.any(String));
      expect(await store.releaseLock('k1', 'not-the-owner')).toBe(false);
      expect(await store.acquireLock('k1', 10_000)).toBeUndefined();
      expect(await store.releaseLock('k1', token as string)).toBe(true);
      expect(await store.releaseLock('k1', token as string)).toBe(false);
      expect(await store.acquireLock('k1', 10_000)).toEqual(expect.any(String));
    });

    it('of 20 concurrent lock attempts exactly one succeeds', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 20 }, () => store.acquireLock('k1', 10_000)),
      );
      expect(tokens.filter((t) => t !== undefined)).toHaveLength(1);
    });

    it('a lock expires after its TTL, and a late release cannot free the next holder', async () => {
      const first = await store.acquireLock('k1', 60);
      if (options.locksExpireOnServer) {
        await sleep(150);
      } else {
        clock.advance(59);
        expect(await store.acquireLock('k1', 10_000)).toBeUndefined();
        clock.advance(2);
      }
      const second = await store.acquireLock('k1', 10_000);
      expect(second).toEqual(expect.any(String));
      expect(second).not.toBe(first);
      expect(await store.releaseLock('k1', first as string)).toBe(false);
      expect(await store.acquireLock('k1', 10_000)).toBeUndefined();
    });

    it('deleting an entry frees its lock', async () => {
      await store.create(entry('k1'));
      await store.acquireLock('k1', 10_000);
      await store.delete('k1');
      expect(await store.acquireLock('k1', 10_000)).toEqual(expect.any(String));
    });

    it('purges exactly the entries whose lifetime is over', async () => {
      await store.create(entry('old', { expiresAt: T0 + DAY }));
      await store.create(entry('edge', { expiresAt: T0 + 2 * DAY }));
      await store.create(entry('new', { expiresAt: T0 + 3 * DAY }));
      expect(await store.purgeExpired(T0 + 2 * DAY)).toBe(2);
      expect(await store.get('old')).toBeUndefined();
      expect(await store.get('edge')).toBeUndefined();
      expect(await store.get('new')).toStrictEqual(entry('new', { expiresAt: T0 + 3 * DAY }));
      expect(await store.purgeExpired(T0 + 2 * DAY)).toBe(0);
    });

    it('after close every operation throws StoreUnavailableError', async () => {
      await store.create(entry('k1'));
      await store.close();
      const attempts: Array<() => Promise<unknown>> = [
        () => store.get('k1'),
        () => store.create(entry('k2')),
        () => store.replaceToken('k1', { sealedToken: 'x' }),
        () => store.delete('k1'),
        () => store.acquireLock('k1', 1000),
        () => store.releaseLock('k1', 'x'),
        () => store.purgeExpired(T0),
        () => store.ping(),
        () => store.count(),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isStoreUnavailable(error), String(error)).toBe(true);
        expect((error as Error).message).toBe(`The ${store.kind} token store is unavailable`);
      }
    });
  });
}
