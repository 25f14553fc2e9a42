import { createDecipheriv } from 'node:crypto';
import { evpBytesToKey } from './evp-bytes-to-key.js';

/** The gem's cipher; OpenSSL 3 (Node 20 and 24) still has it in the default provider. */
const ALGORITHM = 'des-ede3-cbc';
/** 3DES: 24-byte key, 8-byte blocks and IV. */
const KEY_LENGTH = 24;
const BLOCK_LENGTH = 8;
/**
 * The `encrypted_strings` gem (non-PKCS5 mode, its default) calls
 * `pkcs5_keyivgen(password, 'OpenSSL ', 1)` and then sets the IV to "OpenSSL for Ruby rulez!",
 * which Ruby's OpenSSL of that era cut to the cipher's 8 bytes: "OpenSSL ". So the 8 bytes
 * "OpenSSL " are both the salt and the IV.
 */
const SALT_AND_IV = Buffer.from('OpenSSL ', 'latin1');

/**
 * Decrypts the ciphertext of an `encrypted_strings` token (`str.encrypt(:symmetric,
 * password: secret)`): DES-EDE3-CBC, PKCS#7 padding. Takes the Base64-*decoded* bytes.
 *
 * Returns the plaintext bytes, or `undefined` when the length is not whole blocks or the
 * padding is wrong (almost always a wrong secret). A right-looking padding can still come
 * from a wrong secret about once in 256 tries, so callers must check the plaintext too
 * (see `plausibleRefreshToken`). Never throws.
 *
 * @example
 * ```ts
 * decryptEncryptedStrings(Buffer.from('MU6e/5LvhKA=', 'base64'), 'secret')?.toString(); // 'test'
 * ```
 */
export function decryptEncryptedStrings(
  ciphertext: Uint8Array,
  secret: string,
): Buffer | undefined {
  if (ciphertext.length === 0 || ciphertext.length % BLOCK_LENGTH !== 0) return undefined;
  const { key } = evpBytesToKey(Buffer.from(secret, 'utf8'), SALT_AND_IV, KEY_LENGTH, 0);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, SALT_AND_IV);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // 'bad decrypt': the PKCS#7 padding did not check out.
    return undefined;
  }
}
