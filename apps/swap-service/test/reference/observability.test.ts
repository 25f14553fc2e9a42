import { spawnSync } from 'node:child_process';
import { closeAfterEach, post, send } from '@tokenswap/test-support';
import { redisUnavailableReason, skipOwnRedis, spawnRedis } from '@tokenswap/test-support/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBanner } from '../../src/banner.js';
import { openRedisStore } from '../../src/reference/redis-store.js';
import { startReferenceStack } from './helpers/reference-stack.js';

const PASSWORD = 's3cret-redis-pw';
const closeLater = closeAfterEach(afterEach);

const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), '--no-auth-warning', '-a', PASSWORD, ...args], {
    encoding: 'utf8',
  }).stdout.trim();

const metric = (text: string, line: string): number => {
  const found = text.split('\n').find((candidate) => candidate.startsWith(line));
  return found === undefined ? Number.NaN : Number(found.slice(line.length).trim());
};

describe.skipIf(skipOwnRedis)(
  `reference mode is visible${skipOwnRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    it('names mode and store (never its password) first, warns by name about an evicting, non-persistent Redis', async () => {
      const redis = closeLater(await spawnRedis());
      spawnSync('redis-cli', ['-p', String(redis.port), 'CONFIG', 'SET', 'requirepass', PASSWORD]);
      cli(redis.port, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      const lines: string[] = [];
      const stack = closeLater(
        await startReferenceStack({ store: `redis://:${PASSWORD}@127.0.0.1:${redis.port}` }),
      );
      const service = await stack.startReplica({}, { write: (line) => void lines.push(line) });
      const store = `redis://127.0.0.1:${redis.port}`;
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
        msg: `token mode: reference, store ${store}`,
        tokenMode: 'reference',
        tokenStore: store,
      });
      const warnings = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
      expect(warnings.map((entry) => entry.msg)).toStrictEqual([
        `token store: 127.0.0.1:${redis.port}: maxmemory-policy is allkeys-lru: under memory pressure Redis evicts handles (users logged out) and locks; set maxmemory-policy noeviction`,
        `token store: 127.0.0.1:${redis.port}: persistence is off (appendonly no, save ""): a restart drops every handle; set appendonly yes`,
      ]);
      expect(formatBanner(service)).toContain(`  tokens: reference mode, store ${store}`);
      expect(lines.join('\n') + formatBanner(service)).not.toContain(PASSWORD);
    }, 20_000);

    it('a Redis that refuses CONFIG (managed services) is checked through INFO, and says what it could not read', async () => {
      const redis = closeLater(await spawnRedis());
      spawnSync('redis-cli', [
        '-p',
        String(redis.port),
        'ACL',
        'SETUSER',
        'app',
        'on',
        '>app-pw',
        '~*',
        '+@all',
        '-config',
      ]);
      const store = await openRedisStore({ url: `redis://app:app-pw@127.0.0.1:${redis.port}` });
      expect(store.warnings).toStrictEqual([
        `127.0.0.1:${redis.port}: appendonly is off and the save setting could not be read; a restart may drop handles; set appendonly yes`,
      ]);
      await store.close();
    });

    it('a durable Redis (noeviction, appendonly yes) gets no warning', async () => {
      const redis = closeLater(await spawnRedis());
      spawnSync('redis-cli', ['-p', String(redis.port), 'CONFIG', 'SET', 'appendonly', 'yes']);
      const lines: string[] = [];
      const stack = closeLater(await startReferenceStack({ store: redis.url }));
      await stack.startReplica({}, { write: (line) => void lines.push(line) });
      expect(lines.filter((line) => JSON.parse(line).level >= 40)).toStrictEqual([]);
    }, 20_000);

    it('/metrics shows store latency, entries and errors; a hung Redis is not ready, /healthz stays instant, refreshes answer 503 in about the command timeout', async () => {
      const redis = closeLater(await spawnRedis());
      const stack = closeLater(await startReferenceStack({ store: redis.url }));
      const service = await stack.startReplica();
      const handle = await stack.swap(service);
      expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
      const scrape = async () => (await send(`${service.url}/metrics`, { method: 'GET' })).text;
      const before = await scrape();
      expect(
        metric(
          before,
          'tokenswap_store_operation_duration_seconds_count{store="redis",operation="get"}',
        ),
      ).toBeGreaterThanOrEqual(1);
      expect(metric(before, 'tokenswap_store_entries')).toBe(1);

      redis.pause();
      try {
        const started = performance.now();
        const health = await send(`${service.url}/healthz`, { method: 'GET' });
        expect(health.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(500);
        const ready = await send(`${service.url}/readyz`, { method: 'GET' });
        expect({ status: ready.status, body: ready.json }).toStrictEqual({
          status: 503,
          body: { status: 'token store unavailable' },
        });
        const refreshStarted = performance.now();
        const refused = await post(service.refreshUrl, { refresh_token: handle });
        expect(refused.status).toBe(503);
        expect(refused.json.error).toBe('temporarily_unavailable');
        expect(performance.now() - refreshStarted).toBeLessThan(4000);
      } finally {
        redis.resume();
      }
      const after = await scrape();
      expect(
        metric(after, 'tokenswap_store_errors_total{store="redis",operation="get"}'),
      ).toBeGreaterThanOrEqual(1);
      await expect
        .poll(async () => (await post(service.refreshUrl, { refresh_token: handle })).status, {
          timeout: 10_000,
        })
        .toBe(200);
      expect((await send(`${service.url}/readyz`, { method: 'GET' })).status).toBe(200);
    }, 30_000);
  },
);
