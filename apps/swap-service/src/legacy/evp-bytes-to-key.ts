import { createHash } from 'node:crypto';

/** Key and IV derived from a password, as OpenSSL's `EVP_BytesToKey` returns them. */
export interface DerivedKeyIv {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/**
 * OpenSSL's `EVP_BytesToKey` with MD5 and one iteration — the key derivation behind Ruby's
 * `Cipher#pkcs5_keyivgen(password, salt, 1)` (used by the `encrypted_strings` gem) and behind
 * Node's removed `crypto.createCipher(method, password)` (no salt). Node has no API for it. It
 * is weak (one fast MD5 round, a fixed or no salt): it exists here only to *open* tokens that
 * old swap servers already handed out, never to seal new ones.
 *
 * `D_1 = MD5(password || salt)`, `D_i = MD5(D_{i-1} || password || salt)`; the concatenation
 * is cut into `keyLength` key bytes followed by `ivLength` IV bytes.
 *
 * @example
 * ```ts
 * // what createCipher('aes-256-ctr', 'hunter2') used
 * const { key, iv } = evpBytesToKey(Buffer.from('hunter2'), undefined, 32, 16);
 * ```
 */
export function evpBytesToKey(
  password: Uint8Array,
  salt: Uint8Array | undefined,
  keyLength: number,
  ivLength: number,
): DerivedKeyIv {
  const wanted = keyLength + ivLength;
  const blocks: Buffer[] = [];
  let produced = 0;
  let previous: Buffer = Buffer.alloc(0);
  while (produced < wanted) {
    const md5 = createHash('md5').update(previous).update(password);
    if (salt !== undefined) md5.update(salt);
    previous = md5.digest();
    blocks.push(previous);
    produced += previous.length;
  }
  const material = Buffer.concat(blocks);
  return {
    key: material.subarray(0, keyLength),
    iv: material.subarray(keyLength, wanted),
  };
}
