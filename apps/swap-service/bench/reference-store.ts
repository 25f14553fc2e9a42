/**
 * Reference mode's store figures for docs/reference-mode.md: store latency under load, lock
 * waits across two replicas, and what an outage or failover costs in answers. A script, not a
 * test: it prints a markdown report and never fails on a number.
 *
 *   pnpm --filter @tokenswap/swap-service bench:reference [--seconds 5] [--concurrency 32]
 *
 * Every store is real: SQLite files, redis-server processes and a 3-master Redis Cluster, all
 * started here on 127.0.0.1 (Debian's redis-server must be on PATH). Absolute numbers on a
 * shared machine drift; compare rows of one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ok, type Result, type TokenSet } from '@tokenswap/core';
import { testKeyring } from '@tokenswap/test-support/keys';
import { spawnRedis } from '@tokenswap/test-support/redis';
import { openRedisClusterStore, openRedisStore } from '../src/reference/redis-store.js';
import { instrumentStore, type ReferenceObserver } from '../src/reference/reference-metrics.js';
import { ReferenceTokens } from '../src/reference/reference-tokens.js';
import { openSqliteStore } from '../src/reference/sqlite-store.js';
import type { ReferenceStore } from '../src/reference/store.js';
import { startRedisCluster } from '../test/reference/helpers/redis-cluster.js';
import { holdSqliteWriteLock } from '../test/reference/helpers/sqlite-lock-holder.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const CLIENT = 'bench-client';
/** Refreshes a second arriving during the outage rows. */
const OUTAGE_RATE = 500;
const dir = mkdtempSync(join(tmpdir(), 'tokenswap-bench-ref-'));
const keyring = await testKeyring();
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Records every store operation and lock wait, for percentiles. */
class Recorder implements ReferenceObserver {
  readonly operations = new Map<string, number[]>();
  readonly waits: number[] = [];
  readonly waitOutcomes = new Map<string, number>();
  storeOperation(operation: string, seconds: number): void {
    const list = this.operations.get(operation) ?? [];
    list.push(seconds * 1000);
    this.operations.set(operation, list);
  }
  lockWait(seconds: number, outcome: string): void {
    this.waits.push(seconds * 1000);
    this.waitOutcomes.set(outcome, (this.waitOutcomes.get(outcome) ?? 0) + 1);
  }
  purge(): void {}
}

const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) =>
  Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(0);

/** Spotify as the store sees it: answers after `delayMs`, rotating every time. */
const upstream =
  (delayMs: number) =>
  async (_refreshToken: string): Promise<Result<TokenSet>> => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return ok({
      accessToken: `BQ-${Math.random()}`,
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: '',
      refreshToken: `AQ-${Math.random()}`,
    });
  };

type Opener = () => Promise<ReferenceStore>;

async function handlesOn(tokens: ReferenceTokens, count: number): Promise<string[]> {
  const handles: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await tokens.create({ clientId: CLIENT, refreshToken: `AQ-${i}` });
    if (!created.ok) throw created.error;
    handles.push(created.value);
  }
  return handles;
}

/** What a stretch of load answered, and how fast. */
interface LoadOutcome {
  answers: Map<string, number>;
  latencies: number[];
  loopMaxMs: number;
  /** From the first failed answer to the last (ms); 0 without failures. */
  failingMs: number;
}

/** Runs `refreshOnce` until the time is up, measuring answers and the event loop's delay. */
async function measured(
  tokens: ReferenceTokens,
  handles: string[],
  run: (refreshOnce: () => Promise<void>) => Promise<void>,
): Promise<LoadOutcome> {
  const answers = new Map<string, number>();
  const latencies: number[] = [];
  const failedAt: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  await run(async () => {
    const handle = handles[Math.floor(Math.random() * handles.length)] as string;
    const started = performance.now();
    const result = await tokens.refresh(handle, CLIENT, upstream(0));
    latencies.push(performance.now() - started);
    const outcome = result.ok ? '200' : `${result.error.status} ${result.error.code}`;
    answers.set(outcome, (answers.get(outcome) ?? 0) + 1);
    if (!result.ok) failedAt.push(performance.now());
  });
  loop.disable();
  const failingMs =
    failedAt.length === 0
      ? 0
      : failedAt.reduce((a, b) => Math.max(a, b)) - failedAt.reduce((a, b) => Math.min(a, b));
  return { answers, latencies, loopMaxMs: loop.max / 1e6, failingMs };
}

