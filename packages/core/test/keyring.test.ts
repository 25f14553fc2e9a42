import { describe, expect, it } from 'vitest';
import {
  type AesGcm,
  encodeBase64Url,
  formatKeyringSpec,
  generateKeySpec,
  importKeyring,
  type KeySpec,
  openRefreshToken,
  parseKeyringSpec,
  sealRefreshToken,
  webCryptoAesGcm,
} from '../src/index.js';
import { expectError, expectValue, fixedRandom } from './helpers.js';

// Two keys from node:crypto's randomBytes: parseKeyringSpec refuses patterned ones.
const KEY_A = 'MeyHCaomDKrYF8ze-mcTs5lA2G8pHdgkkp60F5FnYkA';
const KEY_B = '4gtBBZNB5c4BS8KlWAnq80bYO9XmW5ZAvPSn1kQnJjk';
const bytesKey = (bytes: Iterable<number>) => encodeBase64Url(Uint8Array.from(bytes));

describe('parseKeyringSpec', () => {
  it('parses "kid:key,kid2:key2" in order, trimming whitespace', () => {
    expect(expectValue(parseKeyringSpec(` new:${KEY_A} , old:${KEY_B}`))).toEqual([
      { id: 'new', key: KEY_A },
      { id: 'old', key: KEY_B },
    ]);
  });

  it('tolerates = padding on a key', () => {
    expect(expectValue(parseKeyringSpec(`k:${KEY_A}=`))).toEqual([{ id: 'k', key: `${KEY_A}=` }]);
  });

  it.each([
    ['', 'keyring spec is empty; expected "kid:base64urlkey[,kid2:key2...]"'],
    ['   ', 'keyring spec is empty; expected "kid:base64urlkey[,kid2:key2...]"'],
    ['justakey', 'keyring entry 1: expected "<key id>:<base64url key>"'],
    [`bad.id:${KEY_A}`, 'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)'],
    [`:${KEY_A}`, 'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)'],
    [`${'a'.repeat(33)}:${KEY_A}`, 'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)'],
    ['k:not*base64', 'keyring entry 1 ("k"): key is not base64url'],
    ['k:', 'keyring entry 1 ("k"): key is not base64url'],
    [
      'k:AAAA',
      'keyring entry 1 ("k"): key is 3 bytes, expected 32 (generate one with generateKeySpec)',
    ],
    [`k:${KEY_A},k:${KEY_B}`, 'keyring entry 2 ("k"): duplicate key id'],
    [`k:${KEY_A},`, 'keyring entry 2: expected "<key id>:<base64url key>"'],
  ])('rejects %j', (spec, description) => {
    const error = expectError(parseKeyringSpec(spec));
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(500);
    expect(error.description).toBe(description);
  });

  it('lists every bad entry at once and never prints key material', () => {
    const error = expectError(parseKeyringSpec(`a:AAAA,b:${KEY_A},a:${KEY_B},c:x!`));
    expect(error.description).toBe(
      'keyring entry 1 ("a"): key is 3 bytes, expected 32 (generate one with generateKeySpec); ' +
        'keyring entry 3 ("a"): duplicate key id; keyring entry 4 ("c"): key is not base64url',
    );
    expect(error.description).not.toContain(KEY_A);
  });

  // Regressions (issue 16): weak or repeated keys were accepted.
  it.each([
    ['all zero bytes', bytesKey(new Uint8Array(32)), 'key is all zero bytes'],
    ['one byte value', bytesKey(new Uint8Array(32).fill(0x41)), 'key has too little entropy'],
    [
      'a short pattern repeated',
      bytesKey(Array.from({ length: 32 }, (_, i) => [0xde, 0xad, 0xbe, 0xef][i % 4] as number)),
      'key has too little entropy',
    ],
    [
      'a counting sequence',
      bytesKey(Array.from({ length: 32 }, (_, i) => i)),
      'key has too little entropy',
    ],
    [
      'a counting sequence with a stride',
      bytesKey(Array.from({ length: 32 }, (_, i) => (i * 37 + 5) & 0xff)),
      'key has too little entropy',
    ],
  ])('refuses %s, naming the key id and never the key', (_name, key, why) => {
    const error = expectError(parseKeyringSpec(`k1:${KEY_A},weak-one:${key}`));
    expect(error.description).toMatch(new RegExp(`^keyring entry 2 \\("weak-one"\\): ${why}`));
    expect(error.description).not.toContain(key);
    expect(error.description).not.toContain(key.slice(0, 8));
  });

  it('refuses the same key under two ids, naming both ids and not the key', () => {
    const error = expectError(parseKeyringSpec(`new:${KEY_A},old:${KEY_B},copy:${KEY_A}=`));
    expect(error.description).toBe(
      'keyring entry 3 ("copy"): same key as entry 1 ("new"); each key id needs its own key',
    );
    expect(error.description).not.toContain(KEY_A.slice(0, 8));
  });

  it('names a long id only by position: it may be key material pasted as `key:id`', () => {
    const error = expectError(parseKeyringSpec(`${'ab12'.repeat(8)}:k1`));
    expect(error.description).toBe('keyring entry 1: key is not base64url');
  });

  it('accepts every random key (10,000 fresh ones)', () => {
    for (let i = 0; i < 10_000; i += 1) {
      const key = bytesKey(crypto.getRandomValues(new Uint8Array(32)));
      expect(parseKeyringSpec(`k:${key}`).ok).toBe(true);
    }
  });

  it('rejects a spec that is not a string', () => {
    expect(expectError(parseKeyringSpec(undefined as never)).status).toBe(500);
  });
});

