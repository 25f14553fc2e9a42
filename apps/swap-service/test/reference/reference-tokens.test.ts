import {
  fail,
  generateKeySpec,
  importKeyring,
  type Keyring,
  looksSealed,
  openRefreshToken,
  TokenSwapError,
} from '@tokenswap/core';
import { testKeyring } from '@tokenswap/test-support/keys';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleKey } from '../../src/reference/handle.js';
import { createMemoryStore } from '../../src/reference/memory-store.js';
import { ReferenceTokens } from '../../src/reference/reference-tokens.js';
import type { ReferenceStore } from '../../src/reference/store.js';
import { StoreUnavailableError } from '../../src/reference/store-unavailable.js';
import { RotatingUpstream } from './helpers/fixtures.js';

const CLIENT = 'tokenswap-demo-client';
const DAY = 86_400_000;
const INVALID = { code: 'invalid_grant', status: 400, description: 'Invalid refresh token' };

let keyring: Keyring;
let store: ReferenceStore;
let upstream: RotatingUpstream;
let now: number;
let tokens: ReferenceTokens;

beforeEach(async () => {
  keyring = await testKeyring();
  store = createMemoryStore();
  upstream = new RotatingUpstream();
  now = Date.UTC(2026, 10, 24);
  tokens = new ReferenceTokens({ store, keyring, clock: () => now });
});

async function newHandle(authorizedAt?: number): Promise<string> {
  const created = await tokens.create({
    clientId: CLIENT,
    refreshToken: upstream.issue(),
    ...(authorizedAt === undefined ? {} : { authorizedAt }),
  });
  if (!created.ok) throw created.error;
  return created.value;
}

describe('ReferenceTokens.create', () => {
  it('returns a stable-format handle, unlike a sealed token', async () => {
    const handle = await newHandle();
    expect(handle).toMatch(/^rt1_[A-Za-z0-9_-]{43}$/);
    expect(tokens.isHandle(handle)).toBe(true);
    expect(looksSealed(handle)).toBe(false);
    expect(await newHandle()).not.toBe(handle);
  });

  it('stores only sealed data under the hash of the handle', async () => {
    const handle = await newHandle();
    expect(await store.get(handle)).toBeUndefined();
    const entry = await store.get(handleKey(handle));
    expect(entry).toMatchObject({ clientId: CLIENT, version: 1, authorizedAt: now });
    expect(entry?.expiresAt).toBe(now + 182 * DAY);
    expect(looksSealed(entry?.sealedToken ?? '')).toBe(true);
    expect(JSON.stringify(entry)).not.toContain('AQ-refresh');
  });
});

