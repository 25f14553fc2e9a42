/** Which legacy encodings a normalized token's characters allow. */
export interface TokenAlphabet {
  /** Even-length hex: the React Native example server's `createCipher` output. */
  readonly hex: boolean;
  /** Standard Base64 (padding optional): the `encrypted_strings` gem's output. */
  readonly base64: boolean;
}

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;
/** Standard alphabet, `=` padding only at the end. */
const BASE64 = /^[A-Za-z0-9+/]+(={1,2})?$/;

/**
 * Tells which formats a normalized token (see core's `repairRefreshToken`) can possibly be in.
 * Both may be true: every even-length hex string is also valid Base64 text. Pure, never throws.
 *
 * @example
 * ```ts
 * tokenAlphabet('MU6e/5LvhKA=');     // { hex: false, base64: true }
 * tokenAlphabet('9196b43d5f10c193'); // { hex: true, base64: true } — hex is Base64 text too
 * tokenAlphabet('9196b');            // { hex: false, base64: false }
 * ```
 */
export function tokenAlphabet(token: string): TokenAlphabet {
  const match = BASE64.exec(token);
  // Padded text comes in whole quads; unpadded text (a client that stripped the '=') can end in
  // 2 or 3 characters, never 1.
  const base64 =
    match !== null && (match[1] !== undefined ? token.length % 4 === 0 : token.length % 4 !== 1);
  return { hex: HEX.test(token), base64 };
}
