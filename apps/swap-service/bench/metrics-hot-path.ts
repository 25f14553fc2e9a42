/**
 * CPU per request of the service's metrics bookkeeping — one `tokenswap_http_requests_total`
 * count, one upstream call counted and timed — the way it was done before issue 18 against
 * `createMetrics`' `countRequest`/`countUpstreamCall`. A script, not a test: it prints same-run
 * ratios and never fails on a number.
 *
 *   pnpm --filter @tokenswap/swap-service bench:metrics [--requests 300000] [--rounds 5]
 *
 * Rows, interleaved round by round (median of the rounds), each on fresh metrics:
 * - `Counter.inc(labels) + startTimer`: prom-client per request (before);
 * - `cached labels() children`: `counter.labels(...)` kept per label set (prom-client still
 *   hashes the bound labels on every `inc`);
 * - `countRequest + countUpstreamCall`: plain numbers per label set, added at scrape time, and a
 *   histogram `observe` with a shared label object (now).
 */
import { parseArgs } from 'node:util';
import { createMetrics } from '../src/metrics.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300000' },
    rounds: { type: 'string', default: '5' },
  },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);

type Record_ = (route: string, method: string, status: number) => void;

const rows: Record<string, () => Record_> = {
  'Counter.inc(labels) + startTimer': () => {
    const m = createMetrics();
    return (route, method, status) => {
      const stop = m.upstreamDuration.startTimer({ grant: 'refresh_token' });
      stop();
      m.upstreamRequests.inc({ grant: 'refresh_token', outcome: String(status) });
      m.httpRequests.inc({ route, method, status: String(status) });
    };
  },
  'cached labels() children': () => {
    const m = createMetrics();
    const requests = new Map<string, { inc(): void }>();
    const upstream = new Map<number, { inc(): void }>();
    const duration = m.upstreamDuration.labels('refresh_token');
    return (route, method, status) => {
      const stop = duration.startTimer();
      stop();
      let call = upstream.get(status);
      if (call === undefined) {
        call = m.upstreamRequests.labels('refresh_token', String(status));
        upstream.set(status, call);
      }
      call.inc();
      const key = `${route} ${method} ${status}`;
      let child = requests.get(key);
      if (child === undefined) {
        child = m.httpRequests.labels(route, method, String(status));
        requests.set(key, child);
      }
      child.inc();
    };
  },
  'countRequest + countUpstreamCall': () => {
    const m = createMetrics();
    return (route, method, status) => {
      const started = performance.now();
      m.countUpstreamCall('refresh_token', String(status), (performance.now() - started) / 1000);
      m.countRequest(route, method, status);
    };
  },
};

/** CPU ns per request over `requests` calls (1 in 50 a 400, the rest 200). */
function cpuPerRequest(make: () => Record_, requests: number): number {
  const record = make();
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) record('/refresh', 'POST', i % 50 === 0 ? 400 : 200);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / requests;
}

for (const make of Object.values(rows)) cpuPerRequest(make, 50_000); // warm-up
const samples = new Map(Object.keys(rows).map((name) => [name, [] as number[]]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, make] of Object.entries(rows)) {
    samples.get(name)?.push(cpuPerRequest(make, REQUESTS));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
const baseline = median(samples.get('Counter.inc(labels) + startTimer') ?? []);
console.log(
  `| metrics per request (${REQUESTS} × ${ROUNDS} rounds) | CPU ns/request | vs before |`,
);
console.log('| --- | --- | --- |');
for (const [name, xs] of samples) {
  console.log(`| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / baseline).toFixed(2)}× |`);
}
