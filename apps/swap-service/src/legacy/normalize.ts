/**
 * Longest token (after normalization) worth trying. Core already caps a posted refresh_token
 * at 8192 bytes; this guard only keeps the opener cheap when called directly.
 */
export const MAX_LEGACY_TOKEN_LENGTH = 16_384;

/** `%XX` escapes left in a token that a client URL-encoded once more than the form needed. */
const PERCENT_ESCAPE = /%([0-9A-Fa-f]{2})/g;
/** bih's clients send the Base64 line breaks as the two characters `\` `n` (and maybe `\r`). */
const LITERAL_LINE_BREAK = /\\[rn]/g;
/** Base64 line breaks and stray indentation: never part of either format's alphabet. */
const WHITESPACE = /[\t\n\v\f\r]/g;

/**
 * Turns a legacy refresh token, as it may arrive after the service's form parser, back into
 * the compact ciphertext text the old server produced (Base64 without line breaks, or hex):
 *
 * 1. `' '` → `'+'`: a token posted without URL-encoding has its `+` read as a space (never
 *    otherwise present: neither Base64 nor hex has spaces);
 * 2. `%XX` escapes are decoded once more (a client that encoded the token twice);
 * 3. literal `\n` / `\r` pairs (bih's clients) and real line breaks are removed — the gem's
 *    Base64 puts a newline every 60 characters and at the end, and decoding ignores them.
 *
 * Pure and total: returns a string for any input (possibly one that no format accepts).
 *
 * @example
 * ```ts
 * normalizeLegacyToken('MU6e/5LvhKA=\\n');      // 'MU6e/5LvhKA='
 * normalizeLegacyToken('MU6e%2F5LvhKA%3D%0A'); // 'MU6e/5LvhKA='
 * normalizeLegacyToken('ab c=');               // 'ab+c='
 * ```
 */
export function normalizeLegacyToken(raw: string): string {
  // No trim(): a leading or trailing space is a '+' that lost its encoding.
  return raw
    .replaceAll(' ', '+')
    .replace(PERCENT_ESCAPE, (_escape, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
    .replace(LITERAL_LINE_BREAK, '')
    .replace(WHITESPACE, '');
}
