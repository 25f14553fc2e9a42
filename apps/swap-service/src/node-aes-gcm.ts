import { createCipheriv, createDecipheriv, KeyObject, type webcrypto } from 'node:crypto';
import { type AesGcm, TAG_BYTES } from '@tokenswap/core';

/**
 * Core's AES-256-GCM primitive on node:crypto, run on the calling thread: the keyring this
 * service imports seals and opens with it. WebCrypto's `subtle.encrypt`/`decrypt` queue every
 * call on libuv's thread pool and resolve a promise when it comes back; for a ~200-byte token
 * that round trip costs several times the cipher itself (bench/README.md, Findings: CPU per
 * `/refresh`). The bytes are the same, so tokens move freely between this service and anything
 * sealing with WebCrypto (`test/node-aes-gcm.test.ts`); the format stays core's.
 *
 * `KeyObject.from` turns each of the keyring's `CryptoKey`s into node:crypto's key object, once.
 */
export const nodeAesGcm: AesGcm = Object.freeze({
  // `KeyObject.from` on a non-extractable key is deprecated (DEP0204, Node 24): the keyring is
  // imported with extractable keys for this primitive; it still never shows them.
  extractableKeys: true,
  encrypt(key, iv, additionalData, plaintext) {
    const cipher = createCipheriv('aes-256-gcm', keyObjectOf(key), iv);
    cipher.setAAD(additionalData);
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    return Buffer.concat([head, tail, cipher.getAuthTag()]);
  },
  decrypt(key, iv, additionalData, sealed) {
    // Shorter than a tag cannot verify; node:crypto would take a short tag as a truncated one.
    if (sealed.length < TAG_BYTES) throw new Error('sealed data shorter than its tag');
    const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key), iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    // `final` throws when the tag does not verify: core turns that into `invalid_grant`.
    return Buffer.concat([head, decipher.final()]);
  },
} satisfies AesGcm);

const keyObjects = new WeakMap<webcrypto.CryptoKey, KeyObject>();

function keyObjectOf(key: webcrypto.CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    if (
      key.algorithm.name !== 'AES-GCM' ||
      (key.algorithm as webcrypto.AesKeyAlgorithm).length !== 256
    ) {
      throw new TypeError('nodeAesGcm takes AES-GCM 256-bit keys only');
    }
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}
