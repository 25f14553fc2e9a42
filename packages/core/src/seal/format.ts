import { utf8Encoder } from '../internal/text.js';

/**
 * The sealed refresh-token format, version 1:
 *
 *     v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>
 *
 * AES-256-GCM, 12-byte random IV, 16-byte tag, no padding in the Base64url. The additional
 * authenticated data is UTF-8 `"v1." + keyId + "." + clientId`, so a token sealed for one client
 * id (or relabelled with another key id or version) does not open.
 */
export const SEAL_VERSION = 'v1';
/** Key ids: 1–32 of `[A-Za-z0-9_-]` (never a `.`, which separates the parts). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Longest sealed string `openRefreshToken` looks at; anything longer fails at once. */
export const MAX_SEALED_LENGTH = 16_384;

/** Shape check shared by `looksSealed` and `openRefreshToken`: version, key id, Base64url body. */
export const SEALED_PATTERN = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{38,})$/;

/** The AAD binding version, key id and the context's binding (see `bindingOf`). */
export function additionalData(keyId: string, binding: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(`${SEAL_VERSION}.${keyId}.${binding}`);
}

/**
 * Passphrase keys are stretched once, at import, with PBKDF2-HMAC-SHA-256, 600 000 iterations
 * (OWASP 2023 minimum), 32-byte output, salt = UTF-8 `"tokenswap/seal/v1/" + keyId`. The salt is
 * fixed (derived from the key id) so every instance derives the same key from the same entry.
 */
export const PASSPHRASE_KDF = Object.freeze({
  name: 'PBKDF2',
  hash: 'SHA-256',
  iterations: 600_000,
  saltPrefix: 'tokenswap/seal/v1/',
} as const);
