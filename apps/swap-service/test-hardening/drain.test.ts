import { probeUntilStatusChanges, sleep } from '@tokenswap/test-support';
import { newTestKey } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { SCOPES, serviceEnv } from './support/env.js';
import { recordFigures } from './support/figures.js';
import { keepAlivePool, postForm } from './support/http.js';
import { mockAndServicePerFile } from './support/mock-and-service.js';

const DRAIN_MS = 2_000;
const CONCURRENCY = 16;
/** How long a load balancer keeps sending after its probe first sees 503 (probe period, threshold). */
const BALANCER_LAG_MS = 300;
const PROBE_EVERY_MS = 100;

const stack = mockAndServicePerFile();

describe('drain window', () => {
  it('SIGTERM under keep-alive swap load behind a probing balancer: /readyz 503 first, every request answered 200, 0 resets, exit 0', async (context) => {
    const key = await newTestKey('drain');
    const mock = stack.mock;
    const service = await stack.spawn(
      serviceEnv(mock.url, key, {
        PORT: '0',
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
        SHUTDOWN_TIMEOUT_MS: '20000',
      }),
    );
    const origin = service.url;
    const swapPath = new URL(service.swapUrl).pathname;
    const pool = keepAlivePool(origin, CONCURRENCY);
    const probe = keepAlivePool(origin, 1);
    let sending = true;
    const tally = { requests: 0, ok: 0, failed: [] as string[], duringDrain: 0 };
    let signalled = false;
    const client = async () => {
      while (sending) {
        tally.requests += 1;
        if (signalled) tally.duringDrain += 1;
        try {
          const answer = await postForm(pool, swapPath, {
            code: mock.mintCode({ scopes: SCOPES }),
          });
          if (answer.status === 200) tally.ok += 1;
          else tally.failed.push(`${answer.status} ${answer.text.slice(0, 100)}`);
        } catch (error) {
          tally.failed.push(
            `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`,
          );
        }
      }
    };
    const clients = Array.from({ length: CONCURRENCY }, client);
    await sleep(1_000);

    const signalAt = performance.now();
    signalled = true;
    service.child.kill('SIGTERM');
    await probeUntilStatusChanges(probe, '/readyz', 200, {
      intervalMs: PROBE_EVERY_MS,
    });
    const readinessOffAfterMs = Math.round(performance.now() - signalAt);
    await sleep(BALANCER_LAG_MS);
    sending = false;
    await Promise.all(clients);
    const exitCode = await service.exited;
    const exitAfterSignalMs = Math.round(performance.now() - signalAt);
    await pool.destroy();
    await probe.destroy();

    const figures = {
      drainMs: DRAIN_MS,
      concurrency: CONCURRENCY,
      requests: tally.requests,
      answered200: tally.ok,
      sentAfterSignal: tally.duringDrain,
      failures: tally.failed.length,
      readinessOffAfterMs,
      exitCode,
      exitAfterSignalMs,
    };
    recordFigures(context, { drain: figures });
    console.log('drain window:', JSON.stringify(figures));

    expect(tally.failed.slice(0, 5)).toEqual([]);
    expect(tally.ok).toBe(tally.requests);
    expect(tally.duringDrain).toBeGreaterThan(0);
    expect(readinessOffAfterMs).toBeLessThan(DRAIN_MS / 2);
    expect(exitCode).toBe(0);
    expect(exitAfterSignalMs).toBeGreaterThanOrEqual(DRAIN_MS - 100);
    expect(exitAfterSignalMs).toBeLessThan(DRAIN_MS + 5_000);
  });
});
