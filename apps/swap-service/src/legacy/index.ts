/**
 * Opening refresh tokens sealed by the swap servers tokenswap replaces (issue 6), so apps that
 * migrate keep their users logged in. Node-only (3DES, MD5, EVP_BytesToKey are not in
 * WebCrypto), hence here rather than in the pure core. See docs/migrating.md.
 */
export {
  type CreateCipherParameters,
  createCipherParameters,
  DEFAULT_CREATE_CIPHER_METHOD,
  decryptCreateCipher,
} from './create-cipher.js';
export { createLegacyOpeners, MAX_LEGACY_TOKEN_LENGTH } from './create-legacy-openers.js';
export { decryptEncryptedStrings } from './encrypted-strings.js';
export { type DerivedKeyIv, evpBytesToKey } from './evp-bytes-to-key.js';
export {
  MAX_REFRESH_TOKEN_LENGTH,
  MIN_REFRESH_TOKEN_LENGTH,
  type PlaintextCheck,
  plausibleRefreshToken,
} from './plausible-refresh-token.js';
export { type TokenAlphabet, tokenAlphabet } from './token-alphabet.js';
export type {
  LegacyFormat,
  LegacyOpener,
  LegacyOpenersOptions,
  LegacyOpenResult,
} from './types.js';
