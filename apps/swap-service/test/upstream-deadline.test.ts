import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpAnswer, post } from '@tokenswap/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { serviceEnv } from './helpers/stack.js';

// The service against a raw accounts service that misbehaves in the ways undici's per-phase
// timeouts alone do not bound: the whole call must end within UPSTREAM_TIMEOUT_MS (plus a
// loaded machine's slack), and answers over the size bound stay on-contract.
const TIMEOUT_MS = 400;
type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
let behaviour: Behaviour = () => {};
let upstream: Server;
let service: SwapService;

beforeAll(async () => {
  upstream = createServer((req, res) => behaviour(req, res));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  service = await startSwapService({
    env: serviceEnv(url, { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }),
    port: 0,
    logger: false,
  });
});
afterAll(async () => {
  upstream.closeAllConnections();
  await service.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

async function swapWith(next: Behaviour): Promise<HttpAnswer & { elapsed: number }> {
  behaviour = next;
  const started = performance.now();
  const answer = await post(service.swapUrl, { code: 'any-code' });
  return { ...answer, elapsed: performance.now() - started };
}

/** Runs `fn` every `ms` until the response closes. */
function every(res: ServerResponse, ms: number, fn: () => void): void {
  const timer = setInterval(fn, ms);
  res.on('close', () => clearInterval(timer));
}

describe('UPSTREAM_TIMEOUT_MS bounds the whole upstream call', () => {
  it.each<[string, Behaviour]>([
    ['headers never come', () => {}],
    [
      'headers at 0.9 × the budget, then the body dripped a byte at a time',
      (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          every(res, 20, () => res.write(' '));
        }, TIMEOUT_MS * 0.9);
      },
    ],
    [
      'a body dripped from the start, each gap far under the budget',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        every(res, 10, () => res.write(' '));
      },
    ],
    [
      'the body stalls half way',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"access_token":"');
      },
    ],
  ])('%s → 504 temporarily_unavailable within the budget', async (_name, misbehave) => {
    const answer = await swapWith(misbehave);
    expect(answer.status).toBe(504);
    expect(answer.json).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The accounts service did not answer in time; retry later',
    });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(answer.elapsed).toBeLessThan(TIMEOUT_MS + 700);
  });
});

describe('an answer over the 64 KiB size bound is answered by its status', () => {
  const big = 'x'.repeat(100 * 1024);

  it.each([
    {
      upstream: 200,
      headers: { 'content-type': 'application/json' },
      body: `{"access_token":"${big}"}`,
      status: 502,
      error: 'server_error',
    },
    {
      upstream: 503,
      headers: { 'content-type': 'text/html' },
      body: `<html>${big}</html>`,
      status: 502,
      error: 'temporarily_unavailable',
    },
    {
      upstream: 400,
      headers: { 'content-type': 'application/json' },
      body: `{"error":"invalid_grant","x":"${big}"}`,
      status: 502,
      error: 'server_error',
    },
    {
      upstream: 429,
      headers: { 'retry-after': '9' },
      body: big,
      status: 429,
      error: 'temporarily_unavailable',
    },
  ])('upstream $upstream → $status $error', async ({ upstream, headers, body, status, error }) => {
    const answer = await swapWith((_req, res) => res.writeHead(upstream, headers).end(body));
    expect(answer.status).toBe(status);
    expect(answer.json.error).toBe(error);
    expect(answer.headers['cache-control']).toBe('no-store');
    if (upstream === 429) expect(answer.headers['retry-after']).toBe('9');
  });

  it('an answer just under the bound is read whole', async () => {
    const token = 'a'.repeat(200);
    const tokens = JSON.stringify({
      access_token: token,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: 'rt',
    });
    // JSON allows trailing white space: 63 KiB of it, sent in pieces.
    const padding = ' '.repeat(63 * 1024);
    const answer = await swapWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).write(tokens);
      setTimeout(() => res.end(padding), 10);
    });
    expect([answer.status, answer.json]).toEqual([
      200,
      expect.objectContaining({ access_token: token }),
    ]);
  });
});
