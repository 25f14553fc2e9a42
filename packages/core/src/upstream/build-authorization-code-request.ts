import { tokenRequest } from './token-endpoint.js';
import type { ClientCredentials, UpstreamRequest } from './types.js';

/** Parameters of {@link buildAuthorizationCodeRequest}. */
export interface AuthorizationCodeRequestParams {
  /** Base URL of the accounts service, e.g. `SPOTIFY_ACCOUNTS_URL` or the mock's URL. */
  accountsUrl: string;
  client: ClientCredentials;
  code: string;
  /** Must equal the redirect URI used at authorize. */
  redirectUri: string;
  /** PKCE verifier, when the app sent one. */
  codeVerifier?: string;
}

/**
 * Builds `POST {accountsUrl}/api/token` with `grant_type=authorization_code`, `code`,
 * `redirect_uri` and optional `code_verifier`; client auth as `Authorization: Basic`.
 *
 * @example
 * ```ts
 * const req = buildAuthorizationCodeRequest({ accountsUrl: SPOTIFY_ACCOUNTS_URL, client, code, redirectUri });
 * const res = await fetch(req.url, req);
 * ```
 */
export function buildAuthorizationCodeRequest(p: AuthorizationCodeRequestParams): UpstreamRequest {
  const params = new URLSearchParams({
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
  });
  if (p.codeVerifier !== undefined) params.set('code_verifier', p.codeVerifier);
  return tokenRequest(p.accountsUrl, p.client, params);
}
