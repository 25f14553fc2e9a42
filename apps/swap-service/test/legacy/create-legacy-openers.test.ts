import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLegacyOpeners, decryptEncryptedStrings } from '../../src/legacy/index.js';
import { opensslCli, ruby } from './helpers/external-tools.js';
import {
  nodeCreateCipher,
  nodeCreateCipherHex,
  opensslCreateCipherHex,
} from './helpers/openssl-create-cipher.js';
import { rubyEncryptedStrings } from './helpers/ruby-encrypted-strings.js';

/** Shaped like the mock's (and Spotify's) refresh tokens: 'AQ' + base64url. */
const spotifyLikeToken = () => `AQ${randomBytes(96).toString('base64url')}`;
const OLD_SECRET = 'cFJLyifeUJUBFWdHzVbykfDmPHtLKLGzViHW9aHGmyTLD8hGXC';
const NEW_SECRET = 'a-rotated-secret-2026';
/** A fixed plaintext, so the wrong-secret statistics below are deterministic. */
const FIXED_TOKEN = 'AQDfixed_refresh-token_for_the_false_positive_check_0123456789abcdefXYZ';
const WRONG_SECRETS = Array.from({ length: 2000 }, (_, i) => `wrong-${i}`);

describe(`createLegacyOpeners: encrypted-strings tokens made by Ruby${ruby.skipNote}`, () => {
  const tokens = Array.from({ length: 8 }, spotifyLikeToken);
  let underOld: string[] = [];
  let underNew = '';
  let fixed = '';

  beforeAll(() => {
    if (ruby.skip) return;
    const produced = rubyEncryptedStrings([
      ...tokens.map((plaintext) => ({ plaintext, secret: OLD_SECRET })),
      { plaintext: tokens[0] ?? '', secret: NEW_SECRET },
      { plaintext: FIXED_TOKEN, secret: OLD_SECRET },
    ]);
    underOld = produced.slice(0, tokens.length);
    underNew = produced[tokens.length] ?? '';
    fixed = produced[tokens.length + 1] ?? '';
  }, 60_000);

  const opener = () => createLegacyOpeners({ secrets: [OLD_SECRET] });
  const expectOpened = (sent: string, index: number) =>
    expect(opener().open(sent)).toEqual({
      ok: true,
      refreshToken: tokens[index],
      format: 'encrypted-strings',
    });

  it.skipIf(ruby.skip)('opens the token as the gem wrote it (with newlines)', () => {
    underOld.forEach((sealed, index) => {
      expect(sealed).toContain('\n');
      expectOpened(sealed, index);
    });
  });

  it.skipIf(ruby.skip)('opens it without newlines', () => {
    for (const [index, sealed] of underOld.entries())
      expectOpened(sealed.replaceAll('\n', ''), index);
  });

  it.skipIf(ruby.skip)('opens it with literal \\n pairs, as bih’s clients send it', () => {
    for (const [index, sealed] of underOld.entries())
      expectOpened(sealed.replaceAll('\n', '\\n'), index);
  });

  it.skipIf(ruby.skip)('opens it percent-encoded, and with "+" turned into " "', () => {
    for (const [index, sealed] of underOld.entries())
      expectOpened(encodeURIComponent(sealed), index);
    const withPlus = underOld.filter((sealed) => sealed.includes('+'));
    expect(withPlus.length).toBeGreaterThan(0); // 8 tokens of ~184 chars: all '+'-free ≈ 1e-10
    for (const sealed of withPlus)
      expectOpened(sealed.replaceAll('+', ' '), underOld.indexOf(sealed));
  });

  it.skipIf(ruby.skip)(
    'tries rotated secrets in order; a token opens only with its own secret',
    () => {
      const both = createLegacyOpeners({ secrets: [NEW_SECRET, OLD_SECRET] });
      expect(both.open(underNew)).toMatchObject({ ok: true, refreshToken: tokens[0] });
      expect(both.open(underOld[1] ?? '')).toMatchObject({ ok: true, refreshToken: tokens[1] });
      expect(createLegacyOpeners({ secrets: [NEW_SECRET] }).open(underOld[1] ?? '')).toEqual({
        ok: false,
      });
    },
  );

  it.skipIf(ruby.skip)('a wrong secret gives { ok: false }, never a near-miss', () => {
    expect(createLegacyOpeners({ secrets: ['not-the-secret'] }).open(underOld[0] ?? '')).toEqual({
      ok: false,
    });
  });

  it.skipIf(ruby.skip)(
    'the plaintext check stops wrong secrets whose PKCS#7 padding happens to fit (~1/256)',
    () => {
      const ciphertext = Buffer.from(fixed, 'base64');
      const paddingFits = WRONG_SECRETS.filter(
        (secret) => decryptEncryptedStrings(ciphertext, secret) !== undefined,
      );
      // Without the plaintext check these would all "open" to garbage.
      expect(paddingFits.length).toBeGreaterThan(0);
      expect(createLegacyOpeners({ secrets: paddingFits }).open(fixed)).toEqual({ ok: false });
      expect(createLegacyOpeners({ secrets: [...WRONG_SECRETS, OLD_SECRET] }).open(fixed)).toEqual({
        ok: true,
        refreshToken: FIXED_TOKEN,
        format: 'encrypted-strings',
      });
    },
    30_000,
  );
});