describe('importKeyring', () => {
  it('imports keys; the first seals, ids in order; no key material is visible', async () => {
    const keyring = expectValue(
      await importKeyring([
        { id: 'new', key: KEY_A },
        { id: 'old', key: KEY_B },
      ]),
    );
    expect(keyring.ids).toEqual(['new', 'old']);
    expect(Object.isFrozen(keyring)).toBe(true);
    expect(JSON.stringify(keyring)).toBe('{"ids":["new","old"]}');
  });

  it.each<[string, KeySpec[], string]>([
    ['no keys', [], 'keyring has no keys; at least one is needed to seal'],
    [
      'neither key nor passphrase',
      [{ id: 'a' }],
      'keyring entry 1 ("a"): give exactly one of key or passphrase',
    ],
    [
      'both',
      [{ id: 'a', key: KEY_A, passphrase: 'p' }],
      'keyring entry 1 ("a"): give exactly one of key or passphrase',
    ],
    [
      'a bad id',
      [{ id: 'a b', key: KEY_A }],
      'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)',
    ],
    [
      'a bad passphrase id',
      [{ id: 'a.b', passphrase: 'p' }],
      'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)',
    ],
    [
      'a non-string id',
      [{ id: 5, key: KEY_A } as never],
      'keyring entry 1: bad key id (1-32 of A-Z a-z 0-9 _ -)',
    ],
    [
      'a short key',
      [{ id: 'a', key: 'AAAA' }],
      'keyring entry 1 ("a"): key is 3 bytes, expected 32 (generate one with generateKeySpec)',
    ],
    [
      'a non-string key',
      [{ id: 'a', key: 7 } as never],
      'keyring entry 1 ("a"): key is not base64url',
    ],
    [
      'an empty passphrase',
      [{ id: 'a', passphrase: '' }],
      'keyring entry 1 ("a"): passphrase is empty',
    ],
    [
      'a duplicate id',
      [
        { id: 'a', key: KEY_A },
        { id: 'a', passphrase: 'p' },
      ],
      'keyring entry 2 ("a"): duplicate key id',
    ],
    ['a junk entry', [null as never], 'keyring entry 1: not a key spec object'],
  ])('rejects %s', async (_label, specs, description) => {
    const error = expectError(await importKeyring(specs));
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(500);
    expect(error.description).toBe(description);
  });

  it('rejects something that is not an array', async () => {
    expect(expectError(await importKeyring('k:x' as never)).description).toBe(
      'keyring has no keys; at least one is needed to seal',
    );
  });
});

