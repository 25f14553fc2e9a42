import {
  formatKeyringSpec,
  generateKeySpec,
  importKeyring,
  parseKeyringSpec,
} from '@tokenswap/core';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenSwapHandler,
  type TokenSwapHandler,
  type TokenSwapHandlerOptions,
} from '../src/index.js';

// The handler called as a platform calls it (a `Request` in, a `Response` out), against the real
// mock over HTTP with the global fetch. Over real sockets on each runtime: runtimes.test.ts.

let mock: MockAccounts;
let options: TokenSwapHandlerOptions;
beforeAll(async () => {
  mock = await startMockAccounts();
  const specs = parseKeyringSpec(formatKeyringSpec([generateKeySpec({ id: 'k1' })]));
  if (!specs.ok) throw specs.error;
  const keyring = await importKeyring(specs.value);
  if (!keyring.ok) throw keyring.error;
  options = {
    clients: [
      {
        clientId: DEMO_CLIENT.id,
        clientSecret: DEMO_CLIENT.secret as string,
        redirectUris: [...DEMO_CLIENT.redirectUris],
      },
    ],
    keyring: keyring.value,
    accountsUrl: mock.url,
    onServerError: () => undefined,
  };
});
afterAll(() => mock.close());

const code = () => mock.mintCode({ scopes: ['user-read-email'] });

function post(handler: TokenSwapHandler, path: string, body: string, type?: string, extra = {}) {
  return handler(
    new Request(`http://swap.test${path}`, {
      method: 'POST',
      body,
      headers: { ...(type === undefined ? {} : { 'content-type': type }), ...extra },
    }),
  );
}
const FORM = 'application/x-www-form-urlencoded';

async function expectError(
  response: Response,
  status: number,
  error: string,
  description?: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
  expect(body.error).toBe(error);
  if (description !== undefined) expect(body.error_description).toBe(description);
}

describe('createTokenSwapHandler', () => {
  it('swaps (form) and refreshes (JSON) against the mock, answers with no-store', async () => {
    const handler = createTokenSwapHandler(options);
    const swapped = await post(handler, '/swap', `code=${code()}`, FORM);
    expect(swapped.status).toBe(200);
    expect(swapped.headers.get('cache-control')).toBe('no-store');
    const tokens = await swapped.json();
    expect(tokens.refresh_token).toMatch(/^v1\.k1\./);
    const refreshed = await post(
      handler,
      '/refresh/',
      JSON.stringify({ refresh_token: tokens.refresh_token }),
      'application/json; charset=utf-8',
    );
    expect(refreshed.status).toBe(200);
    expect((await refreshed.json()).expires_in).toBe(3600);
  });

  it('refuses repeated JSON keys and repeated form fields alike, before calling upstream', async () => {
    const handler = createTokenSwapHandler(options);
    const before = mock.journal.entries().length;
    await expectError(
      await post(handler, '/swap', '{"code":"a","code":"b"}', 'application/json'),
      400,
      'invalid_request',
      'code is repeated; send it once',
    );
    await expectError(await post(handler, '/swap', 'code=a&code=b', FORM), 400, 'invalid_request');
    expect(mock.journal.entries().length).toBe(before);
  });

  it('answers 404, 405 with Allow, 415, 413 (declared and streamed) as OAuth JSON', async () => {
    const handler = createTokenSwapHandler({ ...options, bodyLimitBytes: 1024 });
    await expectError(
      await handler(new Request('http://swap.test/nope?code=secret')),
      404,
      'invalid_request',
      'no endpoint at GET /nope',
    );
    const get = await handler(new Request('http://swap.test/swap'));
    expect(get.headers.get('allow')).toBe('POST');
    await expectError(get, 405, 'invalid_request', 'method GET is not allowed; use POST');
    await expectError(await post(handler, '/swap', 'code=a', 'text/plain'), 415, 'invalid_request');
    await expectError(await post(handler, '/swap', 'code=a'), 415, 'invalid_request');
    await expectError(
      await post(handler, '/swap', `code=${'a'.repeat(2000)}`, FORM),
      413,
      'invalid_request',
      'request body is larger than 1 KiB',
    );
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(500)));
        controller.close();
      },
    });
    const chunked = await handler(
      new Request('http://swap.test/swap', {
        method: 'POST',
        body: streamed,
        headers: { 'content-type': FORM },
        duplex: 'half',
      } as RequestInit),
    );
    await expectError(chunked, 413, 'invalid_request');
  });

  it('sends no CORS header unless origins are configured; answers a preflight when they are', async () => {
    const origin = { origin: 'https://app.example' };
    const closed = createTokenSwapHandler(options);
    const plain = await post(closed, '/swap', `code=${code()}`, FORM, origin);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const preflightClosed = await closed(
      new Request('http://swap.test/swap', { method: 'OPTIONS', headers: origin }),
    );
    expect(preflightClosed.status).toBe(405);

    const open = createTokenSwapHandler({ ...options, corsOrigins: ['https://app.example'] });
    const preflight = await open(
      new Request('http://swap.test/swap', {
        method: 'OPTIONS',
        headers: { ...origin, 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    const error = await post(open, '/swap', '', FORM, origin);
    expect(error.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await post(open, '/swap', '', FORM, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cuts a stalled upstream at upstreamTimeoutMs with 504, and an unreachable one with 502', async () => {
    mock.faults.inject('token', { kind: 'delay', ms: 2_000 });
    try {
      const handler = createTokenSwapHandler({ ...options, upstreamTimeoutMs: 200 });
      const started = Date.now();
      await expectError(
        await post(handler, '/swap', `code=${code()}`, FORM),
        504,
        'temporarily_unavailable',
      );
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      mock.faults.clear();
    }
    const nowhere = createTokenSwapHandler({ ...options, accountsUrl: 'http://127.0.0.1:9' });
    await expectError(await post(nowhere, '/swap', 'code=a', FORM), 502, 'temporarily_unavailable');
  });

  it('reads at most 64 KiB of an upstream answer: a longer one is a 502, not a memory sink', async () => {
    const huge = JSON.stringify({
      access_token: 'a'.repeat(70 * 1024),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: 'r',
    });
    mock.faults.inject('token', { kind: 'status', status: 200, body: huge });
    await expectError(
      await post(createTokenSwapHandler(options), '/swap', `code=${code()}`, FORM),
      502,
      'server_error',
    );
  });

  it('answers 500 server_error JSON, never a platform error page, when its configuration failed', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const handler = createTokenSwapHandler(
        Promise.reject(new Error('TOKEN_ENCRYPTION_KEYS: is required')),
      );
      await expectError(
        await post(handler, '/swap', 'code=a', FORM),
        500,
        'server_error',
        'the swap server is not configured; see its log',
      );
    } finally {
      console.error = original;
    }
    expect(errors).toEqual(['tokenswap: not configured: TOKEN_ENCRYPTION_KEYS: is required']);
  });
});
