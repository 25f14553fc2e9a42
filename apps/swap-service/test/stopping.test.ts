import { connect, type Socket } from 'node:net';
import { startMockAccounts } from '@tokenswap/mock-accounts';
import { probeUntilStatusChanges, sleep, waitUntil } from '@tokenswap/test-support';
import { rawExchange, rawPost } from '@tokenswap/test-support/raw-http';
import { spawnSwapServer } from '@tokenswap/test-support/swap-service-process';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { SERVICE_ERRORS, serviceError } from '../src/errors.js';
import { serviceEnv, startStack } from './helpers/stack.js';

/**
 * Stopping over real sockets: every connection without a request in flight closes at once
 * (idle keep-alive, silent, half a head), in-flight requests finish, requests arriving during
 * the stop get the JSON 503, and the drain window keeps serving with /readyz at 503.
 */

const FORM = 'application/x-www-form-urlencoded';

/** A raw connection, and a promise of when the server closes it. */
async function openSocket(
  port: number,
  bytes?: string,
): Promise<{ socket: Socket; closed: Promise<number> }> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => {});
  socket.on('data', () => {});
  if (bytes !== undefined) socket.write(bytes);
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(performance.now())),
  );
  return { socket, closed };
}

function waitForUpstreamCall(mock: { faults: { pending(): number } }): Promise<void> {
  return waitUntil(() => mock.faults.pending() === 0, { what: 'the upstream call to start' });
}

describe('a stop', () => {
  it('closes idle, silent and half-open connections at once and finishes the request in flight', async () => {
    const stack = await startStack();
    const port = Number(new URL(stack.service.url).port);
    try {
      const idle = await openSocket(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      const silent = await openSocket(port);
      const half = await openSocket(port, 'POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty');
      stack.mock.faults.inject('token', { kind: 'delay', ms: 1_000 });
      const inFlight = rawExchange(port, rawPost('/swap', FORM, `code=${stack.mintCode()}`));
      await waitForUpstreamCall(stack.mock);
      await sleep(50);
      const started = performance.now();
      const closing = stack.service.close();
      const closedAt = await Promise.all([idle.closed, silent.closed, half.closed]);
      for (const at of closedAt) expect(at - started).toBeLessThan(300);
      const answer = (await inFlight).answers[0];
      expect(answer?.status).toBe(200);
      expect(answer?.headers.connection).toBe('close');
      await closing;
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await stack.mock.close();
    }
  });

  it('answers a request arriving on an open connection during the stop with the JSON 503', async () => {
    const stack = await startStack();
    const port = Number(new URL(stack.service.url).port);
    try {
      stack.mock.faults.inject('token', { kind: 'delay', ms: 800 });
      const { socket } = await openSocket(port);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.write(rawPost('/swap', FORM, `code=${stack.mintCode()}`));
      await waitForUpstreamCall(stack.mock);
      const closing = stack.service.close();
      await sleep(50);
      // Pipelined behind the request in flight: it arrives while the service stops.
      socket.write(rawPost('/swap', FORM, 'code=late'));
      await closing;
      await new Promise((resolve) => socket.once('close', resolve));
      const { parseAnswers } = await import('@tokenswap/test-support/raw-http');
      const answers = parseAnswers(Buffer.concat(chunks).toString('latin1'));
      expect(answers.map((a) => a.status)).toEqual([200, 503]);
      const late = answers[1];
      expect(late?.headers['retry-after']).toBe('1');
      expect(late?.headers['cache-control']).toBe('no-store');
      expect(late?.headers.connection).toBe('close');
      expect(JSON.parse(late?.body ?? '')).toEqual(serviceError('shuttingDown').toJSON());
      expect(SERVICE_ERRORS.shuttingDown.status).toBe(503);
    } finally {
      await stack.mock.close();
    }
  });

  it('caps open connections at MAX_CONNECTIONS', async () => {
    const stack = await startStack({ env: { MAX_CONNECTIONS: '2' } });
    const port = Number(new URL(stack.service.url).port);
    try {
      const held = [await openSocket(port), await openSocket(port)];
      const third = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', {
        waitMs: 2_000,
      });
      expect(third.answers).toEqual([]);
      expect(third.closedByServer).toBe(true);
      for (const { socket } of held) socket.destroy();
      await sleep(100);
      const after = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect(after.answers[0]?.status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  it('drain window: /readyz is 503 while requests are still served, then listening stops; 0 failures under keep-alive load', async () => {
    const stack = await startStack({ env: { SHUTDOWN_DRAIN_MS: '1500' } });
    const origin = stack.service.url;
    const pool = new Pool(origin, { connections: 8, pipelining: 1 });
    const probe = new Pool(origin, { connections: 1 });
    let balancerSends = true;
    let served = 0;
    const failures: string[] = [];
    const client = async () => {
      while (balancerSends) {
        try {
          const answer = await pool.request({ method: 'GET', path: '/healthz' });
          await answer.body.text();
          if (answer.statusCode === 200) served += 1;
          else failures.push(String(answer.statusCode));
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    try {
      const clients = Array.from({ length: 8 }, client);
      await sleep(300);
      const servedBefore = served;
      const started = performance.now();
      const closing = stack.service.close();
      // A load balancer's probe: once /readyz says 503, it stops sending (here 100 ms later).
      const readyz = await probeUntilStatusChanges(probe, '/readyz', 200, { intervalMs: 50 });
      expect(readyz).toBe(503);
      expect(performance.now() - started).toBeLessThan(500);
      await sleep(100);
      balancerSends = false;
      await Promise.all(clients);
      // Still listening inside the window: a new connection is served.
      const fresh = await rawExchange(
        Number(new URL(origin).port),
        'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      );
      expect(fresh.answers[0]?.status).toBe(200);
      expect(fresh.answers[0]?.headers.connection).toBe('close');
      await closing;
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_400);
      expect(failures).toEqual([]);
      expect(served).toBeGreaterThan(servedBefore);
    } finally {
      balancerSends = false;
      await pool.destroy();
      await probe.destroy();
      await stack.mock.close();
    }
  });
});

describe('SIGTERM', () => {
  it('with silent, half-open and idle connections held open: exit 0 well inside SHUTDOWN_TIMEOUT_MS', async () => {
    const mock = await startMockAccounts();
    try {
      const server = spawnSwapServer({
        ...serviceEnv(mock.url),
        PORT: '0',
        SHUTDOWN_TIMEOUT_MS: '10000',
      });
      const [, swapUrl] = await server.waitFor(/swap: +POST (\S+)/);
      const port = Number(new URL(swapUrl as string).port);
      const held = [
        await openSocket(port),
        await openSocket(port, 'POST /refresh HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half'),
        await openSocket(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
      ];
      await sleep(100);
      const started = performance.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(performance.now() - started).toBeLessThan(2_500);
      await Promise.all(held.map((h) => h.closed));
      expect(server.stdout()).not.toMatch(/shutdown timed out/);
    } finally {
      await mock.close();
    }
  }, 30_000);
});
