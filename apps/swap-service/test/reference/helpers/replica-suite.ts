import type { Keyring } from '@tokenswap/core';
import { testKeyring } from '@tokenswap/test-support/keys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReferenceTokens } from '../../../src/reference/reference-tokens.js';
import type { ReferenceStore } from '../../../src/reference/store.js';
import { RotatingUpstream } from './fixtures.js';

const CLIENT = 'tokenswap-demo-client';

/**
 * Two `ReferenceTokens` instances (replicas: separate single-flight maps, separate store
 * connections) sharing one back-end. `open` is called once per replica.
 */
export function describeReplicas(name: string, open: () => Promise<ReferenceStore>): void {
  describe(`two replicas sharing ${name}`, () => {
    let keyring: Keyring;
    let stores: ReferenceStore[];
    let replicas: [ReferenceTokens, ReferenceTokens];
    let upstream: RotatingUpstream;

    beforeEach(async () => {
      keyring = await testKeyring();
      stores = [await open(), await open()];
      replicas = [
        new ReferenceTokens({ store: stores[0] as ReferenceStore, keyring, pollIntervalMs: 10 }),
        new ReferenceTokens({ store: stores[1] as ReferenceStore, keyring, pollIntervalMs: 10 }),
      ];
      upstream = new RotatingUpstream();
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
    });

    async function handle(): Promise<string> {
      const created = await replicas[0].create({
        clientId: CLIENT,
        refreshToken: upstream.issue(),
      });
      if (!created.ok) throw created.error;
      return created.value;
    }

    it('serve one handle alternately through rotations', async () => {
      const h = await handle();
      for (let i = 0; i < 6; i += 1) {
        const result = await replicas[i % 2]?.refresh(h, CLIENT, upstream.refresh);
        expect(result).toMatchObject({ ok: true, value: { accessToken: `BQ-access-${i + 1}` } });
      }
      expect(upstream.calls).toBe(6);
    });

    it('call Spotify exactly once when both refresh one handle concurrently', async () => {
      upstream.delayMs = 150;
      const h = await handle();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => replicas[i % 2]?.refresh(h, CLIENT, upstream.refresh)),
      );
      expect(upstream.calls).toBe(1);
      for (const result of results) {
        expect(result).toMatchObject({
          ok: true,
          value: { accessToken: 'BQ-access-1', tokenType: 'Bearer', scope: 'user-read-private' },
        });
        if (result?.ok) expect(result.value.expiresIn).toBeGreaterThan(3590);
      }
      // The rotated token was stored once and works from either replica.
      upstream.delayMs = 0;
      expect(await replicas[1].refresh(h, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
      expect(await replicas[0].refresh(h, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
      expect(upstream.calls).toBe(3);
    });

    it('take over the lock of a replica that died mid-refresh once its TTL runs out', async () => {
      const h = await handle();
      const { handleKey } = await import('../../../src/reference/handle.js');
      // A replica that took the lock and crashed: nobody releases it.
      expect(await stores[1]?.acquireLock(handleKey(h), 300)).toEqual(expect.any(String));
      const started = Date.now();
      expect(await replicas[0].refresh(h, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(upstream.calls).toBe(1);
    });

    it('answer 503 when another replica holds the lock longer than they wait', async () => {
      const h = await handle();
      const { handleKey } = await import('../../../src/reference/handle.js');
      await stores[1]?.acquireLock(handleKey(h), 10_000);
      const impatient = new ReferenceTokens({
        store: stores[0] as ReferenceStore,
        keyring,
        lockWaitMs: 100,
        pollIntervalMs: 10,
      });
      expect(await impatient.refresh(h, CLIENT, upstream.refresh)).toMatchObject({
        ok: false,
        error: {
          code: 'temporarily_unavailable',
          status: 503,
          description: 'A refresh of this token is already in progress; try again shortly',
        },
      });
      expect(upstream.calls).toBe(0);
    });

    it('purge on one replica per interval (the lease), and revoke only for the right client', async () => {
      const h = await handle();
      const interval = 60_000;
      const [first, second] = await Promise.all([
        replicas[0].purgeWithLease(interval),
        replicas[1].purgeWithLease(interval),
      ]);
      const outcomes = [first, second].map((result) => (result.ok ? result.value : 'error'));
      expect(outcomes.filter((outcome) => outcome === 'skipped')).toHaveLength(1);
      expect(outcomes.filter((outcome) => typeof outcome === 'number')).toHaveLength(1);
      expect(await replicas[1].revoke(h, 'another-client')).toMatchObject({ ok: false });
      expect(await replicas[1].revoke(h, CLIENT)).toStrictEqual({ ok: true, value: true });
      expect(await replicas[0].refresh(h, CLIENT, upstream.refresh)).toMatchObject({ ok: false });
    });
  });
}
