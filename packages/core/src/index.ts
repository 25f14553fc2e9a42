/**
 * @tokenswap/core — pure, portable core of the Spotify token swap/refresh contract.
 * Web-standard APIs only (WebCrypto, TextEncoder, URL, URLSearchParams): runs in Node >= 20,
 * Deno, Bun, workers and browsers.
 */

export { findDuplicateJsonKey } from './contract/find-duplicate-json-key.js';
export {
  bodyTooLargeError,
  methodNotAllowedError,
  notFoundError,
  unsupportedMediaTypeError,
} from './contract/http-errors.js';
export { FIELD_LIMITS } from './contract/limits.js';
export { parseJsonBody } from './contract/parse-json-body.js';
export { parseRefreshRequest, repairRefreshToken } from './contract/parse-refresh-request.js';
export { parseSwapRequest } from './contract/parse-swap-request.js';
export { TOKEN_RESPONSE_HEADERS, toRefreshResponse, toSwapResponse } from './contract/responses.js';
export type {
  RefreshRequest,
  SwapRequest,
  TokenRefreshResponse,
  TokenSwapResponse,
} from './contract/types.js';
export type {
  OAuthErrorBody,
  Result,
  TokenSwapErrorCode,
  TokenSwapErrorOptions,
} from './errors.js';
export {
  DEFAULT_STATUS,
  ERROR_CODES,
  fail,
  isTokenSwapError,
  ok,
  TokenSwapError,
} from './errors.js';
export type { RefreshFlowHooks, RefreshOutcome, UnsealedToken } from './flow/refresh-flow.js';
export { refreshFlow } from './flow/refresh-flow.js';
export { allowedRedirectUri, selectClient } from './flow/select-client.js';
export { sendTokenRequest } from './flow/send-token-request.js';
export type { SwapFlowHooks, SwapOutcome } from './flow/swap-flow.js';
export { swapFlow } from './flow/swap-flow.js';
export type {
  FlowClient,
  FlowDeps,
  UpstreamAnswer,
  UpstreamInit,
  UpstreamSend,
} from './flow/types.js';
export { decodeBase64Url, encodeBase64Url } from './internal/base64url.js';
export type { FormInput } from './internal/fields.js';
export type { RandomSource } from './internal/random.js';
export type { AesGcm } from './seal/aes-gcm.js';
export { webCryptoAesGcm } from './seal/aes-gcm.js';
export {
  IV_BYTES,
  KEY_BYTES,
  KEY_ID_PATTERN,
  MAX_SEALED_LENGTH,
  PASSPHRASE_KDF,
  SEAL_VERSION,
  TAG_BYTES,
} from './seal/format.js';
export type { GenerateKeySpecOptions } from './seal/generate-key-spec.js';
export { formatKeyringSpec, generateKeySpec } from './seal/generate-key-spec.js';
export type { ImportKeyringOptions } from './seal/import-keyring.js';
export { importKeyring } from './seal/import-keyring.js';
export type { KeySpec } from './seal/key-spec.js';
export type { Keyring } from './seal/keyring.js';
export { looksSealed } from './seal/looks-sealed.js';
export { invalidRefreshTokenError, openRefreshToken } from './seal/open-refresh-token.js';
export { parseKeyringSpec } from './seal/parse-keyring-spec.js';
export type { SealContext } from './seal/seal-context.js';
export type { SealOptions } from './seal/seal-refresh-token.js';
export { sealRefreshToken } from './seal/seal-refresh-token.js';
export { sealedKeyId } from './seal/sealed-key-id.js';
export type { AuthorizationCodeRequestParams } from './upstream/build-authorization-code-request.js';
export { buildAuthorizationCodeRequest } from './upstream/build-authorization-code-request.js';
export type { RefreshTokenRequestParams } from './upstream/build-refresh-token-request.js';
export { buildRefreshTokenRequest } from './upstream/build-refresh-token-request.js';
export { upstreamTimeoutError, upstreamUnreachableError } from './upstream/errors.js';
export type { InterpretOptions } from './upstream/interpret-token-response.js';
export { interpretTokenResponse } from './upstream/interpret-token-response.js';
export { MAX_RETRY_AFTER_SECONDS, parseRetryAfter } from './upstream/retry-after.js';
export { MAX_DESCRIPTION_LENGTH, sanitizeDescription } from './upstream/sanitize-description.js';
export {
  basicAuthorization,
  SPOTIFY_ACCOUNTS_URL,
  tokenEndpointUrl,
} from './upstream/token-endpoint.js';
export type {
  ClientCredentials,
  HeadersInput,
  TokenSet,
  UpstreamRequest,
} from './upstream/types.js';
