/**
 * The figures issue 18's goals are read from: each ratio taken round by round (round r of the
 * swap service row against round r of the proxy row, measured back to back), then the median
 * over rounds, so one disturbed slice cannot decide a goal. Results written before per-round
 * figures existed (schema 1) fall back to the ratio of the merged rows, marked 'whole run'.
 */
import { failuresOf } from './slices.mjs';

/** Median of the finite numbers in `values`; undefined when there are none. */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @typedef {object} Figure  one goal's input
 * @property {number | undefined} value      the median over rounds (or the whole-run value)
 * @property {(number | null)[]} perRound    each round's value, in run order (null: not measured)
 * @property {'rounds' | 'whole run' | 'samples' | 'total'} basis  'total': a sum over every row
 */

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : undefined);

/**
 * Per-round ratios of `pick(numerator round) / pick(denominator round)` and their median. Rows
 * without `rounds` (schema 1) give the ratio of `wholeRun` ([numerator, denominator], by default
 * `pick` of each merged row) instead.
 * @returns {Figure}
 */
export function roundRatio(numerator, denominator, pick, wholeRun) {
  if (!numerator || !denominator) return { value: undefined, perRound: [], basis: 'rounds' };
  const a = numerator.rounds;
  const b = denominator.rounds;
  if (!Array.isArray(a) || !Array.isArray(b)) {
    const [x, y] = wholeRun ?? [pick(numerator), pick(denominator)];
    return { value: ratio(x, y), perRound: [], basis: 'whole run' };
  }
  const perRound = a.slice(0, b.length).map((round, i) => ratio(pick(round), pick(b[i])) ?? null);
  return { value: median(perRound), perRound, basis: 'rounds' };
}

const cpu = (run) => run.cpuMicrosecondsPerRequest?.server;
const rps = (run) => run.requestsPerSecond;
const p99 = (run) => run.latencyMs?.p99;
const rss = (round) => round.maxSampledRssMb;

/**
 * Every figure a goal reads, from one results JSON (this run's or an earlier one). The
 * /refresh figures compare the LOG_LEVEL=info row (the service's default, what production runs)
 * with the proxy, except `cpuWarnVsProxy`.
 * @param {{ http?: Record<string, any>, memory?: Record<string, any>,
 *   coldStart?: { medianMs: number, samplesMs: number[] } }} results
 */
export function goalFigures({ http = {}, memory = {}, coldStart }) {
  const { proxy, refresh, refreshInfo } = http;
  // Schema 1 kept RSS only for the whole run of each row (memory.<key>).
  const wholeRunRss = [memory.refreshInfo?.maxSampledRssMb, memory.proxy?.maxSampledRssMb];
  const runs = Object.values(http).filter(Boolean);
  return {
    cpuInfoVsProxy: roundRatio(refreshInfo, proxy, cpu),
    cpuWarnVsProxy: roundRatio(refresh, proxy, cpu),
    rpsInfoVsProxy: roundRatio(refreshInfo, proxy, rps),
    p99InfoVsProxy: roundRatio(refreshInfo, proxy, p99),
    rssInfoVsProxy: roundRatio(refreshInfo, proxy, rss, wholeRunRss),
    coldStartMs: {
      value: coldStart?.medianMs,
      perRound: coldStart?.samplesMs ?? [],
      basis: 'samples',
    },
    failures: {
      value: runs.length === 0 ? undefined : runs.reduce((sum, run) => sum + failuresOf(run), 0),
      perRound: [],
      basis: 'total',
    },
  };
}

/**
 * Per-round ratios no goal reads, printed for experiments: what logging costs (info ÷ warn) and
 * what an --experiment row does against the plain service and the proxy. Only measured ones.
 * @returns {{ label: string, figure: Figure }[]}
 */
export function informationalRoundRatios({ http = {} }) {
  const { proxy, refresh, refreshInfo, refreshExperiment } = http;
  return [
    ['server CPU µs/req, /refresh info ÷ warn (logging cost)', refreshInfo, refresh, cpu],
    ['server CPU µs/req, experiment ÷ /refresh warn', refreshExperiment, refresh, cpu],
    ['server CPU µs/req, experiment ÷ proxy', refreshExperiment, proxy, cpu],
    ['req/s, experiment ÷ /refresh warn', refreshExperiment, refresh, rps],
    ['p99, experiment ÷ /refresh warn', refreshExperiment, refresh, p99],
  ]
    .map(([label, a, b, pick]) => ({ label, figure: roundRatio(a, b, pick) }))
    .filter(({ figure }) => figure.value !== undefined);
}
