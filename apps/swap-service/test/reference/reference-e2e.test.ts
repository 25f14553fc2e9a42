import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAfterEach, post } from '@tokenswap/test-support';
import {
  deleteKeys,
  redisForTests,
  redisUnavailableReason,
  skipOwnRedis,
  skipRedis,
  spawnRedis,
} from '@tokenswap/test-support/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isHandle } from '../../src/reference/handle.js';
import { me } from '../helpers/stack.js';
import { startReferenceStack } from './helpers/reference-stack.js';

const DAY_S = 86_400;
const INVALID = { error: 'invalid_grant', error_description: 'Invalid refresh token' };

const closeLater = closeAfterEach(afterEach);

describe('reference mode over HTTP (memory store, mock rotating every refresh)', () => {
  it('/swap answers a handle; an app that keeps it stays logged in across 10 rotations', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    expect(isHandle(handle)).toBe(true);
    for (let i = 0; i < 10; i += 1) {
      const answer = await post(service.refreshUrl, { refresh_token: handle });
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.json).sort()).toStrictEqual([
        'access_token',
        'expires_in',
        'scope',
        'token_type',
      ]);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect((await me(stack.mock.url, answer.json.access_token)).status).toBe(200);
    }
    expect(stack.upstreamRefreshes()).toBe(10);
    expect(stack.mock.stats().refreshTokens).toBeGreaterThanOrEqual(11);
  });

  it('20 concurrent refreshes of one handle reach Spotify once', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    stack.mock.faults.inject('token', { kind: 'delay', ms: 100 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(service.refreshUrl, { refresh_token: handle })),
    );
    expect(answers.map((a) => a.status)).toStrictEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.json.access_token)).size).toBe(1);
    expect(stack.upstreamRefreshes()).toBe(1);
    expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
  });

  it('POST /revoke deletes the handle; idempotent; refresh then answers invalid_grant', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    const revokeUrl = `${service.url}/revoke`;
    for (let i = 0; i < 2; i += 1) {
      const answer = await post(revokeUrl, { refresh_token: handle });
      expect([answer.status, answer.json]).toStrictEqual([200, {}]);
    }
    const refreshed = await post(service.refreshUrl, { refresh_token: handle });
    expect([refreshed.status, refreshed.json]).toStrictEqual([400, INVALID]);
    expect(stack.upstreamRefreshes()).toBe(0);
    expect(
      (
        await post(revokeUrl, {
          refresh_token: 'v1.k1.not-a-real-sealed-token-but-shaped-like-one',
        })
      ).status,
    ).toBe(200);
    const missing = await post(revokeUrl, {});
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('invalid_request');
    expect((await post(revokeUrl, 'refresh_token=x', 'text/plain')).status).toBe(415);
    const get = await fetch(revokeUrl);
    expect(get.status).toBe(405);
  });

  it('6 months after authorization: invalid_grant "expired" without calling Spotify', async () => {
    const stack = closeLater(
      await startReferenceStack({
        store: 'memory:',
        mock: { refreshTokenLifetimeSeconds: 400 * DAY_S },
      }),
    );
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    stack.mock.clock.advance(182 * DAY_S - 60);
    expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
    stack.mock.clock.advance(60);
    const expired = await post(service.refreshUrl, { refresh_token: handle });
    expect([expired.status, expired.json]).toStrictEqual([
      400,
      {
        error: 'invalid_grant',
        error_description: 'Refresh token expired; the user must authorize again',
      },
    ]);
    expect(stack.upstreamRefreshes()).toBe(1);
  });

  it('REFRESH_TOKEN_LIFETIME_DAYS shortens the limit', async () => {
    const stack = closeLater(
      await startReferenceStack({
        store: 'memory:',
        env: { REFRESH_TOKEN_LIFETIME_DAYS: '30' },
      }),
    );
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    stack.mock.clock.advance(30 * DAY_S);
    expect((await post(service.refreshUrl, { refresh_token: handle })).json.error_description).toBe(
      'Refresh token expired; the user must authorize again',
    );
  });

  it('a handle from another service (other keys) is invalid_grant; Spotify errors pass through', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    const service = await stack.startReplica();
    const handle = await stack.swap(service);
    const unknown = `rt1_${'Q'.repeat(43)}`;
    expect((await post(service.refreshUrl, { refresh_token: unknown })).json).toStrictEqual(
      INVALID,
    );
    stack.mock.faults.inject('token', { kind: 'rate-limit', retryAfter: 7 });
    const limited = await post(service.refreshUrl, { refresh_token: handle });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
  });

  it('sealed tokens issued before the switch keep working in reference mode', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    const sealedService = await stack.startReplica({
      TOKEN_MODE: 'sealed',
      TOKEN_STORE: '',
      TOKEN_STORE_ALLOW_MEMORY: '',
    });
    const sealed = await stack.swap(sealedService);
    expect(sealed.startsWith('v1.')).toBe(true);
    const referenceService = await stack.startReplica();
    const answer = await post(referenceService.refreshUrl, { refresh_token: sealed });
    expect(answer.status).toBe(200);
    // Rotated upstream: the sealed-mode answer carries the newly sealed token, as before.
    expect(answer.json.refresh_token.startsWith('v1.')).toBe(true);
  });

  it('development mode (no credentials) runs reference mode on memory: by default', async () => {
    const { startSwapService } = await import('../../src/start-swap-service.js');
    const service = await startSwapService({
      env: { TOKEN_MODE: 'reference' },
      port: 0,
      logger: false,
    });
    try {
      expect(service.config.reference).toMatchObject({ storeKind: 'memory' });
      const mock = service.dev?.mock;
      if (mock === undefined) throw new Error('expected development mode');
      const swapped = await post(service.swapUrl, { code: mock.mintCode() });
      expect(isHandle(swapped.json.refresh_token)).toBe(true);
      const refreshed = await post(service.refreshUrl, {
        refresh_token: swapped.json.refresh_token,
      });
      expect(refreshed.status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('refuses to start in production reference mode without TOKEN_STORE', async () => {
    const stack = closeLater(await startReferenceStack({ store: 'memory:' }));
    await expect(stack.startReplica({ TOKEN_STORE: '' })).rejects.toThrow(
      /TOKEN_STORE: is required/,
    );
  });
});

describe('reference mode with a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('handles survive a restart of the service', async () => {
    const stack = closeLater(
      await startReferenceStack({ store: `sqlite:${join(dir, 'tokens.db')}` }),
    );
    const first = await stack.startReplica();
    const handle = await stack.swap(first);
    await first.close();
    const second = await stack.startReplica();
    expect((await post(second.refreshUrl, { refresh_token: handle })).status).toBe(200);
    expect((await post(second.refreshUrl, { refresh_token: handle })).status).toBe(200);
  });
});

