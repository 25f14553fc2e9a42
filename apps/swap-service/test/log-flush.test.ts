import { createServer } from 'node:net';
import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { waitUntil } from '@tokenswap/test-support';
import {
  type RunningSwapServer,
  spawnSwapServer,
  startSwapServer,
} from '@tokenswap/test-support/swap-service-process';
import { Pool } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_LINE } from '../src/request-log.js';
import { serviceEnv } from './helpers/stack.js';

/**
 * Production's log output is buffered (log-destination.ts); the built service in a child
 * process, stopped in each way `server.ts` knows, must still print every line it logged.
 */

type Line = Record<string, unknown>;

let mock: MockAccounts;
let server: RunningSwapServer | undefined;

beforeAll(async () => {
  mock = await startMockAccounts();
});
afterEach(async () => {
  await server?.dispose();
  server = undefined;
  mock.faults.clear();
});
afterAll(async () => {
  await mock?.close();
});

/** The JSON lines of the child's stdout (the banner is skipped). */
function jsonLines(stdout: string): Line[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
}

/** The built service in production mode (credentials set) against the mock. */
async function startProductionService(extra: Record<string, string>): Promise<RunningSwapServer> {
  server = await startSwapServer(serviceEnv(mock.url, { PORT: '0', LOG_LEVEL: 'info', ...extra }));
  return server;
}

/** A swap held at the mock for `ms`: in flight once the mock has taken its delay fault. */
async function swapHeldUpstream(child: RunningSwapServer, ms: number): Promise<Pool> {
  mock.faults.inject('token', { kind: 'delay', ms });
  const pool = new Pool(child.url, { connections: 1 });
  void pool
    .request({
      method: 'POST',
      path: new URL(child.swapUrl).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${mock.mintCode()}`,
    })
    .then(
      (answer) => answer.body.dump(),
      () => {},
    );
  await waitUntil(() => mock.faults.pending() === 0, { what: 'the swap to reach the mock' });
  return pool;
}

describe('buffered log output in production', () => {
  it('a burst of requests then SIGTERM: every request line and the last "drained … stopped" line are printed', async () => {
    const child = await startProductionService({});
    const burst = 300;
    const pool = new Pool(child.url, { connections: 10 });
    const statuses = await Promise.all(
      Array.from({ length: burst }, async () => {
        const answer = await pool.request({ method: 'GET', path: '/healthz' });
        await answer.body.dump();
        return answer.statusCode;
      }),
    );
    await pool.close();
    expect(statuses.every((status) => status === 200)).toBe(true);

    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    const lines = jsonLines(child.stdout());
    const requestLines = lines.filter(
      (line) => line.msg === REQUEST_LINE && line.url === '/healthz',
    );
    expect(requestLines).toHaveLength(burst);
    expect(lines.at(-1)?.msg).toBe('drained 0 in-flight request(s); stopped');
  }, 30_000);

  it('a second signal exits 1 at once and still prints its line', async () => {
    const child = await startProductionService({});
    const pool = await swapHeldUpstream(child, 10_000);
    child.child.kill('SIGTERM');
    // Printed within the buffer's flush interval, while the service drains.
    await child.waitFor(/shutting down/, 5_000);
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(1);
    expect(jsonLines(child.stdout()).at(-1)).toMatchObject({
      level: 40,
      msg: 'second signal: exiting without waiting',
    });
    await pool.destroy();
  }, 30_000);

  it('a shutdown that times out exits 1 and still prints its line', async () => {
    const child = await startProductionService({ SHUTDOWN_TIMEOUT_MS: '500' });
    const pool = await swapHeldUpstream(child, 10_000);
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(1);
    expect(jsonLines(child.stdout()).at(-1)).toMatchObject({
      level: 50,
      msg: 'shutdown timed out',
      inFlight: 1,
    });
    await pool.destroy();
  }, 30_000);

  it('a start-up failure (the port is taken) exits 1 and still prints what was logged before it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const child = spawnSwapServer(
        serviceEnv(mock.url, { PORT: String(port), LOG_LEVEL: 'info' }),
      );
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toMatch(/failed to start: .*EADDRINUSE/);
      expect(jsonLines(child.stdout()).map((line) => line.msg)).toContain('token mode: sealed');
    } finally {
      taken.close();
    }
  }, 30_000);
});

describe('a stdout nobody reads any more (the log collector died) never holds a stop', () => {
  // sonic-boom's synchronous flush retries a failed write forever, EPIPE included; pino's exit
  // hook called it, so such a service never exited on SIGTERM (found by hand, 2026-11-26).
  it.each([
    ['production', () => serviceEnv(mock.url, { PORT: '0', LOG_LEVEL: 'info' })],
    ['development', () => ({ PORT: '0', LOG_LEVEL: 'info' })],
  ])('%s: stdout and stderr closed, then SIGTERM → exit 0 within 3 s', async (_mode, env) => {
    server = await startSwapServer(env());
    const child = server;
    child.child.stdout?.destroy();
    child.child.stderr?.destroy();
    const started = Date.now();
    child.child.kill('SIGTERM');
    const code = await Promise.race([
      child.exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 3_000)),
    ]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
