import { createDecipheriv, getCipherInfo } from 'node:crypto';
import { evpBytesToKey } from './evp-bytes-to-key.js';

/** The React Native example server's default `ENCRYPTION_METHOD`. */
export const DEFAULT_CREATE_CIPHER_METHOD = 'aes-256-ctr';

/**
 * Modes whose `createCipher` output can be reproduced from the password alone. AEAD modes
 * (gcm, ccm, ocb, chacha20-poly1305) need an auth tag the old server never kept, and wrap/xts
 * modes were never usable through `createCipher`.
 */
const REPRODUCIBLE_MODES: ReadonlySet<string> = new Set([
  'cbc',
  'ctr',
  'cfb',
  'cfb1',
  'cfb8',
  'ofb',
  'ecb',
  'stream',
]);

/** Key and IV sizes of a cipher that `createCipher` could have used. */
export interface CreateCipherParameters {
  readonly method: string;
  readonly keyLength: number;
  readonly ivLength: number;
}

/**
 * Looks up the cipher named by the old server's `ENCRYPTION_METHOD` (e.g. `aes-256-ctr`,
 * `aes-256-cbc`). Returns `undefined` for a name this Node's OpenSSL does not know or a mode
 * whose output cannot be opened without more than the password — so config can reject it at
 * start-up. Never throws.
 *
 * @example
 * ```ts
 * createCipherParameters('aes-256-ctr'); // { method: 'aes-256-ctr', keyLength: 32, ivLength: 16 }
 * createCipherParameters('aes-256-gcm'); // undefined
 * ```
 */
export function createCipherParameters(method: string): CreateCipherParameters | undefined {
  let info: ReturnType<typeof getCipherInfo>;
  try {
    info = getCipherInfo(method);
  } catch {
    return undefined;
  }
  if (info === undefined || !REPRODUCIBLE_MODES.has(info.mode)) return undefined;
  return { method: info.name, keyLength: info.keyLength, ivLength: info.ivLength ?? 0 };
}

/**
 * Decrypts what Node's removed `crypto.createCipher(method, secret)` produced (the React
 * Native example server's tokens, hex-decoded): key and IV from `EVP_BytesToKey` with MD5, one
 * iteration and no salt. The IV is therefore the same for every token.
 *
 * Stream modes such as the default `aes-256-ctr` have no padding and no integrity check: any
 * ciphertext "decrypts" under any secret, so callers must check that the plaintext looks like
 * a refresh token (see `plausibleRefreshToken`). Returns `undefined` for an unusable method or
 * bad block padding. Never throws.
 *
 * @example
 * ```ts
 * const token = decryptCreateCipher(Buffer.from(hex, 'hex'), 'hunter2', DEFAULT_CREATE_CIPHER_METHOD);
 * ```
 */
export function decryptCreateCipher(
  ciphertext: Uint8Array,
  secret: string,
  method: string,
): Buffer | undefined {
  const parameters = createCipherParameters(method);
  if (parameters === undefined || ciphertext.length === 0) return undefined;
  const { key, iv } = evpBytesToKey(
    Buffer.from(secret, 'utf8'),
    undefined,
    parameters.keyLength,
    parameters.ivLength,
  );
  try {
    const decipher = createDecipheriv(parameters.method, key, parameters.ivLength > 0 ? iv : null);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // Bad padding (block modes) or a length that is not whole blocks.
    return undefined;
  }
}
