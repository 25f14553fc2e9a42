import { tokenRequest } from './token-endpoint.js';
import type { ClientCredentials, UpstreamRequest } from './types.js';

/** Parameters of {@link buildRefreshTokenRequest}. */
export interface RefreshTokenRequestParams {
  /** Base URL of the accounts service, e.g. `SPOTIFY_ACCOUNTS_URL` or the mock's URL. */
  accountsUrl: string;
  client: ClientCredentials;
  /** The real (opened) refresh token. */
  refreshToken: string;
}

/**
 * Builds `POST {accountsUrl}/api/token` with `grant_type=refresh_token` and `refresh_token`;
 * client auth as `Authorization: Basic`.
 *
 * @example
 * ```ts
 * const req = buildRefreshTokenRequest({ accountsUrl, client, refreshToken });
 * const res = await fetch(req.url, req);
 * ```
 */
export function buildRefreshTokenRequest(p: RefreshTokenRequestParams): UpstreamRequest {
  const params = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: p.refreshToken,
  });
  return tokenRequest(p.accountsUrl, p.client, params);
}
