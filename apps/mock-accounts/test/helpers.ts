import { type HttpAnswer, send } from '@tokenswap/test-support';
import { DEMO_CLIENT, type MockAccountsOptions, startMockAccounts } from '../src/index.js';

export const REDIRECT_URI = 'http://127.0.0.1:8888/callback';
export const CLIENT_ID = DEMO_CLIENT.id;
export const CLIENT_SECRET = 'tokenswap-demo-secret';
export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

/** A fixed start so clock arithmetic in tests is exact. */
export const T0 = Date.UTC(2026, 6, 1);

/** Starts a real mock on 127.0.0.1:0 with a frozen clock unless told otherwise. */
export function startMock(options: MockAccountsOptions = {}) {
  return startMockAccounts({ startTime: T0, freezeClock: true, ...options });
}

/** POSTs form parameters to /api/token (Basic auth unless `authorization: null`). */
export async function postToken(
  url: string,
  params: Record<string, string>,
  options: {
    authorization?: string | null;
    query?: Record<string, string>;
    contentType?: string;
  } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
  };
  const authorization = options.authorization === undefined ? BASIC : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const qs = options.query ? `?${new URLSearchParams(options.query)}` : '';
  return send(`${url}/api/token${qs}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
}

/** Exchanges a code with the demo client and returns the token body. */
export async function exchange(
  url: string,
  code: string,
  extra: Record<string, string> = {},
): Promise<HttpAnswer> {
  return postToken(url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

export const tokenError = (error: string, description: string) => ({
  error,
  error_description: description,
});
