import { post, send, sleep } from '@tokenswap/test-support';
import { redisUnavailableReason, skipOwnRedis, uniquePrefix } from '@tokenswap/test-support/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleKey } from '../../src/reference/handle.js';
import { parseStoreUrl } from '../../src/reference/parse-store-url.js';
import { openRedisClusterStore } from '../../src/reference/redis-store.js';
import type { SwapService } from '../../src/start-swap-service.js';
import { type RedisCluster, startRedisCluster } from './helpers/redis-cluster.js';
import { startReferenceStack } from './helpers/reference-stack.js';
import { describeReplicas } from './helpers/replica-suite.js';
import { describeStoreContract } from './helpers/store-contract.js';

// One real cluster for the file (three masters, three replicas): started here, not by CI.
let cluster: RedisCluster | undefined;
const running = (): RedisCluster => {
  if (cluster === undefined) throw new Error('cluster not started');
  return cluster;
};
const open = () => openRedisClusterStore({ nodes: running().nodes, keyPrefix: uniquePrefix() });
// Replicas share one prefix (they are one deployment); handles are random, so tests do not meet.
const sharedPrefix = uniquePrefix();
const openShared = () => openRedisClusterStore({ nodes: running().nodes, keyPrefix: sharedPrefix });

describe.skipIf(skipOwnRedis)(
  `Redis Cluster${skipOwnRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    beforeAll(async () => {
      cluster = await startRedisCluster();
    }, 60_000);
    afterAll(async () => {
      await cluster?.dispose();
    });

    describeStoreContract('redis cluster', open, { locksExpireOnServer: true });
    describeReplicas('a redis cluster', openShared);

    it('spreads handles over the masters: one handle keeps its keys in one slot', async () => {
      const store = await open();
      const masters = new Set<number>();
      for (let i = 0; i < 12; i += 1) {
        const key = handleKey(`rt1_${String(i).padStart(43, 'x')}`);
        await store.create({
          key,
          clientId: 'c',
          sealedToken: 'v1.k.x',
          version: 1,
          authorizedAt: 0,
          expiresAt: Date.now() + 60_000,
        });
        masters.add(await running().masterOf(`{${key}}`));
        // Scripts on entry + lock keys run: they would fail with CROSSSLOT otherwise.
        expect(await store.delete(key, 1)).toBe(true);
      }
      expect(masters.size).toBeGreaterThan(1);
      await store.close();
    });

    it('warns at start-up, by name, that the nodes have no persistence', async () => {
      const store = await open();
      expect(store.warnings.length).toBeGreaterThanOrEqual(3);
      expect(store.warnings.join('\n')).toMatch(/persistence is off \(appendonly no, save ""\)/);
      await store.close();
    });

    it('parses redis+cluster:// and describes it without the password', () => {
      const parsed = parseStoreUrl('redis+cluster://u:hunter2@127.0.0.1:7000,127.0.0.1:7001');
      expect(parsed).toMatchObject({
        ok: true,
        spec: { kind: 'redis', description: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' },
      });
      expect(JSON.stringify(parsed)).not.toContain('hunter2');
    });

    it('two service replicas: single flight over HTTP, and a failover of the handle’s master while refreshes run gives only 200s and 503s, never a 500, and loses no rotated token', async () => {
      const stack = await startReferenceStack({
        store: running().url,
        env: { TOKEN_STORE_PURGE_MINUTES: '1' },
      });
      try {
        const replicas = [await stack.startReplica(), await stack.startReplica()];
        const handle = await stack.swap(replicas[0] as SwapService);
        const refreshAt = (i: number) =>
          post(replicas[i % 2]?.refreshUrl ?? '', { refresh_token: handle });
        // The upstream call takes 300 ms, so all 30 arrive while the first refresh is in flight.
        stack.mock.faults.inject('token', { kind: 'delay', ms: 300 });
        const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => refreshAt(i)));
        expect(burst.map((answer) => answer.status)).toStrictEqual(Array(30).fill(200));
        expect(stack.upstreamRefreshes()).toBe(1);
        // The replica that did not refresh waited on the other's lock, and says so in /metrics.
        const waits = await Promise.all(
          replicas.map(async (replica) => {
            const text = (await send(`${replica?.url}/metrics`, { method: 'GET' })).text;
            const line = text
              .split('\n')
              .find((l) =>
                l.startsWith('tokenswap_refresh_lock_wait_seconds_count{outcome="reused"}'),
              );
            return Number(line?.split(' ')[1] ?? 0);
          }),
        );
        expect(waits.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);

        const master = await running().masterOf(`{${handleKey(handle)}}`);
        const statuses: number[] = [];
        let stop = false;
        const loop = (async () => {
          for (let i = 0; !stop; i += 1) {
            statuses.push((await refreshAt(i)).status);
            await sleep(20);
          }
        })();
        await sleep(300);
        await running().kill(master);
        const killedAt = statuses.length;
        await running().waitHealthy();
        // Keep refreshing until the promoted replica has served this handle a few times. Whether
        // a refresh meets the failover (503) or ioredis's retry rides it out (200) depends on
        // timing on a loaded machine; what must never come is anything else.
        await expect
          .poll(
            () =>
              statuses.length >= killedAt + 3 &&
              statuses.slice(-3).every((status) => status === 200),
            {
              timeout: 20_000,
              interval: 100,
            },
          )
          .toBe(true)
          .catch((error: unknown) => {
            throw new Error(`statuses ${statuses.join(',')}`, { cause: error });
          });
        stop = true;
        await loop;
        expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
        expect(await running().masterOf(`{${handleKey(handle)}}`)).not.toBe(master);
        // Every rotation survived: the stored token is still the one Spotify accepts.
        expect((await refreshAt(0)).status).toBe(200);
      } finally {
        await stack.close();
      }
    }, 60_000);
  },
);
