import { createServer, type Server } from 'node:net';
import { post } from '@tokenswap/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwapService } from '../src/start-swap-service.js';
import { type Stack, serviceEnv, startStack } from './helpers/stack.js';

// One stack for the file: faults are injected for exactly one upstream call each, and every
// case ends by checking the service still answers the next request normally.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { UPSTREAM_TIMEOUT_MS: '400' } });
});
afterAll(async () => {
  await stack.close();
});

async function swapOnce() {
  return post(stack.service.swapUrl, { code: stack.mintCode() });
}

async function expectHealthyAfterwards() {
  const next = await swapOnce();
  expect(next.status).toBe(200);
  return next;
}

describe('upstream faults map as core’s table says, and the next request works', () => {
  it.each([
    [500, 502, 'temporarily_unavailable'],
    [503, 502, 'temporarily_unavailable'],
  ])('upstream %i → %i %s', async (upstream, status, error) => {
    stack.mock.faults.inject('token', { kind: 'status', status: upstream, body: 'oops' });
    const answer = await swapOnce();
    expect(answer.status).toBe(status);
    expect(answer.json.error).toBe(error);
    expect(answer.headers['cache-control']).toBe('no-store');
    await expectHealthyAfterwards();
  });

  it('upstream 429 → 429 temporarily_unavailable with Retry-After passed on', async () => {
    stack.mock.faults.inject('token', { kind: 'rate-limit', retryAfter: 7 });
    const answer = await swapOnce();
    expect(answer.status).toBe(429);
    expect(answer.json.error).toBe('temporarily_unavailable');
    expect(answer.headers['retry-after']).toBe('7');
    await expectHealthyAfterwards();
  });

  it('a slow upstream → 504 within the configured timeout', async () => {
    stack.mock.faults.inject('token', { kind: 'delay', ms: 3_000 });
    const started = performance.now();
    const answer = await swapOnce();
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(504);
    expect(answer.json.error).toBe('temporarily_unavailable');
    expect(elapsed).toBeLessThan(2_000);
    await expectHealthyAfterwards();
  });

  it('malformed JSON → 502 server_error', async () => {
    stack.mock.faults.inject('token', { kind: 'malformed-json' });
    const answer = await swapOnce();
    expect(answer.status).toBe(502);
    expect(answer.json.error).toBe('server_error');
    await expectHealthyAfterwards();
  });

  it('connection reset → 502 temporarily_unavailable', async () => {
    stack.mock.faults.inject('token', { kind: 'reset' });
    const answer = await swapOnce();
    expect(answer.status).toBe(502);
    expect(answer.json.error).toBe('temporarily_unavailable');
    await expectHealthyAfterwards();
  });

  it('upstream invalid_client (our own credentials wrong) → 502 server_error, not the client’s fault', async () => {
    stack.mock.faults.inject('token', {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client secret' }),
      headers: { 'content-type': 'application/json' },
    });
    const answer = await swapOnce();
    expect(answer.status).toBe(502);
    expect(answer.json.error).toBe('server_error');
    await expectHealthyAfterwards();
  });

  it('faults on refresh map the same way', async () => {
    const swapped = await expectHealthyAfterwards();
    stack.mock.faults.inject('token', { kind: 'status', status: 503 });
    const answer = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(answer.status).toBe(502);
    const again = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(again.status).toBe(200);
  });

  it('upstream calls are counted in /metrics by outcome', async () => {
    const text = await (await fetch(`${stack.service.url}/metrics`)).text();
    expect(text).toMatch(
      /tokenswap_upstream_requests_total\{grant="authorization_code",outcome="timeout"\} 1/,
    );
    expect(text).toMatch(
      /tokenswap_upstream_requests_total\{grant="authorization_code",outcome="unreachable"\} 1/,
    );
    expect(text).toMatch(
      /tokenswap_upstream_requests_total\{grant="authorization_code",outcome="429"\} 1/,
    );
  });
});

describe('an accounts service that cannot be reached', () => {
  let closedPort: number;
  let listener: Server;
  beforeAll(async () => {
    // Take a free port, then close it: nothing listens there.
    listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    closedPort = (listener.address() as { port: number }).port;
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it('connection refused → 502 temporarily_unavailable, and the service keeps answering', async () => {
    const service = await startSwapService({
      env: serviceEnv(`http://127.0.0.1:${closedPort}`),
      port: 0,
      logger: false,
    });
    try {
      for (let i = 0; i < 2; i += 1) {
        const answer = await post(service.swapUrl, { code: 'any-code' });
        expect(answer.status).toBe(502);
        expect(answer.json).toEqual({
          error: 'temporarily_unavailable',
          error_description: 'The accounts service could not be reached; retry later',
        });
      }
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.close();
    }
  });
});
