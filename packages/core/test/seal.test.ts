import { describe, expect, it } from 'vitest';
import {
  encodeBase64Url,
  importKeyring,
  type Keyring,
  looksSealed,
  openRefreshToken,
  sealRefreshToken,
} from '../src/index.js';
import { expectError, expectValue, fixedRandom } from './helpers.js';

const KEY_A = encodeBase64Url(new Uint8Array(32).fill(1));
const KEY_B = encodeBase64Url(new Uint8Array(32).fill(2));
const ctx = { clientId: 'tokenswap-demo-client' };

async function keyring(...specs: [string, string][]): Promise<Keyring> {
  return expectValue(await importKeyring(specs.map(([id, key]) => ({ id, key }))));
}

async function expectRejected(
  sealed: string,
  ring: Keyring,
  clientId = ctx.clientId,
): Promise<void> {
  const error = expectError(await openRefreshToken(sealed, ring, { clientId }));
  expect(error.toJSON()).toEqual({
    error: 'invalid_grant',
    error_description: 'Invalid refresh token',
  });
  expect(error.status).toBe(400);
  expect(error.cause).toBeUndefined();
}

describe('sealRefreshToken / openRefreshToken', () => {
  it('round-trips and produces the v1 format with the sealing key id', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const sealed = await sealRefreshToken('AQB-real-refresh-token', ring, ctx);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('AQB-real');
    expect(expectValue(await openRefreshToken(sealed, ring, ctx))).toBe('AQB-real-refresh-token');
  });

  it('uses a fresh IV each time, so the same token seals differently', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const a = await sealRefreshToken('same', ring, ctx);
    const b = await sealRefreshToken('same', ring, ctx);
    expect(a).not.toBe(b);
  });

  it('is deterministic with an injected random source (the IV is the first 12 bytes)', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const random = fixedRandom(new Uint8Array([7]));
    const a = await sealRefreshToken('same', ring, ctx, { random });
    expect(a).toBe(await sealRefreshToken('same', ring, ctx, { random }));
    expect(a.startsWith(`v1.k1.${encodeBase64Url(new Uint8Array(12).fill(7))}`)).toBe(true);
  });

  it('rotation: the first key seals, every key opens', async () => {
    const before = await keyring(['old', KEY_B]);
    const sealedBefore = await sealRefreshToken('t', before, ctx);
    const after = await keyring(['new', KEY_A], ['old', KEY_B]);
    expect(expectValue(await openRefreshToken(sealedBefore, after, ctx))).toBe('t');
    expect(await sealRefreshToken('t', after, ctx)).toMatch(/^v1\.new\./);
    // Once the old key is dropped, its tokens no longer open.
    await expectRejected(sealedBefore, await keyring(['new', KEY_A]));
  });

  it('a token sealed for one client id does not open for another', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const sealed = await sealRefreshToken('t', ring, { clientId: 'app-a' });
    await expectRejected(sealed, ring, 'app-b');
    await expectRejected(sealed, ring, '');
  });

  it('a value bound beyond the client (boundTo) opens only with the same label and key', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const row = { clientId: 'app-a', boundTo: { label: 'ref', key: 'row-1' } };
    const sealed = await sealRefreshToken('t', ring, row);
    expect(expectValue(await openRefreshToken(sealed, ring, row))).toBe('t');
    await expectRejected(sealed, ring, 'app-a');
    for (const boundTo of [
      { label: 'ref', key: 'row-2' },
      { label: 'ref-result', key: 'row-1' },
    ]) {
      expect((await openRefreshToken(sealed, ring, { clientId: 'app-a', boundTo })).ok).toBe(false);
    }
    const junk = { clientId: 'app-a', boundTo: { label: 1, key: 'row-1' } } as never;
    expect((await openRefreshToken(sealed, ring, junk)).ok).toBe(false);
    await expect(sealRefreshToken('t', ring, junk)).rejects.toThrow(TypeError);
    // A token sealed for the bare client id does not open as a bound value either.
    const bare = await sealRefreshToken('t', ring, { clientId: 'app-a' });
    expect((await openRefreshToken(bare, ring, row)).ok).toBe(false);
  });

  it('a key id relabelled to another known key does not open', async () => {
    const ring = await keyring(['k1', KEY_A], ['k2', KEY_B]);
    const sealed = await sealRefreshToken('t', ring, ctx);
    await expectRejected(sealed.replace('v1.k1.', 'v1.k2.'), ring);
    // Same key under two ids: the AAD still binds the id.
    const twin = await keyring(['k1', KEY_A], ['k9', KEY_A]);
    await expectRejected(sealed.replace('v1.k1.', 'v1.k9.'), twin);
  });

  it.each([
    ['empty', ''],
    ['another version', 'v2.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['no key id', 'v1..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an unknown key id', 'v1.nope.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a too-short body', 'v1.k1.AAAA'],
    ['padding', 'v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=='],
    ['an impossible base64 length', `v1.k1.${'A'.repeat(41)}`],
    ['non-canonical trailing bits', `v1.k1.${'A'.repeat(38)}B`],
    ['a legacy encrypted_strings token', 'MU6e/5LvhKA='],
    ['an oversized string', `v1.k1.${'A'.repeat(20000)}`],
  ])('rejects %s with the same error', async (_label, sealed) => {
    await expectRejected(sealed, await keyring(['k1', KEY_A]));
  });

  it('rejects a valid-looking body that fails authentication', async () => {
    await expectRejected(`v1.k1.${'A'.repeat(40)}`, await keyring(['k1', KEY_A]));
  });

  it('rejects ciphertext that decrypts to invalid UTF-8 (sealed by someone else with our key)', async () => {
    const raw = await crypto.subtle.importKey('raw', new Uint8Array(32).fill(1), 'AES-GCM', false, [
      'encrypt',
    ]);
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`v1.k1.${ctx.clientId}`) },
      raw,
      new Uint8Array([0xff, 0xfe]),
    );
    const sealed = `v1.k1.${encodeBase64Url(new Uint8Array([...iv, ...new Uint8Array(ct)]))}`;
    await expectRejected(sealed, await keyring(['k1', KEY_A]));
  });

  it('open never throws on junk arguments', async () => {
    const ring = await keyring(['k1', KEY_A]);
    await expectRejected(42 as never, ring);
    const sealed = await sealRefreshToken('t', ring, ctx);
    expect((await openRefreshToken(sealed, {} as Keyring, ctx)).ok).toBe(false);
    expect((await openRefreshToken(sealed, ring, null as never)).ok).toBe(false);
    // A token sealed for the client id "undefined" must not open for a missing client id.
    const forUndefined = await sealRefreshToken('t', ring, { clientId: 'undefined' });
    expect(await openRefreshToken(forUndefined, ring, { clientId: 'undefined' })).toEqual({
      ok: true,
      value: 't',
    });
    expect((await openRefreshToken(forUndefined, ring, {} as never)).ok).toBe(false);
    expect((await openRefreshToken(forUndefined, ring, null as never)).ok).toBe(false);
  });

  it('seal throws TypeError on programming errors (foreign keyring, bad random source)', async () => {
    await expect(sealRefreshToken('t', { ids: ['k1'] }, ctx)).rejects.toThrow(TypeError);
    const ring = await keyring(['k1', KEY_A]);
    await expect(
      sealRefreshToken('t', ring, ctx, { random: () => new Uint8Array(4) }),
    ).rejects.toThrow('random source must return a Uint8Array of 12 bytes');
  });

  it('encodes as UTF-8: a lone surrogate comes back as U+FFFD', async () => {
    const ring = await keyring(['k1', KEY_A]);
    const sealed = await sealRefreshToken('a\ud800b', ring, ctx);
    expect(expectValue(await openRefreshToken(sealed, ring, ctx))).toBe('a\ufffdb');
  });

  it('passphrase keys seal and open, and are bound to their key id', async () => {
    const ring = expectValue(
      await importKeyring([{ id: 'pp', passphrase: 'correct horse battery staple' }]),
    );
    const sealed = await sealRefreshToken('t', ring, ctx);
    expect(expectValue(await openRefreshToken(sealed, ring, ctx))).toBe('t');
  });
});

describe('looksSealed', () => {
  it.each([
    [`v1.k1.${'A'.repeat(38)}`, true],
    [`v1.${'a'.repeat(32)}.${'A'.repeat(40)}`, true],
    [`v1.k1.${'A'.repeat(37)}`, false],
    [`v1.${'a'.repeat(33)}.${'A'.repeat(40)}`, false],
    [`v2.k1.${'A'.repeat(40)}`, false],
    [`v1.k.1.${'A'.repeat(40)}`, false],
    ['MU6e/5LvhKA=\n', false],
    ['AQBx5eEfYkEWZ9b1w5_RvqJbSZEV3ajw3Vv0kMG1', false],
    [`v1.k1.${'A'.repeat(20000)}`, false],
  ])('%j → %s', (value, expected) => {
    expect(looksSealed(value)).toBe(expected);
  });

  it('is false for non-strings', () => {
    expect(looksSealed(undefined)).toBe(false);
    expect(looksSealed(42)).toBe(false);
  });

  it('is true for what sealRefreshToken produces', async () => {
    const ring = expectValue(await importKeyring([{ id: 'k1', key: KEY_A }]));
    expect(looksSealed(await sealRefreshToken('', ring, ctx))).toBe(true);
  });
});
