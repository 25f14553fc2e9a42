import { encodeBase64 } from '../internal/base64url.js';
import { utf8Encoder } from '../internal/text.js';
import type { ClientCredentials, UpstreamRequest } from './types.js';

/** The real accounts service. Configurable everywhere, so the mock can stand in. */
export const SPOTIFY_ACCOUNTS_URL = 'https://accounts.spotify.com';

/**
 * `accountsUrl` + `/api/token`, tolerating a trailing slash on the base URL.
 *
 * @example
 * ```ts
 * tokenEndpointUrl('https://accounts.spotify.com/'); // 'https://accounts.spotify.com/api/token'
 * ```
 */
export function tokenEndpointUrl(accountsUrl: string): string {
  return `${accountsUrl.replace(/\/+$/, '')}/api/token`;
}

/**
 * `Basic base64(client_id:client_secret)` over UTF-8, as Spotify documents it (ids and secrets
 * are hex, so RFC 6749's extra form-encoding step would change nothing).
 *
 * @example
 * ```ts
 * basicAuthorization({ clientId: 'a', clientSecret: 'b' }); // 'Basic YTpi'
 * ```
 */
export function basicAuthorization(client: ClientCredentials): string {
  return `Basic ${encodeBase64(utf8Encoder.encode(`${client.clientId}:${client.clientSecret}`))}`;
}

/** A form POST to the token endpoint with client authentication in the header (internal). */
export function tokenRequest(
  accountsUrl: string,
  client: ClientCredentials,
  params: URLSearchParams,
): UpstreamRequest {
  return {
    method: 'POST',
    url: tokenEndpointUrl(accountsUrl),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: basicAuthorization(client),
    },
    body: params.toString(),
  };
}
