import { describe, expect, it } from 'vitest';
import {
  MAX_REFRESH_TOKEN_LENGTH,
  MIN_REFRESH_TOKEN_LENGTH,
  plausibleRefreshToken,
} from '../../src/legacy/index.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const SPOTIFY_LIKE = 'AQBx8hGc3_wmMTfwq3Vl2wnP-4dKe0LqZs9rYuT1oI7pAaSdFgHjKlZxCvBnM';

describe('plausibleRefreshToken', () => {
  it('accepts a Spotify-shaped (base64url) token under both checks', () => {
    expect(plausibleRefreshToken(ascii(SPOTIFY_LIKE), 'token')).toBe(SPOTIFY_LIKE);
    expect(plausibleRefreshToken(ascii(SPOTIFY_LIKE), 'printable')).toBe(SPOTIFY_LIKE);
  });

  it('rejects control bytes, high bytes and spaces', () => {
    for (const bad of [`${SPOTIFY_LIKE}\u0000`, `${SPOTIFY_LIKE}\u00e9`, `${SPOTIFY_LIKE} x`]) {
      expect(plausibleRefreshToken(ascii(bad), 'printable')).toBeUndefined();
      expect(plausibleRefreshToken(ascii(bad), 'token')).toBeUndefined();
    }
  });

  it("'token' is stricter than 'printable' (for stream ciphers, which have no padding check)", () => {
    const punctuated = `${SPOTIFY_LIKE}!{}`;
    expect(plausibleRefreshToken(ascii(punctuated), 'printable')).toBe(punctuated);
    expect(plausibleRefreshToken(ascii(punctuated), 'token')).toBeUndefined();
  });

  it('rejects implausible lengths', () => {
    const shortest = 'A'.repeat(MIN_REFRESH_TOKEN_LENGTH);
    expect(plausibleRefreshToken(ascii(shortest), 'token')).toBe(shortest);
    expect(plausibleRefreshToken(ascii(shortest.slice(1)), 'token')).toBeUndefined();
    expect(plausibleRefreshToken(ascii('A'.repeat(MAX_REFRESH_TOKEN_LENGTH + 1)), 'token')).toBe(
      undefined,
    );
  });
});
