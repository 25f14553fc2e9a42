/** Field size limits of the swap/refresh contract, in UTF-8 bytes. */
export const FIELD_LIMITS = Object.freeze({
  /** Spotify codes are a few hundred bytes; 2 KiB leaves room without inviting abuse. */
  code: 2048,
  /** Sealed tokens of Spotify refresh tokens are ~200 bytes; legacy formats are longer. */
  refresh_token: 8192,
  client_id: 256,
  redirect_uri: 2048,
  /** RFC 7636 §4.1: 43..128 characters of [A-Za-z0-9-._~]. */
  code_verifier: 128,
});
