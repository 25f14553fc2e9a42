import { send } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './helpers/stack.js';

// Regression (issue 16): /metrics was served unauthenticated on the public port. METRICS_PORT
// moves it to its own listener (loopback by default); METRICS_TOKEN asks for a bearer token.
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const TOKEN = 'metrics-token-0123456789abcdef0123456789';

function expectUnauthorized(answer: Awaited<ReturnType<typeof send>>): void {
  expect(answer.status).toBe(401);
  expect(answer.headers['www-authenticate']).toBe('Bearer realm="metrics"');
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.json).toEqual({
    error: 'invalid_request',
    error_description: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
  });
}

describe('/metrics access', () => {
  it('METRICS_PORT: served on its own loopback listener, 404 on the public port', async () => {
    stack = await startStack({ env: { METRICS_PORT: '0' } });
    const { service } = stack;
    expect(service.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(service.metricsUrl.startsWith(service.url)).toBe(false);

    const separate = await send(service.metricsUrl, { method: 'GET' });
    expect(separate.status).toBe(200);
    expect(separate.text).toContain('tokenswap_http_requests_total');

    const publicPort = await send(`${service.url}/metrics`, { method: 'GET' });
    expect(publicPort.status).toBe(404);
    expect(publicPort.json.error).toBe('invalid_request');
    // The metrics listener serves nothing else.
    const other = await send(service.metricsUrl.replace('/metrics', '/swap'), { method: 'POST' });
    expect(other.status).toBe(404);
    expect(other.headers['cache-control']).toBe('no-store');
  });

  it('METRICS_TOKEN: 401 without the bearer token or with a wrong one, 200 with it', async () => {
    stack = await startStack({ env: { METRICS_TOKEN: TOKEN } });
    const url = `${stack.service.url}/metrics`;
    expectUnauthorized(await send(url, { method: 'GET' }));
    expectUnauthorized(
      await send(url, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}x` } }),
    );
    expectUnauthorized(
      await send(url, { method: 'GET', headers: { authorization: `Basic ${TOKEN}` } }),
    );
    const ok = await send(url, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('tokenswap_http_requests_total');
  });

  it('both: the separate listener asks for the token too', async () => {
    stack = await startStack({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });
    expectUnauthorized(await send(stack.service.metricsUrl, { method: 'GET' }));
    const ok = await send(stack.service.metricsUrl, {
      method: 'GET',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
  });

  it('closing the service closes the metrics listener', async () => {
    stack = await startStack({ env: { METRICS_PORT: '0' } });
    const url = stack.service.metricsUrl;
    await stack.close();
    stack = undefined;
    await expect(send(url, { method: 'GET' })).rejects.toThrow();
  });
});