describe(`createLegacyOpeners: create-cipher tokens made by openssl${opensslCli.skipNote}`, () => {
  const token = spotifyLikeToken();

  it.skipIf(opensslCli.skip)('opens hex from aes-256-ctr (the default method)', () => {
    const hex = opensslCreateCipherHex(token, OLD_SECRET, 'aes-256-ctr');
    const opener = createLegacyOpeners({ secrets: [OLD_SECRET] });
    expect(opener.open(hex)).toEqual({ ok: true, refreshToken: token, format: 'create-cipher' });
    expect(opener.open(hex.toUpperCase())).toMatchObject({ ok: true, refreshToken: token });
    expect(opener.open(`${hex}\n`)).toMatchObject({ ok: true, refreshToken: token });
  });

  it.skipIf(opensslCli.skip)(
    'honours ENCRYPTION_METHOD (createCipherMethod), e.g. aes-256-cbc',
    () => {
      const hex = opensslCreateCipherHex(token, OLD_SECRET, 'aes-256-cbc');
      const cbc = createLegacyOpeners({ secrets: [OLD_SECRET], createCipherMethod: 'aes-256-cbc' });
      expect(cbc.open(hex)).toEqual({ ok: true, refreshToken: token, format: 'create-cipher' });
      // Under the default method (ctr) the same hex is garbage, and the plaintext check says so.
      expect(createLegacyOpeners({ secrets: [OLD_SECRET] }).open(hex)).toEqual({ ok: false });
    },
  );

  it.skipIf(opensslCli.skip)('rotation and wrong secrets: opens with its own secret only', () => {
    const hex = opensslCreateCipherHex(token, OLD_SECRET, 'aes-256-ctr');
    expect(createLegacyOpeners({ secrets: [NEW_SECRET, OLD_SECRET] }).open(hex)).toMatchObject({
      ok: true,
      refreshToken: token,
    });
    // aes-256-ctr has no padding: every wrong secret "decrypts". The token-alphabet check is
    // what rejects all 2000 of them.
    expect(createLegacyOpeners({ secrets: WRONG_SECRETS }).open(hex)).toEqual({ ok: false });
  });
});

const noCreateCipher = nodeCreateCipher === undefined;
describe(`createLegacyOpeners: tokens from Node's own crypto.createCipher${
  noCreateCipher ? ` [skipped: removed in Node 22; this is ${process.version}]` : ''
}`, () => {
  it.skipIf(noCreateCipher)('opens what the React Native example server produced', () => {
    const token = spotifyLikeToken();
    const hex = nodeCreateCipherHex(token, OLD_SECRET, 'aes-256-ctr');
    expect(createLegacyOpeners({ secrets: [OLD_SECRET] }).open(hex)).toEqual({
      ok: true,
      refreshToken: token,
      format: 'create-cipher',
    });
  });
});

describe('createLegacyOpeners: anything else', () => {
  const opener = createLegacyOpeners({ secrets: [OLD_SECRET, NEW_SECRET] });

  it('does not open tokenswap-sealed tokens, raw Spotify tokens or junk', () => {
    for (const token of ['v1.k1.AAAA', spotifyLikeToken(), '', ' ', '%', '\\n', 'zz'.repeat(40)]) {
      expect(opener.open(token)).toEqual({ ok: false });
    }
  });

  it('opens nothing with no secrets, and refuses oversized input cheaply', () => {
    expect(createLegacyOpeners({ secrets: [] }).open('MU6e/5LvhKA=')).toEqual({ ok: false });
    expect(opener.open('A'.repeat(1_000_000))).toEqual({ ok: false });
  });

  it('never throws and never opens random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.stringMatching(/^[0-9a-f]{16,300}$/),
          fc.stringMatching(/^[A-Za-z0-9+/]{16,300}={0,2}$/),
        ),
        (token) => {
          expect(opener.open(token)).toEqual({ ok: false });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects, at construction, an ENCRYPTION_METHOD whose tokens cannot be opened', () => {
    expect(() =>
      createLegacyOpeners({ secrets: ['s'], createCipherMethod: 'aes-256-gcm' }),
    ).toThrow(RangeError);
    expect(() => createLegacyOpeners({ secrets: ['s'], createCipherMethod: 'nope' })).toThrow(
      /createCipherMethod "nope"/,
    );
  });
});
