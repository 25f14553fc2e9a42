import { repairRefreshToken as normalizeLegacyToken } from '@tokenswap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenAlphabet } from '../../src/legacy/index.js';

/** A gem-style token: Base64 with a newline every 60 characters and at the end. */
const GEM_TOKEN = `${'A+b/'.repeat(15)}\n${'c+D/'.repeat(15)}\nxyZ=\n`;
const COMPACT = `${'A+b/'.repeat(15)}${'c+D/'.repeat(15)}xyZ=`;

describe('normalizeLegacyToken', () => {
  it('removes the gem’s real line breaks (and CRLF)', () => {
    expect(normalizeLegacyToken(GEM_TOKEN)).toBe(COMPACT);
    expect(normalizeLegacyToken(GEM_TOKEN.replaceAll('\n', '\r\n'))).toBe(COMPACT);
  });

  it('removes literal \\n pairs as bih’s clients send them', () => {
    expect(normalizeLegacyToken(GEM_TOKEN.replaceAll('\n', '\\n'))).toBe(COMPACT);
    expect(normalizeLegacyToken(GEM_TOKEN.replaceAll('\n', '\\r\\n'))).toBe(COMPACT);
  });

  it('turns spaces back into "+" (a form post that did not URL-encode the token)', () => {
    expect(normalizeLegacyToken(GEM_TOKEN.replaceAll('+', ' '))).toBe(COMPACT);
    // Even at the ends: a leading or trailing '+' must survive.
    expect(normalizeLegacyToken(' abc ')).toBe('+abc+');
  });

  it('decodes a token that arrived still percent-encoded', () => {
    expect(normalizeLegacyToken(encodeURIComponent(GEM_TOKEN))).toBe(COMPACT);
    expect(normalizeLegacyToken('MU6e%2f5LvhKA%3d%0a')).toBe('MU6e/5LvhKA=');
  });

  it('leaves a compact token and a hex token as they are', () => {
    expect(normalizeLegacyToken(COMPACT)).toBe(COMPACT);
    expect(normalizeLegacyToken('9196b43d5f10c193')).toBe('9196b43d5f10c193');
  });

  it('is total: any string in, a string out, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        expect(typeof normalizeLegacyToken(raw)).toBe('string');
      }),
    );
  });
});

describe('tokenAlphabet', () => {
  it('tells Base64 from hex', () => {
    expect(tokenAlphabet('MU6e/5LvhKA=')).toEqual({ hex: false, base64: true });
    expect(tokenAlphabet(COMPACT)).toEqual({ hex: false, base64: true });
  });

  it('sees that even-length hex is also Base64 text', () => {
    expect(tokenAlphabet('9196b43d5f10c193')).toEqual({ hex: true, base64: true });
    expect(tokenAlphabet('9196b43d5f')).toEqual({ hex: true, base64: true }); // unpadded, 10 ≡ 2
  });

  it('accepts Base64 whose padding was stripped, but not an impossible length', () => {
    expect(tokenAlphabet('MU6e/5LvhKA')).toEqual({ hex: false, base64: true });
    expect(tokenAlphabet('MU6e/')).toEqual({ hex: false, base64: false }); // 5 ≡ 1 (mod 4)
    expect(tokenAlphabet('MU6e/5Lvh=')).toEqual({ hex: false, base64: false }); // padded, 10
  });

  it('rejects everything else', () => {
    for (const token of ['', 'a', 'AQB-x_y', 'v1.k1.abc', 'MU6e/5L=vhKA', 'with space', '%41%42']) {
      expect(tokenAlphabet(token)).toEqual({ hex: false, base64: false });
    }
  });
});
