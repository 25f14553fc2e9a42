import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import type { MockAccounts } from '@tokenswap/mock-accounts';
import { request } from 'undici';

/**
 * Plumbing for the end-to-end migration tests: the old server's swap (a code exchanged at the
 * mock, as the old server did it), form posts to the service, and the legacy counter read from
 * /metrics. Everything goes over real HTTP on 127.0.0.1.
 */

/** A fresh `TOKEN_ENCRYPTION_KEYS` value (one key), as `keygen` prints it. */
export function freshTokenEncryptionKeys(): string {
  return formatKeyringSpec([generateKeySpec()]);
}

/** What the old server did on /swap before it sealed: trade a code for Spotify's tokens. */
export async function issueRefreshToken(
  mock: MockAccounts,
  client: { id: string; secret: string; redirectUri: string },
): Promise<string> {
  const code = mock.mintCode({ clientId: client.id, redirectUri: client.redirectUri });
  const response = await request(`${mock.url}/api/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUri,
    }).toString(),
  });
  const body = (await response.body.json()) as { refresh_token?: string };
  if (response.statusCode !== 200 || typeof body.refresh_token !== 'string') {
    throw new Error(`the mock did not issue a refresh token (status ${response.statusCode})`);
  }
  return body.refresh_token;
}

/** A JSON answer of the service. */
export interface JsonAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** POSTs a form body given as raw text (to control exactly how the token is encoded). */
export async function postRawForm(url: string, rawBody: string): Promise<JsonAnswer> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: rawBody,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (await response.body.json()) as Record<string, unknown>,
  };
}

/** POSTs `refresh_token=<token>`, URL-encoded the proper way. */
export function postRefresh(url: string, refreshToken: string): Promise<JsonAnswer> {
  return postRawForm(url, new URLSearchParams({ refresh_token: refreshToken }).toString());
}

/** `tokenswap_legacy_refresh_total{format="…"}` from the service's /metrics (0 if absent). */
export async function legacyRefreshCount(serviceUrl: string, format: string): Promise<number> {
  const response = await request(`${serviceUrl}/metrics`);
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`/metrics answered ${response.statusCode}`);
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('tokenswap_legacy_refresh_total{') &&
        candidate.includes(`format="${format}"`),
    );
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Is this access token accepted by the mock's Web API (i.e. really issued by the refresh)? */
export async function mockAcceptsAccessToken(mock: MockAccounts, accessToken: string) {
  const response = await request(`${mock.url}/v1/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.body.dump();
  return response.statusCode === 200;
}
