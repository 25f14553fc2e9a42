import { connect } from 'node:net';
import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { jsonOrUndefined, waitUntil } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { parseAnswers, rawExchange } from '@tokenswap/test-support/raw-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIVED_LINE, REQUEST_LINE } from '../src/request-log.js';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { logLines, spawnService } from './support/child-service.js';
import { SCOPES, serviceEnv } from './support/env.js';
import { keepAlivePool, postForm } from './support/http.js';

/** Bugs the hardening suite found, one test each, named after the bug. */

let mock: MockAccounts;
let service: SwapService;
let port: number;

beforeAll(async () => {
  mock = await startMockAccounts();
  const key = await newTestKey('regressions');
  service = await startSwapService({
    env: serviceEnv(mock.url, key, { LOG_LEVEL: 'silent' }),
    port: 0,
    host: '127.0.0.1',
    logger: false,
  });
  port = Number(new URL(service.url).port);
});
afterAll(async () => {
  await service?.close();
  await mock?.close();
});

const FORM = 'application/x-www-form-urlencoded';

describe('regressions', () => {
  it('bug: an HTTP/1.1 request without Host got 400 with an empty body, not a JSON error', async () => {
    const exchange = await rawExchange(
      port,
      `POST /swap HTTP/1.1\r\nContent-Type: ${FORM}\r\nContent-Length: 8\r\n\r\ncode=abc`,
    );
    const answer = exchange.answers[0];
    expect(answer?.status, exchange.raw).toBe(400);
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(jsonOrUndefined(answer?.body ?? '')).toMatchObject({ error: 'invalid_request' });
  });

  it('bug: an Expect header other than 100-continue got 417 with an empty body, not a JSON error', async () => {
    const exchange = await rawExchange(
      port,
      `POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nContent-Type: ${FORM}\r\nContent-Length: 8\r\n\r\ncode=abc`,
    );
    const answer = exchange.answers[0];
    expect(answer?.status, exchange.raw).toBe(417);
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(jsonOrUndefined(answer?.body ?? '')).toMatchObject({ error: 'invalid_request' });
  });

  it('bug: a client that stalls its request body held the connection forever and made a graceful shutdown time out (exit 1)', async () => {
    const key = await newTestKey('stall');
    const graceMs = 15_000; // the default SHUTDOWN_TIMEOUT_MS
    const child = await spawnService(
      serviceEnv(mock.url, key, {
        PORT: '0',
        // At debug the service logs "request received" when a request's head arrives.
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: String(graceMs),
      }),
    );
    try {
      const childPort = Number(new URL(child.url).port);
      // Announces 100 bytes, sends 8, then goes quiet (a slowloris, or a phone in a tunnel).
      const stalled = connect({ host: '127.0.0.1', port: childPort });
      let received = '';
      stalled.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
      });
      stalled.on('error', () => {});
      stalled.write(
        `POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}\r\nContent-Length: 100\r\n\r\ncode=abc`,
      );
      // And one ordinary request in flight, which must be drained.
      mock.faults.inject('token', { kind: 'delay', ms: 500 });
      const pool = keepAlivePool(child.url, 1);
      const ordinary = postForm(pool, '/swap', { code: mock.mintCode({ scopes: SCOPES }) });
      const incoming = () =>
        logLines(child.stdout()).filter((line) => line.msg === RECEIVED_LINE).length;
      await waitUntil(() => incoming() >= 2, { what: 'both requests to reach the service' });

      const signalAt = performance.now();
      child.child.kill('SIGTERM');
      const exitCode = await child.exited;
      const afterMs = performance.now() - signalAt;
      expect((await ordinary).status).toBe(200);
      await pool.close();
      stalled.destroy();

      expect(exitCode, child.stdout().slice(-600)).toBe(0);
      expect(afterMs).toBeLessThan(graceMs);
      expect(child.stdout()).not.toMatch(/shutdown timed out/);
      // One request line each: the 408 is written on the socket, so its line is the deadline's.
      expect(
        logLines(child.stdout())
          .filter((line) => line.msg === REQUEST_LINE)
          .map((line) => line.statusCode)
          .sort(),
      ).toEqual([200, 408]);
      // The stalled client was told why: a JSON 408.
      const answer = parseAnswers(received)[0];
      expect(answer?.status, received).toBe(408);
      expect(typeof (jsonOrUndefined(answer?.body ?? '') as { error?: unknown })?.error).toBe(
        'string',
      );
    } finally {
      await child.dispose();
    }
  }, 40_000);
});