describe('generateKeySpec / formatKeyringSpec', () => {
  it('makes 32 random bytes as base64url that parseKeyringSpec accepts', () => {
    const spec = generateKeySpec({ id: 'fresh' });
    expect(spec.id).toBe('fresh');
    expect(spec.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expectValue(parseKeyringSpec(formatKeyringSpec([spec])))).toEqual([spec]);
  });

  it('draws a default id from the injected random source', () => {
    const spec = generateKeySpec({ random: fixedRandom(new Uint8Array([0xff])) });
    expect(spec).toEqual({ id: 'k________', key: `${'_'.repeat(42)}8` });
  });

  it('gives different keys on each call by default', () => {
    expect(generateKeySpec().key).not.toBe(generateKeySpec().key);
  });

  it('formats key specs and skips passphrase ones', () => {
    expect(
      formatKeyringSpec([
        { id: 'a', key: KEY_A },
        { id: 'p', passphrase: 'x' },
        { id: 'b', key: KEY_B },
      ]),
    ).toBe(`a:${KEY_A},b:${KEY_B}`);
  });
});

describe('importKeyring with another AES-GCM primitive', () => {
  it('seals and opens through the given primitive, WebCrypto by default', async () => {
    const calls: string[] = [];
    const recording: AesGcm = {
      encrypt: (...args) => {
        calls.push('encrypt');
        return webCryptoAesGcm.encrypt(...args);
      },
      decrypt: (...args) => {
        calls.push('decrypt');
        return webCryptoAesGcm.decrypt(...args);
      },
    };
    const specs: KeySpec[] = [{ id: 'k', key: KEY_A }];
    const through = expectValue(await importKeyring(specs, { aesGcm: recording }));
    const plain = expectValue(await importKeyring(specs));
    const sealed = await sealRefreshToken('AQD-token', through, { clientId: 'c' });
    expect(calls).toEqual(['encrypt']);
    expect(expectValue(await openRefreshToken(sealed, through, { clientId: 'c' }))).toBe(
      'AQD-token',
    );
    expect(calls).toEqual(['encrypt', 'decrypt']);
    // Same bytes: the default keyring opens it without touching the recording primitive.
    expect(expectValue(await openRefreshToken(sealed, plain, { clientId: 'c' }))).toBe('AQD-token');
    expect(calls).toHaveLength(2);
  });

  it('keys stay non-extractable unless the primitive asks to read them', async () => {
    const seen: boolean[] = [];
    const watching = (extractableKeys: boolean): AesGcm => ({
      extractableKeys,
      encrypt: (key, ...rest) => {
        seen.push(key.extractable);
        return webCryptoAesGcm.encrypt(key, ...rest);
      },
      decrypt: webCryptoAesGcm.decrypt,
    });
    for (const wants of [false, true]) {
      const keyring = expectValue(
        await importKeyring([{ id: 'k', key: KEY_A }], { aesGcm: watching(wants) }),
      );
      await sealRefreshToken('AQD-token', keyring, { clientId: 'c' });
    }
    expect(seen).toEqual([false, true]);
  });

  it('a primitive that throws on open gives the one invalid_grant answer, never the throw', async () => {
    const failing: AesGcm = {
      encrypt: webCryptoAesGcm.encrypt,
      decrypt: () => {
        throw new Error('tag mismatch: secret detail');
      },
    };
    const keyring = expectValue(
      await importKeyring([{ id: 'k', key: KEY_A }], { aesGcm: failing }),
    );
    const sealed = await sealRefreshToken('AQD-token', keyring, { clientId: 'c' });
    const opened = expectError(await openRefreshToken(sealed, keyring, { clientId: 'c' }));
    expect(opened.toJSON()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
  });
});