describe('ReferenceTokens.refresh', () => {
  it('keeps an app that never stores a new refresh token logged in across 10 rotations', async () => {
    const handle = await newHandle();
    for (let i = 1; i <= 10; i += 1) {
      now += 3_600_000;
      const result = await tokens.refresh(handle, CLIENT, upstream.refresh);
      expect(result).toStrictEqual({
        ok: true,
        value: {
          accessToken: `BQ-access-${i}`,
          tokenType: 'Bearer',
          expiresIn: 3600,
          scope: 'user-read-private',
        },
      });
    }
    expect(upstream.calls).toBe(10);
    const entry = await store.get(handleKey(handle));
    expect(entry?.version).toBe(11);
    expect(JSON.stringify(entry)).not.toMatch(/AQ-refresh|BQ-access/);
  });

  it('keeps the stored token (freshly sealed) when Spotify does not rotate', async () => {
    upstream.rotate = false;
    const handle = await newHandle();
    const [token] = upstream.validTokens;
    for (let i = 0; i < 3; i += 1) {
      expect((await tokens.refresh(handle, CLIENT, upstream.refresh)).ok).toBe(true);
    }
    const key = handleKey(handle);
    const stored = (await store.get(key))?.sealedToken ?? '';
    const context = { clientId: `${CLIENT}\u0000ref\u0000${key}` };
    expect(await openRefreshToken(stored, keyring, context)).toStrictEqual({
      ok: true,
      value: token,
    });
  });

  it('20 concurrent refreshes of one handle call Spotify once and all get its tokens', async () => {
    upstream.delayMs = 50;
    const handle = await newHandle();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => tokens.refresh(handle, CLIENT, upstream.refresh)),
    );
    expect(upstream.calls).toBe(1);
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, value: { accessToken: 'BQ-access-1' } });
    }
    // The rotated token was kept: the next refresh works.
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
    expect(upstream.calls).toBe(2);
  });

  it('in one process, concurrent callers share one flight: the store lock is taken once', async () => {
    upstream.delayMs = 30;
    const handle = await newHandle();
    let lockAttempts = 0;
    const counting: ReferenceStore = {
      ...store,
      acquireLock: (key, ttlMs) => {
        lockAttempts += 1;
        return store.acquireLock(key, ttlMs);
      },
    };
    const counted = new ReferenceTokens({ store: counting, keyring });
    await Promise.all(
      Array.from({ length: 20 }, () => counted.refresh(handle, CLIENT, upstream.refresh)),
    );
    expect(lockAttempts).toBe(1);
    expect(upstream.calls).toBe(1);
  });

  it('passes Spotify errors through and keeps the stored token', async () => {
    const handle = await newHandle();
    const failing = async () => {
      const { TokenSwapError, fail } = await import('@tokenswap/core');
      return fail(
        new TokenSwapError('temporarily_unavailable', 'Rate limited', {
          status: 429,
          retryAfter: 7,
        }),
      );
    };
    const result = await tokens.refresh(handle, CLIENT, failing);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ status: 429, retryAfter: 7 });
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
  });

  it('refuses a handle of another app without calling Spotify, even during its refresh', async () => {
    upstream.delayMs = 30;
    const handle = await newHandle();
    const [legit, foreign] = await Promise.all([
      tokens.refresh(handle, CLIENT, upstream.refresh),
      tokens.refresh(handle, 'someone-else', upstream.refresh),
    ]);
    expect(legit.ok).toBe(true);
    expect(foreign).toMatchObject({ ok: false, error: INVALID });
    expect(upstream.calls).toBe(1);
  });

  it.each([
    ['unknown handle', `rt1_${'A'.repeat(43)}`],
    ['malformed handle', 'rt1_short'],
    ['sealed-mode token', 'v1.test.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['empty string', ''],
  ])('answers invalid_grant for an %s without calling Spotify', async (_, value) => {
    expect(await tokens.refresh(value, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: INVALID,
    });
    expect(upstream.calls).toBe(0);
  });

  it('a sealed token copied onto another handle does not open (AAD binds the handle)', async () => {
    const a = await newHandle();
    const b = await newHandle();
    const stolen = (await store.get(handleKey(a)))?.sealedToken as string;
    await store.replaceToken(handleKey(b), { sealedToken: stolen });
    expect(await tokens.refresh(b, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: INVALID,
    });
    expect(upstream.calls).toBe(0);
  });
});

describe('ReferenceTokens.revoke', () => {
  it('deletes the token: a later refresh is invalid_grant; revoking again is fine', async () => {
    const handle = await newHandle();
    expect(await tokens.revoke(handle, CLIENT)).toStrictEqual({ ok: true, value: true });
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: INVALID,
    });
    expect(await tokens.revoke(handle, CLIENT)).toStrictEqual({ ok: true, value: false });
    expect(await tokens.revoke('not-a-handle', CLIENT)).toStrictEqual({ ok: true, value: false });
    expect(upstream.calls).toBe(0);
  });

  it('regression: refuses to revoke a handle of another client (RFC 7009 §2.1); it keeps working', async () => {
    const handle = await newHandle();
    expect(await tokens.revoke(handle, 'another-client')).toMatchObject({
      ok: false,
      error: INVALID,
    });
    expect(await store.get(handleKey(handle))).toBeDefined();
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
  });
});

describe('entries Spotify no longer accepts', () => {
  it('are deleted at the first invalid_grant: the next refresh does not call Spotify', async () => {
    const handle = await newHandle();
    const [token] = upstream.validTokens;
    // The user removed the app in their Spotify account: the stored token is dead upstream.
    upstream.revoke(token as string);
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: { code: 'invalid_grant', description: 'Refresh token revoked' },
    });
    expect(await store.get(handleKey(handle))).toBeUndefined();
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: INVALID,
    });
    expect(upstream.calls).toBe(1);
  });

  it('a failure other than invalid_grant (a Spotify outage) keeps the entry', async () => {
    const handle = await newHandle();
    const failing = async () =>
      fail(new TokenSwapError('temporarily_unavailable', 'down', { status: 503 }));
    expect(await tokens.refresh(handle, CLIENT, failing)).toMatchObject({ ok: false });
    expect(await store.get(handleKey(handle))).toBeDefined();
  });
});

