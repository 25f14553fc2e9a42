import { connect } from 'node:net';
import { jsonOrUndefined, sleep, waitUntil } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { RECEIVED_LINE } from '../src/request-log.js';
import { logLines } from './support/child-service.js';
import { SCOPES, serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { type Answer, keepAlivePool, postForm } from './support/http.js';
import { mockAndServicePerFile } from './support/mock-and-service.js';

const IN_FLIGHT = 200;
/**
 * Upstream calls are held at the mock so that all 200 are in flight when SIGTERM comes: the
 * first 64 (at least the service's whole upstream pool) for 2.5 s, which leaves the 200 that
 * long to arrive even on a busy machine; the rest, queued behind them, for 0.5 s each.
 */
const FIRST_WAVE = 64;
const FIRST_WAVE_DELAY_MS = 2_500;
const LATER_DELAY_MS = 500;
const GRACE_MS = 25_000;

const stack = mockAndServicePerFile();

/** Connections of each kind held open across the SIGTERM, none with a request in flight. */
const HELD_EACH = 5;

/**
 * A connection with no request in flight: `silent` (connected, nothing sent), `half-open` (half
 * a request head), `idle` (keep-alive after one answered request). Resolves `closedAt` when the
 * service closes it.
 */
async function holdConnection(
  port: number,
  kind: 'silent' | 'half-open' | 'idle',
): Promise<{ kind: string; closedAt: Promise<number> }> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => {});
  const closedAt = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(performance.now())),
  );
  if (kind === 'half-open') socket.write('POST /swap HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty');
  if (kind === 'idle') {
    const answered = new Promise((resolve) => socket.once('data', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await answered;
  }
  return { kind, closedAt };
}

/** Resolves true once a new TCP connection to `port` is refused. */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    if (outcome === 'ECONNREFUSED') return true;
    await sleep(10);
  }
  return false;
}

describe('stop under load', () => {
  it('SIGTERM with 200 requests in flight and idle, silent and half-open connections held: all 200 answered, the held ones closed at once, new connections refused, exit 0, drained count logged', async (context) => {
    const key = await newTestKey('stop');
    const mock = stack.mock;
    const service = await stack.spawn(
      serviceEnv(mock.url, key, {
        PORT: '0',
        // At debug the service logs "request received" when a request's head arrives.
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
      }),
    );
    const port = Number(new URL(service.url).port);
    const codes = Array.from({ length: IN_FLIGHT }, () => mock.mintCode({ scopes: SCOPES }));
    mock.faults.inject('token', { kind: 'delay', ms: FIRST_WAVE_DELAY_MS }, FIRST_WAVE);
    mock.faults.inject('token', { kind: 'delay', ms: LATER_DELAY_MS }, IN_FLIGHT - FIRST_WAVE);

    const pool = keepAlivePool(service.url, IN_FLIGHT);
    let answered = 0;
    const swapPath = new URL(service.swapUrl).pathname;
    const requests: Promise<Answer | Error>[] = codes.map((code) =>
      postForm(pool, swapPath, { code }).then(
        (answer) => {
          answered += 1;
          return answer;
        },
        (error: Error) => {
          answered += 1;
          return error;
        },
      ),
    );

    // In flight = the service logged "request received" for it (debug: its head arrived, where
    // Fastify logged "incoming request" before) and it waits on the delayed upstream call.
    const child = service;
    const received = () =>
      logLines(child.stdout()).filter((line) => line.msg === RECEIVED_LINE && line.url === swapPath)
        .length;
    await waitUntil(() => received() >= IN_FLIGHT, {
      what: `${IN_FLIGHT} requests to reach the service`,
      timeoutMs: 15_000,
      intervalMs: 10,
    });
    expect(received()).toBe(IN_FLIGHT);
    expect(answered).toBe(0);

    const held = await Promise.all(
      (['silent', 'half-open', 'idle'] as const).flatMap((kind) =>
        Array.from({ length: HELD_EACH }, () => holdConnection(port, kind)),
      ),
    );

    const signalAt = performance.now();
    service.child.kill('SIGTERM');
    // Closed long before the in-flight requests (held upstream for 2.5 s) are answered.
    const heldClosedAfterMs = Math.round(
      Math.max(...(await Promise.all(held.map((h) => h.closedAt)))) - signalAt,
    );
    const answeredWhenHeldClosed = answered;
    const refused = await refusedWithin(port, 3_000);
    // Refused while the drain was still going on: the listener closed first.
    const stillOpenWhenRefused = IN_FLIGHT - answered;

    const answers = await Promise.all(requests);
    const exitCode = await service.exited;
    const exitAfterSignalMs = Math.round(performance.now() - signalAt);
    await pool.destroy();

    const ok = answers.filter(
      (answer): answer is Answer =>
        !(answer instanceof Error) &&
        answer.status === 200 &&
        /^v1\./.test(
          String((jsonOrUndefined(answer.text) as { refresh_token?: unknown })?.refresh_token),
        ),
    );
    const drainedLine = logLines(service.stdout()).find((line) => typeof line.drained === 'number');
    const shutdownLine = logLines(service.stdout()).find(
      (line) => typeof line.inFlight === 'number' && line.signal === 'SIGTERM',
    );
    const figures = {
      inFlightAtSignal: Number(shutdownLine?.inFlight ?? -1),
      answered200: ok.length,
      lost: IN_FLIGHT - ok.length,
      drainedLogged: Number(drainedLine?.drained ?? -1),
      refusedAfterSignal: refused,
      heldConnections: held.length,
      heldClosedAfterMs,
      exitCode,
      exitAfterSignalMs,
      gracePeriodMs: GRACE_MS,
    };
    recordFigures(context, { stop: figures });
    console.log('stop under load:', JSON.stringify(figures));

    const failures = answers.filter((answer) => !ok.includes(answer as Answer));
    expect(failures.map((f) => (f instanceof Error ? f.message : `${f.status} ${f.text}`))).toEqual(
      [],
    );
    expect(refused).toBe(true);
    expect(stillOpenWhenRefused).toBeGreaterThan(0);
    expect(heldClosedAfterMs).toBeLessThan(1_500);
    expect(answeredWhenHeldClosed).toBeLessThan(IN_FLIGHT);
    expect(exitCode).toBe(0);
    expect(exitAfterSignalMs).toBeLessThan(GRACE_MS);
    expect(figures.inFlightAtSignal).toBe(IN_FLIGHT);
    expect(figures.drainedLogged).toBe(IN_FLIGHT);
    expect(service.stdout()).toMatch(new RegExp(`drained ${IN_FLIGHT} in-flight request`));
  });
});
