/**
 * EXPERIMENT, not for production: preload (`node --import`) that answers WebCrypto AES-GCM
 * encrypt/decrypt with node:crypto's synchronous cipher on the calling thread, same bytes in
 * and out (ciphertext || 16-byte tag). It tests one hypothesis from the profiles: that the
 * swap service's cost in `crypto.subtle` is the thread-pool round trip of each WebCrypto job,
 * not AES itself. Used as:
 *
 *   node bench/run.mjs --only proxy,refresh --swap-node-args="--import ./bench/lib/experiment-sync-aes-gcm.mjs"
 */
import { createCipheriv, createDecipheriv, KeyObject } from 'node:crypto';

const subtle = globalThis.crypto.subtle;
const webEncrypt = subtle.encrypt.bind(subtle);
const webDecrypt = subtle.decrypt.bind(subtle);
const TAG_BYTES = 16;
const keyObjects = new WeakMap();

/** The KeyObject behind a CryptoKey (Node allows this even for non-extractable keys). */
function keyObjectOf(key) {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

const bytes = (data) =>
  ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
const arrayBuffer = (buffer) =>
  buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
const plainGcm = (algorithm) =>
  algorithm?.name === 'AES-GCM' && (algorithm.tagLength ?? 128) === 128;

subtle.encrypt = async (algorithm, key, data) => {
  if (!plainGcm(algorithm)) return webEncrypt(algorithm, key, data);
  const cipher = createCipheriv(
    `aes-${key.algorithm.length}-gcm`,
    keyObjectOf(key),
    bytes(algorithm.iv),
  );
  if (algorithm.additionalData) cipher.setAAD(bytes(algorithm.additionalData));
  return arrayBuffer(
    Buffer.concat([cipher.update(bytes(data)), cipher.final(), cipher.getAuthTag()]),
  );
};

subtle.decrypt = async (algorithm, key, data) => {
  if (!plainGcm(algorithm)) return webDecrypt(algorithm, key, data);
  const input = bytes(data);
  if (input.length < TAG_BYTES) throw new DOMException('The operation failed', 'OperationError');
  try {
    const decipher = createDecipheriv(
      `aes-${key.algorithm.length}-gcm`,
      keyObjectOf(key),
      bytes(algorithm.iv),
    );
    if (algorithm.additionalData) decipher.setAAD(bytes(algorithm.additionalData));
    decipher.setAuthTag(input.subarray(input.length - TAG_BYTES));
    const body = input.subarray(0, input.length - TAG_BYTES);
    return arrayBuffer(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    throw new DOMException('The operation failed', 'OperationError');
  }
};
