import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../src/index.js';
import { utf8Length } from '../src/internal/text.js';

describe('base64url', () => {
  it.each([
    [[], ''],
    [[0xfb], '-w'],
    [[0xfb, 0xff], '-_8'],
    [[0xfb, 0xff, 0xbf], '-_-_'],
  ])('encodes %j as %j and back', (bytes, text) => {
    expect(encodeBase64Url(new Uint8Array(bytes))).toBe(text);
    expect(decodeBase64Url(text)).toEqual(new Uint8Array(bytes));
  });

  it.each(['A', 'AAAAA', 'AB', 'AAB', 'A+/A', 'AA==', 'AAé', 'AAA.'])('rejects %j', (text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });
});

describe('utf8Length', () => {
  it.each(['', 'a', 'é', '€', '🎵', 'a🎵é', '\ud800', '\ud800x', '\udc00', 'x\ud800'])(
    'matches TextEncoder for %j',
    (text) => {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});
