import { startMockAccounts } from '@tokenswap/mock-accounts';
import { post, send, waitUntil } from '@tokenswap/test-support';
import { spawnSwapServer } from '@tokenswap/test-support/swap-service-process';
import { describe, expect, it } from 'vitest';
import { injectableApp } from './helpers/app.js';
import { serviceEnv, startStack } from './helpers/stack.js';

describe('graceful shutdown', () => {
  it('SIGTERM with a request in flight: the request completes with 200 and the process exits 0', async () => {
    const mock = await startMockAccounts();
    try {
      const server = spawnSwapServer({ ...serviceEnv(mock.url), PORT: '0' });
      const [, swapUrl] = await server.waitFor(/swap: +POST (\S+)/);
      mock.faults.inject('token', { kind: 'delay', ms: 1_500 });
      const inFlight = post(swapUrl as string, { code: mock.mintCode() });
      // Wait until the slow upstream call has started, then ask the server to stop.
      await waitUntil(() => mock.faults.pending() === 0, { what: 'the upstream call to start' });
      server.child.kill('SIGTERM');
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.json.refresh_token).toMatch(/^v1\./);
      expect(await server.exited).toBe(0);
      expect(server.stdout()).toMatch(/drained 1 in-flight request/);
    } finally {
      await mock.close();
    }
  }, 30_000);
});

describe('health checks', () => {
  it('/healthz is live; /readyz is 503 until listening, 200 while listening, 503 once closing', async () => {
    const app = await injectableApp();
    const readiness = app.tokenswap.readiness;
    const before = await app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'starting' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });

    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const ready = await send(`http://127.0.0.1:${port}/readyz`, { method: 'GET' });
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready' });

    // Closing flips readiness before the listener stops (preClose), so a probe that still
    // gets through sees 503.
    await app.close();
    expect(readiness.closing).toBe(true);

    const other = await injectableApp();
    Object.assign(other.tokenswap.readiness, { listening: true, closing: true });
    const closing = await other.inject({ method: 'GET', url: '/readyz' });
    expect(closing.statusCode).toBe(503);
    expect(closing.json()).toEqual({ status: 'shutting down' });
    await other.close();
  });

  it('a request finished during shutdown closes its keep-alive connection (close does not hang)', async () => {
    const stack = await startStack();
    try {
      stack.mock.faults.inject('token', { kind: 'delay', ms: 600 });
      const inFlight = post(stack.service.swapUrl, { code: stack.mintCode() });
      await waitUntil(() => stack.mock.faults.pending() === 0, {
        what: 'the upstream call to start',
      });
      const started = performance.now();
      const closing = stack.service.app.close();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      await closing;
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      await stack.close();
    }
  });
});