describe.skipIf(skipRedis)(
  `reference mode with Redis${skipRedis ? ` (skipped: ${redisUnavailableReason})` : ''}`,
  () => {
    let redis: { url: string; dispose: () => Promise<void> };
    // The service writes under its own key prefix; database 15 keeps that apart from anything
    // else on a shared Redis, and the keys are removed afterwards.
    let serviceUrl = '';
    beforeAll(async () => {
      redis = await redisForTests();
      const url = new URL(redis.url);
      url.pathname = '/15';
      serviceUrl = url.href;
    });
    afterAll(async () => {
      if (serviceUrl !== '') await deleteKeys(serviceUrl, 'tokenswap:ref:*');
      await redis?.dispose();
    });

    it('two replicas serve one handle alternately and, under contention, call Spotify once', async () => {
      const stack = closeLater(await startReferenceStack({ store: serviceUrl }));
      const a = await stack.startReplica();
      const b = await stack.startReplica();
      const handle = await stack.swap(a);
      for (const service of [a, b, a, b]) {
        expect((await post(service.refreshUrl, { refresh_token: handle })).status).toBe(200);
      }
      expect(stack.upstreamRefreshes()).toBe(4);
      stack.mock.faults.inject('token', { kind: 'delay', ms: 150 });
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post((i % 2 ? a : b).refreshUrl, { refresh_token: handle }),
        ),
      );
      expect(answers.map((x) => x.status)).toStrictEqual(Array(10).fill(200));
      expect(new Set(answers.map((x) => x.json.access_token)).size).toBe(1);
      expect(stack.upstreamRefreshes()).toBe(5);
    });

    it.skipIf(skipOwnRedis)(
      'answers 503 temporarily_unavailable while Redis is down, and recovers',
      async () => {
        // Registered first, so it is disposed of after the stack that uses it.
        const own = closeLater(await spawnRedis());
        const stack = closeLater(await startReferenceStack({ store: own.url }));
        const service = await stack.startReplica();
        const handle = await stack.swap(service);
        own.save();
        await own.kill();
        const down = await post(service.refreshUrl, { refresh_token: handle });
        expect([down.status, down.json]).toStrictEqual([
          503,
          {
            error: 'temporarily_unavailable',
            error_description: 'The token store is temporarily unavailable; try again shortly',
          },
        ]);
        expect(down.headers['retry-after']).toBe('1');
        const swapDown = await post(service.swapUrl, { code: stack.mock.mintCode() });
        expect(swapDown.status).toBe(503);
        await own.start();
        await expect
          .poll(async () => (await post(service.refreshUrl, { refresh_token: handle })).status, {
            timeout: 10_000,
            interval: 100,
          })
          .toBe(200);
      },
      30_000,
    );

    it('refuses to start when Redis cannot be reached, without printing the password', async () => {
      const own = await spawnRedis();
      await own.kill();
      const stack = closeLater(
        await startReferenceStack({ store: `redis://u:hunter2@127.0.0.1:${own.port}` }),
      );
      const error = await stack.startReplica().catch((e: unknown) => e as Error);
      await own.dispose();
      expect(String(error)).toContain(`TOKEN_STORE: cannot open redis://127.0.0.1:${own.port}`);
      expect(String(error)).not.toContain('hunter2');
    }, 30_000);
  },
);