/** Closed loop: `CONCURRENCY` callers, each refreshing again as soon as answered. */
const closedLoad = (tokens: ReferenceTokens, handles: string[]) =>
  measured(tokens, handles, async (refreshOnce) => {
    const until = Date.now() + SECONDS * 1000;
    const caller = async () => {
      while (Date.now() < until) await refreshOnce();
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  });

/**
 * Open loop: `OUTAGE_RATE` refreshes a second arrive whatever happens to earlier ones (as app
 * traffic does), while `during` disrupts the store.
 */
const openLoad = (tokens: ReferenceTokens, handles: string[], during: () => Promise<void>) =>
  measured(tokens, handles, async (refreshOnce) => {
    const pending: Promise<void>[] = [];
    const timer = setInterval(() => {
      for (let i = 0; i < OUTAGE_RATE / 100; i += 1) pending.push(refreshOnce());
    }, 10);
    await Promise.all([new Promise((resolve) => setTimeout(resolve, SECONDS * 1000)), during()]);
    clearInterval(timer);
    await Promise.all(pending);
  });

async function storeLatency(name: string, open: Opener): Promise<string> {
  log(`latency: ${name}`);
  const recorder = new Recorder();
  const store = instrumentStore(await open(), recorder);
  const tokens = new ReferenceTokens({ store, keyring });
  const handles = await handlesOn(tokens, 200);
  recorder.operations.clear();
  const { answers, latencies } = await closedLoad(tokens, handles);
  await store.close();
  const rate = Math.round((answers.get('200') ?? 0) / SECONDS);
  const cells = ['get', 'acquireLock', 'replaceToken', 'releaseLock'].map((op) => {
    const samples = recorder.operations.get(op) ?? [];
    return `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))}`;
  });
  return `| ${name} | ${rate} | ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} | ${cells.join(' | ')} |`;
}

async function lockWaits(name: string, open: Opener): Promise<string> {
  log(`lock waits: ${name}`);
  const recorder = new Recorder();
  const stores = [await open(), await open()] as const;
  const replicas = [
    new ReferenceTokens({ store: stores[0], keyring, observer: recorder }),
    new ReferenceTokens({ store: stores[1], keyring, observer: recorder }),
  ] as const;
  const handles = await handlesOn(replicas[0], 40);
  let calls = 0;
  const counted = async (token: string) => {
    calls += 1;
    return upstream(50)(token);
  };
  for (const handle of handles) {
    // Ten callers at once, half on each replica; Spotify takes 50 ms.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? replicas[0] : replicas[1]).refresh(handle, CLIENT, counted),
      ),
    );
  }
  for (const store of stores) await store.close();
  const outcomes = [...recorder.waitOutcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ');
  return `| ${name} | ${handles.length} × 10 | ${calls} | ${ms(percentile(recorder.waits, 50))} | ${ms(percentile(recorder.waits, 99))} | ${outcomes} |`;
}

function describeAnswers(answers: Map<string, number>): string {
  return [...answers].map(([outcome, n]) => `${outcome}: ${n}`).join(', ');
}

async function outage(name: string, open: Opener, disrupt: () => Promise<string>): Promise<string> {
  log(`outage: ${name}`);
  const store = await open();
  const tokens = new ReferenceTokens({ store, keyring });
  const handles = await handlesOn(tokens, 200);
  let what = '';
  const { answers, latencies, loopMaxMs, failingMs } = await openLoad(tokens, handles, async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    what = await disrupt();
  });
  await store.close();
  return `| ${name} | ${what} | ${describeAnswers(answers)} | ${(failingMs / 1000).toFixed(1)} | ${ms(percentile(latencies, 99))} | ${ms(latencies.reduce((a, b) => Math.max(a, b), 0))} | ${ms(loopMaxMs)} |`;
}

const sqliteFile = (name: string) => join(dir, `${name}.db`);
const redis = await spawnRedis();
const cluster = await startRedisCluster();
const clusterOpen = () => openRedisClusterStore({ nodes: cluster.nodes });
const report: string[] = [];
try {
  report.push(
    `Reference-mode store figures (\`bench:reference\`, ${SECONDS} s per row, ${CONCURRENCY} concurrent refreshes, Node ${process.versions.node}).`,
    '',
    '### Store latency under load (ms, p50 / p99)',
    '',
    '| store | refreshes/s | refresh | get | acquireLock | replaceToken | releaseLock |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    await storeLatency('sqlite (file, WAL)', () =>
      openSqliteStore({ path: sqliteFile('latency') }),
    ),
    await storeLatency('redis', () => openRedisStore({ url: redis.url })),
    await storeLatency('redis cluster (3 masters)', clusterOpen),
    '',
    '### Lock waits: two replicas, ten callers per handle at once, Spotify answering in 50 ms',
    '',
    '| store | refreshes | Spotify calls | wait p50 (ms) | wait p99 (ms) | waits ended by |',
    '| --- | --- | --- | --- | --- | --- |',
    await lockWaits('sqlite', () => openSqliteStore({ path: sqliteFile('locks') })),
    await lockWaits('redis', () => openRedisStore({ url: redis.url })),
    await lockWaits('redis cluster', clusterOpen),
    '',
    `### What an outage costs (one replica, ${OUTAGE_RATE} refreshes/s arriving; answers over the whole ${SECONDS} s row)`,
    '',
    '| store | disruption | answers | 503s for (s) | refresh p99 (ms) | slowest (ms) | event-loop max delay (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    await outage(
      'sqlite',
      () => openSqliteStore({ path: sqliteFile('outage') }),
      async () => {
        const holder = await holdSqliteWriteLock(sqliteFile('outage'));
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await holder.release();
        return 'another process holds the write lock for 2 s';
      },
    ),
    await outage(
      'redis',
      () => openRedisStore({ url: redis.url }),
      async () => {
        redis.save();
        await redis.kill();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await redis.start();
        return 'redis-server killed, restarted 1 s later (from its last save)';
      },
    ),
    await outage('redis cluster', clusterOpen, async () => {
      const master = await cluster.masterOf('{x}');
      const started = Date.now();
      await cluster.kill(master);
      while ((await cluster.masterOf('{x}').catch(() => master)) === master) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return `one of 3 masters killed; its replica promoted after ${((Date.now() - started) / 1000).toFixed(1)} s (cluster-node-timeout 1 s)`;
    }),
  );
  process.stdout.write(`${report.join('\n')}\n`);
} finally {
  await redis.dispose();
  await cluster.dispose();
  rmSync(dir, { recursive: true, force: true });
}
