import { closeAfterEach, post, send } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack } from './helpers/stack.js';

const closeLater = closeAfterEach(afterEach);

describe('rate limiting per client IP', () => {
  it('answers 429 temporarily_unavailable with Retry-After past RATE_LIMIT_MAX, on token routes only', async () => {
    const stack = closeLater(
      await startStack({ env: { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '30000' } }),
    );
    for (let i = 0; i < 2; i += 1) {
      expect((await post(stack.service.swapUrl, { code: 'x' })).status).toBe(400);
    }
    const limited = await post(stack.service.refreshUrl, { refresh_token: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
    expect(limited.headers['cache-control']).toBe('no-store');
    expect(limited.json).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'too many requests from this address; retry after 30 s',
    });
    // Health checks and metrics are not limited.
    expect((await send(`${stack.service.url}/healthz`, { method: 'GET' })).status).toBe(200);
    expect((await send(`${stack.service.url}/metrics`, { method: 'GET' })).status).toBe(200);
  });

  it('RATE_LIMIT_MAX=0 turns it off', async () => {
    const stack = closeLater(await startStack({ env: { RATE_LIMIT_MAX: '0' } }));
    for (let i = 0; i < 5; i += 1) {
      expect((await post(stack.service.swapUrl, { code: 'x' })).status).toBe(400);
    }
  });
});

describe('TRUST_PROXY', () => {
  it('with a trusted proxy, the limit applies per X-Forwarded-For client', async () => {
    const stack = closeLater(
      await startStack({ env: { RATE_LIMIT_MAX: '1', TRUST_PROXY: '127.0.0.1' } }),
    );
    const from = (ip: string) =>
      send(stack.service.swapUrl as string, {
        method: 'POST',
        body: 'code=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      });
    expect((await from('203.0.113.1')).status).toBe(400);
    expect((await from('203.0.113.2')).status).toBe(400);
    expect((await from('203.0.113.1')).status).toBe(429);
  });

  it('without it, X-Forwarded-For is ignored (clients cannot dodge the limit)', async () => {
    const stack = closeLater(await startStack({ env: { RATE_LIMIT_MAX: '1' } }));
    const from = (ip: string) =>
      send(stack.service.swapUrl as string, {
        method: 'POST',
        body: 'code=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      });
    expect((await from('203.0.113.1')).status).toBe(400);
    expect((await from('203.0.113.2')).status).toBe(429);
  });
});
