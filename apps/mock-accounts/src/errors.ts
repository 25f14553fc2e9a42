/**
 * Spotify's error answers, as values. One table maps each accounts-service error to the exact
 * description and status Spotify sends (NOTES.md), so every route answers the same way.
 */

/** The `error` codes the accounts service (/api/token) answers with. */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'server_error';

/** An OAuth error answer of /api/token: status plus `{ error, error_description }`. */
export interface TokenError {
  readonly status: number;
  readonly body: { readonly error: TokenErrorCode; readonly error_description: string };
}

const tokenError = (error: TokenErrorCode, description: string, status = 400): TokenError =>
  Object.freeze({ status, body: Object.freeze({ error, error_description: description }) });

/** Every /api/token error the mock sends, by name. Spotify's wording, status 400 unless noted. */
export const TOKEN_ERRORS = Object.freeze({
  invalidCode: tokenError('invalid_grant', 'Invalid authorization code'),
  codeExpired: tokenError('invalid_grant', 'Authorization code expired'),
  invalidRedirectUri: tokenError('invalid_grant', 'Invalid redirect URI'),
  invalidRefreshToken: tokenError('invalid_grant', 'Invalid refresh token'),
  refreshTokenRevoked: tokenError('invalid_grant', 'Refresh token revoked'),
  verifierIncorrect: tokenError('invalid_grant', 'code_verifier was incorrect'),
  verifierRequired: tokenError('invalid_request', 'code_verifier required'),
  invalidClient: tokenError('invalid_client', 'Invalid client'),
  invalidClientSecret: tokenError('invalid_client', 'Invalid client secret'),
  grantTypeMissing: tokenError('unsupported_grant_type', 'grant_type parameter is missing'),
  grantTypeUnsupported: tokenError(
    'unsupported_grant_type',
    'grant_type must be client_credentials, authorization_code or refresh_token',
  ),
  // Not in Spotify's documented list: the mock's own answers for input Spotify never documents.
  duplicateParameter: tokenError('invalid_request', 'Parameters must not be repeated'),
  bodyTooLarge: tokenError('invalid_request', 'Request body too large', 413),
  malformedRequest: tokenError('invalid_request', 'Malformed request'),
  // Spotify answers a JSON content type this way (sic: a 415 dressed as server_error).
  jsonContentType: tokenError('server_error', 'Unexpected status: 415', 415),
  internal: tokenError('server_error', 'Unexpected error', 500),
});

/** The name of a {@link TOKEN_ERRORS} entry. */
export type TokenErrorName = keyof typeof TOKEN_ERRORS;

/** A Web API error answer (/v1/...): `{ error: { status, message } }`. */
export interface WebApiError {
  readonly status: number;
  readonly body: { readonly error: { status: number; message: string; reason?: string } };
}

const webApiError = (status: number, message: string, reason?: string): WebApiError =>
  Object.freeze({
    status,
    body: Object.freeze({
      error: Object.freeze({ status, message, ...(reason === undefined ? {} : { reason }) }),
    }),
  });

/** Every Web API error the mock sends, by name, in Spotify's wording. */
export const WEB_API_ERRORS = Object.freeze({
  noToken: webApiError(401, 'No token provided'),
  invalidToken: webApiError(401, 'Invalid access token'),
  tokenExpired: webApiError(401, 'The access token expired'),
  badAuthorization: webApiError(400, 'Only valid bearer authentication supported'),
  needsUser: webApiError(403, 'This request requires user authentication.'),
  tooManyRequests: webApiError(429, 'Too many requests', 'QUOTA_EXCEEDED'),
  notFound: webApiError(404, 'Service not found'),
  internal: webApiError(500, 'Server error.'),
});

/** The error codes of the control API (/__mock/... and the library methods). */
export type ControlErrorCode = 'invalid_request' | 'not_found';

/** Thrown by library methods (e.g. `mintCode` for an unknown client); 400 over HTTP. */
export class MockAccountsError extends Error {
  override readonly name = 'MockAccountsError';
  constructor(
    readonly code: ControlErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** HTTP status of each control error code. */
export const CONTROL_ERROR_STATUS: Readonly<Record<ControlErrorCode, number>> = Object.freeze({
  invalid_request: 400,
  not_found: 404,
});
