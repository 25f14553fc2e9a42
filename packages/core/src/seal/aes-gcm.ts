/**
 * The AES-256-GCM primitive that sealing runs on: bytes in, bytes out. The sealed format — IV
 * size, AAD, key ids, encoding — is core's alone (`format.ts`); this is only the cipher call.
 *
 * Core's default is WebCrypto, which every runtime has. A runtime may pass a faster primitive to
 * `importKeyring` as long as the bytes are the same: on Node, WebCrypto hands each operation to
 * libuv's thread pool and back, which costs more CPU than AES itself on a ~200-byte token, so
 * the swap service passes node:crypto's synchronous cipher (its `node-aes-gcm.ts`).
 */
export interface AesGcm {
  /**
   * True when the primitive hands the key to another crypto library and so must read its bytes
   * (node:crypto's `KeyObject.from` takes non-extractable keys only with a deprecation warning
   * since Node 24). `importKeyring` then imports the keys extractable; the `Keyring` still never
   * exposes them. Default false: WebCrypto's keys stay non-extractable.
   */
  readonly extractableKeys?: boolean;
  /** `ciphertext ‖ 16-byte tag` of `plaintext` under `key` (a 256-bit AES-GCM `CryptoKey`). */
  encrypt(
    key: CryptoKey,
    iv: Uint8Array,
    additionalData: Uint8Array,
    plaintext: Uint8Array,
  ): Promise<Uint8Array> | Uint8Array;
  /** The plaintext of `ciphertext ‖ tag`; throws (or rejects) when the tag does not verify. */
  decrypt(
    key: CryptoKey,
    iv: Uint8Array,
    additionalData: Uint8Array,
    sealed: Uint8Array,
  ): Promise<Uint8Array> | Uint8Array;
}

type Bytes = Uint8Array<ArrayBuffer>;

/** AES-256-GCM through `crypto.subtle`, 128-bit tag: core's default {@link AesGcm}. */
export const webCryptoAesGcm: AesGcm = Object.freeze({
  async encrypt(key, iv, additionalData, plaintext) {
    const sealed = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as Bytes, additionalData: additionalData as Bytes },
      key,
      plaintext as Bytes,
    );
    return new Uint8Array(sealed);
  },
  async decrypt(key, iv, additionalData, sealed) {
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as Bytes, additionalData: additionalData as Bytes },
      key,
      sealed as Bytes,
    );
    return new Uint8Array(plain);
  },
} satisfies AesGcm);