describe('key rotation', () => {
  it('re-seals a stored token under the primary key when it is refreshed, rotated or not', async () => {
    const keyringOf = async (...specs: ReturnType<typeof generateKeySpec>[]) => {
      const imported = await importKeyring(specs);
      if (!imported.ok) throw imported.error;
      return imported.value;
    };
    const old = generateKeySpec({ id: 'old' });
    const newer = generateKeySpec({ id: 'newer' });
    upstream.rotate = false;
    tokens = new ReferenceTokens({ store, keyring: await keyringOf(old), clock: () => now });
    const handle = await newHandle();
    const kid = async () => (await store.get(handleKey(handle)))?.sealedToken.split('.')[1];
    expect(await kid()).toBe('old');
    tokens = new ReferenceTokens({ store, keyring: await keyringOf(newer, old), clock: () => now });
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
    expect(await kid()).toBe('newer');
    // The old key can now be retired: the handle works under a keyring without it.
    tokens = new ReferenceTokens({ store, keyring: await keyringOf(newer), clock: () => now });
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
  });
});

describe('scheduled purge', () => {
  it('runs on one replica per interval: the other finds the lease taken and skips', async () => {
    const other = new ReferenceTokens({ store, keyring, clock: () => now });
    await newHandle(now - 183 * DAY);
    expect(await tokens.purgeWithLease(60_000)).toStrictEqual({ ok: true, value: 1 });
    expect(await other.purgeWithLease(60_000)).toStrictEqual({ ok: true, value: 'skipped' });
    expect(await tokens.purgeWithLease(60_000)).toStrictEqual({ ok: true, value: 'skipped' });
  });
});

describe('refresh-token lifetime (6 months from authorization)', () => {
  it('works until the limit, then answers "expired" without calling Spotify; purge removes it', async () => {
    const handle = await newHandle();
    now += 182 * DAY - 1;
    expect((await tokens.refresh(handle, CLIENT, upstream.refresh)).ok).toBe(true);
    now += 1;
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_grant',
        status: 400,
        description: 'Refresh token expired; the user must authorize again',
      },
    });
    expect(upstream.calls).toBe(1);
    const fresh = await newHandle();
    expect(await tokens.purgeExpired()).toStrictEqual({ ok: true, value: 1 });
    expect(await store.get(handleKey(handle))).toBeUndefined();
    expect(await store.get(handleKey(fresh))).toBeDefined();
  });

  it('counts from when the user authorized, and the lifetime is configurable', async () => {
    tokens = new ReferenceTokens({
      store,
      keyring,
      clock: () => now,
      refreshTokenLifetimeMs: 30 * DAY,
    });
    const handle = await newHandle(now - 30 * DAY);
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({
      ok: false,
      error: { description: 'Refresh token expired; the user must authorize again' },
    });
  });
});

describe('a lock whose release failed (store blipped)', () => {
  it('is released in the background once the store answers again, not left to its 20 s TTL', async () => {
    let failReleases = 1;
    const flaky: ReferenceStore = {
      ...store,
      async releaseLock(key, token) {
        if (failReleases-- > 0) throw new StoreUnavailableError('memory');
        return store.releaseLock(key, token);
      },
    };
    tokens = new ReferenceTokens({ store: flaky, keyring, clock: () => now });
    const handle = await newHandle();
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject({ ok: true });
    expect(await store.acquireLock(handleKey(handle), 1000)).toBeUndefined();
    await expect
      .poll(() => store.acquireLock(handleKey(handle), 1000), { timeout: 2000, interval: 50 })
      .toEqual(expect.any(String));
  });
});

describe('store outage', () => {
  it('every operation answers 503 temporarily_unavailable, never throws', async () => {
    const handle = await newHandle();
    await store.close();
    const unavailable = {
      ok: false,
      error: { code: 'temporarily_unavailable', status: 503, retryAfter: 1 },
    };
    expect(await tokens.refresh(handle, CLIENT, upstream.refresh)).toMatchObject(unavailable);
    expect(await tokens.create({ clientId: CLIENT, refreshToken: 'x' })).toMatchObject(unavailable);
    expect(await tokens.revoke(handle, CLIENT)).toMatchObject(unavailable);
    expect(await tokens.purgeExpired()).toMatchObject(unavailable);
    expect(upstream.calls).toBe(0);
  });
});
