/**
 * Own Base64 / Base64url codec on `Uint8Array`, because core may use no Node-only API, nor
 * `atob`/`btoa` on binary strings (slow, and `atob` is lenient about what it accepts).
 * Decoding is strict: only the alphabet, no padding, and the unused low bits of the last
 * character must be zero — so every byte string has exactly one accepted spelling and a
 * flipped bit in a sealed token can never decode to the same bytes.
 */

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const URL_DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < URL_ALPHABET.length; i++) URL_DECODE[URL_ALPHABET.charCodeAt(i)] = i;

const URL_CODES = Uint8Array.from(URL_ALPHABET, (c) => c.charCodeAt(0));
const STD_CODES = Uint8Array.from(STD_ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
// Writing ASCII codes into a byte array and decoding once is several times faster than
// concatenating characters (the seal benchmark is measured against raw WebCrypto).
const asciiDecoder = new TextDecoder('latin1');

function encodeWith(alphabet: Uint8Array, bytes: Uint8Array, pad: boolean): string {
  const rest = bytes.length % 3;
  const full = bytes.length - rest;
  const tail = rest === 0 ? 0 : pad ? 4 : rest + 1;
  const out = new Uint8Array((full / 3) * 4 + tail);
  let o = 0;
  let i = 0;
  for (; i < full; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = alphabet[n >>> 18] as number;
    out[o++] = alphabet[(n >>> 12) & 63] as number;
    out[o++] = alphabet[(n >>> 6) & 63] as number;
    out[o++] = alphabet[n & 63] as number;
  }
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = alphabet[n >>> 18] as number;
    out[o++] = alphabet[(n >>> 12) & 63] as number;
    if (rest === 2) out[o++] = alphabet[(n >>> 6) & 63] as number;
    else if (pad) out[o++] = PAD;
    if (pad) out[o++] = PAD;
  }
  return asciiDecoder.decode(out);
}

/**
 * Base64url without padding (RFC 4648 §5).
 *
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([0xfb, 0xff])); // '-_8'
 * ```
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeWith(URL_CODES, bytes, false);
}

/** Standard Base64 with padding (RFC 4648 §4), as HTTP Basic authentication wants it. */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(STD_CODES, bytes, true);
}

/**
 * Strict Base64url decode (no padding, canonical trailing bits). Returns `undefined` for any
 * string that is not the canonical encoding of some byte string.
 *
 * @example
 * ```ts
 * decodeBase64Url('-_8'); // Uint8Array [0xfb, 0xff]
 * decodeBase64Url('-_9'); // undefined (non-zero trailing bits)
 * ```
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const len = text.length;
  if (len % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let i = 0;
  const full = len - (len % 4);
  for (; i < full; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = len - full;
  if (rest === 2) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    if ((a | b) < 0 || (b & 15) !== 0) return undefined;
    out[o++] = (a << 2) | (b >>> 4);
  } else if (rest === 3) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    if ((a | b | c) < 0 || (c & 3) !== 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (URL_DECODE[code] as number) : -1;
}
