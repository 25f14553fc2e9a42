import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import {
  DEMO_CLIENT,
  type MockAccounts,
  type MockAccountsOptions,
  startMockAccounts,
} from '@tokenswap/mock-accounts';
import { request } from 'undici';
import type { LogStream } from '../../src/logging.js';
import { type SwapService, startSwapService } from '../../src/start-swap-service.js';

/** A fresh `keyId:key` keyring entry. */
export function newKeyEntry(id: string): string {
  return formatKeyringSpec([generateKeySpec({ id })]);
}

/** Environment pointing the service at `mockUrl` with the demo client. */
export function serviceEnv(
  mockUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret as string,
    SPOTIFY_REDIRECT_URI: DEMO_CLIENT.redirectUris[0] as string,
    SPOTIFY_ACCOUNTS_URL: mockUrl,
    TOKEN_ENCRYPTION_KEYS: newKeyEntry('k1'),
    RATE_LIMIT_MAX: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}

export interface Stack {
  mock: MockAccounts;
  service: SwapService;
  env: Record<string, string>;
  /** Mints a code at the mock (demo client, both profile scopes). */
  mintCode(p?: Parameters<MockAccounts['mintCode']>[0]): string;
  close(): Promise<void>;
}

/** A real mock accounts service and a real swap service against it, both on 127.0.0.1:0. */
export async function startStack(
  options: { mock?: MockAccountsOptions; env?: Record<string, string>; logStream?: LogStream } = {},
): Promise<Stack> {
  const mock = await startMockAccounts({ ...options.mock });
  const env = serviceEnv(mock.url, options.env);
  const service = await startSwapService({
    env,
    port: 0,
    logger: options.logStream === undefined ? false : { level: 'trace', stream: options.logStream },
  });
  return {
    mock,
    service,
    env,
    mintCode: (p) => mock.mintCode({ scopes: ['user-read-email', 'user-read-private'], ...p }),
    close: async () => {
      await service.close();
      await mock.close();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
  json: any;
}

/** POSTs a form (object or raw string) or any body with the given content type. */
export async function post(
  url: string,
  body: Record<string, string> | string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<HttpAnswer> {
  const payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return send(url, { method: 'POST', body: payload, headers: { 'content-type': contentType } });
}

/** Any request; the answer's body is read as text and, when it parses, JSON. */
export async function send(
  url: string,
  init: { method: string; body?: string; headers?: Record<string, string> },
): Promise<HttpAnswer> {
  const response = await request(url, {
    method: init.method as 'POST',
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.headers === undefined ? {} : { headers: init.headers }),
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** `GET /v1/me` at the mock with an access token. */
export async function me(mockUrl: string, accessToken: string): Promise<HttpAnswer> {
  return send(`${mockUrl}/v1/me`, {
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

/** A PKCE verifier/challenge pair (S256). */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}
