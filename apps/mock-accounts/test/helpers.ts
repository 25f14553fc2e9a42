import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
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

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  text: string;
}

async function answer(res: Awaited<ReturnType<typeof request>>): Promise<Answer> {
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, json, text };
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
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
  };
  const authorization = options.authorization === undefined ? BASIC : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const qs = options.query ? `?${new URLSearchParams(options.query)}` : '';
  const res = await request(`${url}/api/token${qs}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return answer(res);
}

/** Any HTTP request, answered as {@link Answer}. */
export async function call(
  url: string,
  options: {
    method?: 'GET' | 'POST' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<Answer> {
  const res = await request(url, {
    method: options.method ?? 'GET',
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return answer(res);
}

/** POSTs JSON to a control endpoint. */
export function postJson(url: string, body: unknown): Promise<Answer> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A fresh PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Exchanges a code with the demo client and returns the token body. */
export async function exchange(
  url: string,
  code: string,
  extra: Record<string, string> = {},
): Promise<Answer> {
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
