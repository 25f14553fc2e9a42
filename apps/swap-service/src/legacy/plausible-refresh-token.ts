/**
 * Bounds for a decrypted refresh token. Spotify's are about 130 characters; the upper bound is
 * core's limit on a posted refresh_token.
 */
export const MIN_REFRESH_TOKEN_LENGTH = 16;
export const MAX_REFRESH_TOKEN_LENGTH = 8192;

/**
 * How strictly the plaintext is checked:
 * - `'printable'`: printable ASCII without spaces (0x21–0x7E). Enough after a block cipher,
 *   whose PKCS#7 check already rejects ~255/256 wrong secrets: a wrong secret passing both is
 *   about (94/256)^16 / 256 ≈ 4e-10 for the shortest token.
 * - `'token'`: the refresh-token alphabet `[A-Za-z0-9._~+/=-]` (Spotify's are base64url). Needed
 *   after a stream cipher (aes-256-ctr), where every wrong secret "decrypts" to random bytes:
 *   passing is (67/256)^16 ≈ 2e-10 for the shortest token, far less for real ones.
 */
export type PlaintextCheck = 'printable' | 'token';

const PRINTABLE = /^[\x21-\x7e]+$/;
const TOKEN_ALPHABET = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * Returns the plaintext as a string if it looks like a refresh token, else `undefined`: the
 * guard against a wrong secret that happened to decrypt without an error. Never throws.
 *
 * @example
 * ```ts
 * plausibleRefreshToken(Buffer.from('AQBx8hGc3_wmMTfwq3Vl2wnP'), 'token'); // 'AQBx8hGc3_wmMTfwq3Vl2wnP'
 * plausibleRefreshToken(Buffer.from([0x91, 0x96, 0xb4]), 'printable');   // undefined
 * ```
 */
export function plausibleRefreshToken(
  plaintext: Uint8Array,
  check: PlaintextCheck,
): string | undefined {
  if (plaintext.length < MIN_REFRESH_TOKEN_LENGTH || plaintext.length > MAX_REFRESH_TOKEN_LENGTH) {
    return undefined;
  }
  // latin1 maps each byte to one code unit, so the regexes see every byte as it is.
  const text = Buffer.from(plaintext).toString('latin1');
  const pattern = check === 'token' ? TOKEN_ALPHABET : PRINTABLE;
  return pattern.test(text) ? text : undefined;
}
