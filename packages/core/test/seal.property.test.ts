import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeBase64Url,
  encodeBase64Url,
  importKeyring,
  type Keyring,
  openRefreshToken,
  sealRefreshToken,
} from '../src/index.js';
import { expectValue } from './helpers.js';

// Runs are kept modest: the machine is shared and each case does real AES-GCM.
const RUNS = { numRuns: 150 };
let keyring: Keyring;
const clientIdArb = fc.string({ unit: 'grapheme', maxLength: 40 });

beforeAll(async () => {
  keyring = expectValue(
    await importKeyring([
      { id: 'k1', key: encodeBase64Url(new Uint8Array(32).fill(1)) },
      { id: 'k2', key: encodeBase64Url(new Uint8Array(32).fill(2)) },
    ]),
  );
});

const INVALID = {
  ok: false,
  error: expect.objectContaining({ code: 'invalid_grant', description: 'Invalid refresh token' }),
};

describe('seal/open properties', () => {
  it('round-trips arbitrary unicode strings for arbitrary client ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        clientIdArb,
        async (token, clientId) => {
          const sealed = await sealRefreshToken(token, keyring, { clientId });
          expect(await openRefreshToken(sealed, keyring, { clientId })).toEqual({
            ok: true,
            value: token,
          });
        },
      ),
      RUNS,
    );
  });

  it('any single-bit flip of the decoded payload fails to open', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 100 }),
        fc.nat(),
        fc.nat(7),
        async (token, at, bit) => {
          const sealed = await sealRefreshToken(token, keyring, { clientId: 'c' });
          const body = decodeBase64Url(sealed.slice('v1.k1.'.length)) as Uint8Array;
          const index = at % body.length;
          body[index] = (body[index] as number) ^ (1 << bit);
          const tampered = `v1.k1.${encodeBase64Url(body)}`;
          expect(await openRefreshToken(tampered, keyring, { clientId: 'c' })).toEqual(INVALID);
        },
      ),
      RUNS,
    );
  });

  it('any single-bit flip of the sealed string fails to open', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 100 }),
        fc.nat(),
        fc.nat(6),
        async (token, at, bit) => {
          const sealed = await sealRefreshToken(token, keyring, { clientId: 'c' });
          const index = at % sealed.length;
          const flipped = String.fromCharCode(sealed.charCodeAt(index) ^ (1 << bit));
          const tampered = sealed.slice(0, index) + flipped + sealed.slice(index + 1);
          expect(await openRefreshToken(tampered, keyring, { clientId: 'c' })).toEqual(INVALID);
        },
      ),
      RUNS,
    );
  });

  it('any truncation fails to open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), fc.nat(), async (token, cut) => {
        const sealed = await sealRefreshToken(token, keyring, { clientId: 'c' });
        const truncated = sealed.slice(0, cut % sealed.length);
        expect(await openRefreshToken(truncated, keyring, { clientId: 'c' })).toEqual(INVALID);
      }),
      RUNS,
    );
  });

  it('swapping the key id fails to open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), async (token) => {
        const sealed = await sealRefreshToken(token, keyring, { clientId: 'c' });
        const swapped = sealed.replace(/^v1\.k1\./, 'v1.k2.');
        expect(await openRefreshToken(swapped, keyring, { clientId: 'c' })).toEqual(INVALID);
      }),
      RUNS,
    );
  });

  it('another client id fails to open', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 50 }),
        clientIdArb,
        clientIdArb,
        async (token, a, b) => {
          fc.pre(a !== b);
          const sealed = await sealRefreshToken(token, keyring, { clientId: a });
          expect(await openRefreshToken(sealed, keyring, { clientId: b })).toEqual(INVALID);
        },
      ),
      RUNS,
    );
  });

  it('opening arbitrary strings never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.base64String().map((s) => `v1.k1.${s}`),
        ),
        async (value) => {
          const result = await openRefreshToken(value, keyring, { clientId: 'c' });
          expect(result).toEqual(INVALID);
        },
      ),
      RUNS,
    );
  });
});

describe('base64url properties', () => {
  it('decode(encode(bytes)) is the identity and the encoding is canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(decodeBase64Url(text)).toEqual(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it('decode accepts only canonical strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const bytes = decodeBase64Url(text);
        if (bytes !== undefined) expect(encodeBase64Url(bytes)).toBe(text);
      }),
    );
  });
});
