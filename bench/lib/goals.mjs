/**
 * The performance goals of issue 18, evaluated on one run's results (or an earlier results
 * JSON, for --compare). Each ratio goal reads the median of per-round ratios
 * (lib/round-ratios.mjs). A goal whose inputs were not measured (section skipped or failed) is
 * 'n/a', never PASS. The whole-run ratios (`computeRatios`) are informational only.
 */
import { goalFigures } from './round-ratios.mjs';

const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

/** Ratios between runs, as plain numbers (undefined when a side is missing). */
export function computeRatios(http) {
  const { direct, directCode, proxy, refresh, swap, refreshInfo, refreshExperiment } = http;
  return {
    refreshVsProxyRps: ratio(refresh?.requestsPerSecond, proxy?.requestsPerSecond),
    refreshVsProxyP99: ratio(refresh?.latencyMs.p99, proxy?.latencyMs.p99),
    refreshVsDirectRps: ratio(refresh?.requestsPerSecond, direct?.requestsPerSecond),
    swapVsProxyRps: ratio(swap?.requestsPerSecond, proxy?.requestsPerSecond),
    swapVsDirectRps: ratio(swap?.requestsPerSecond, direct?.requestsPerSecond),
    swapVsDirectCodeRps: ratio(swap?.requestsPerSecond, directCode?.requestsPerSecond),
    proxyVsDirectRps: ratio(proxy?.requestsPerSecond, direct?.requestsPerSecond),
    refreshInfoVsWarnRps: ratio(refreshInfo?.requestsPerSecond, refresh?.requestsPerSecond),
    refreshInfoVsProxyRps: ratio(refreshInfo?.requestsPerSecond, proxy?.requestsPerSecond),
    experimentVsRefreshRps: ratio(refreshExperiment?.requestsPerSecond, refresh?.requestsPerSecond),
    experimentVsProxyRps: ratio(refreshExperiment?.requestsPerSecond, proxy?.requestsPerSecond),
    experimentVsProxyP99: ratio(refreshExperiment?.latencyMs.p99, proxy?.latencyMs.p99),
    mockHeadroomVsRefresh: ratio(direct?.requestsPerSecond, refresh?.requestsPerSecond),
    ...handlerRatios(http, refresh, proxy),
    mockHeadroomVsSwap: ratio(direct?.requestsPerSecond, swap?.requestsPerSecond),
  };
}

/** Each handler row against the swap service's /refresh and the proxy, same run. */
function handlerRatios(http, refresh, proxy) {
  const out = {};
  for (const [key, run] of Object.entries(http)) {
    if (!key.startsWith('handler')) continue;
    out[`${key}VsRefreshRps`] = ratio(run.requestsPerSecond, refresh?.requestsPerSecond);
    out[`${key}VsProxyRps`] = ratio(run.requestsPerSecond, proxy?.requestsPerSecond);
  }
  return out;
}

/** How each kind of goal value is printed. */
const FORMATS = {
  ratio: (value) => value.toFixed(2),
  ms: (value) => `${value.toFixed(1)} ms`,
  count: (value) => String(value),
};

/**
 * Issue 18's goals, in the order they are printed. `figure` names the entry of `goalFigures`
 * it reads; `pass` judges the figure's value; `kind` says how it prints (FORMATS).
 */
export const GOALS = [
  {
    id: 'cpu-info',
    goal: "server CPU µs per /refresh at LOG_LEVEL=info ÷ the proxy's",
    target: '<= 2.00',
    figure: 'cpuInfoVsProxy',
    kind: 'ratio',
    pass: (v) => v <= 2.0,
  },
  {
    id: 'cpu-warn',
    goal: "server CPU µs per /refresh at LOG_LEVEL=warn ÷ the proxy's",
    target: '<= 1.70',
    figure: 'cpuWarnVsProxy',
    kind: 'ratio',
    pass: (v) => v <= 1.7,
  },
  {
    id: 'throughput',
    goal: "/refresh req/s at LOG_LEVEL=info ÷ the proxy's",
    target: '>= 0.70',
    figure: 'rpsInfoVsProxy',
    kind: 'ratio',
    pass: (v) => v >= 0.7,
  },
  {
    id: 'latency',
    goal: "/refresh p99 at LOG_LEVEL=info ÷ the proxy's p99",
    target: '<= 1.30',
    figure: 'p99InfoVsProxy',
    kind: 'ratio',
    pass: (v) => v <= 1.3,
  },
  {
    id: 'memory',
    goal: "peak RSS under load (VmRSS every 100 ms), /refresh at LOG_LEVEL=info ÷ the proxy's",
    target: '<= 1.10',
    figure: 'rssInfoVsProxy',
    kind: 'ratio',
    pass: (v) => v <= 1.1,
  },
  {
    id: 'cold-start',
    goal: "cold start, spawn -> first 200 from /readyz (median; taken in turn with the proxy's)",
    target: '<= 250 ms',
    figure: 'coldStartMs',
    kind: 'ms',
    pass: (v) => v <= 250,
  },
  {
    id: 'errors',
    goal: 'errors, timeouts and non-2xx on every run (warm-ups included)',
    target: '0',
    figure: 'failures',
    kind: 'count',
    pass: (v) => v === 0,
  },
];

/**
 * @typedef {object} GoalResult
 * @property {string} id
 * @property {string} goal
 * @property {string} target
 * @property {number | undefined} value   the median (or the whole-run value, see `basis`)
 * @property {(number | null)[]} perRound
 * @property {'rounds' | 'whole run' | 'samples' | 'total'} basis
 * @property {'PASS' | 'MISS' | 'n/a'} result
 */

/**
 * @param {Parameters<typeof goalFigures>[0]} results
 * @returns {GoalResult[]}
 */
export function evaluateGoals(results) {
  const figures = goalFigures(results);
  return GOALS.map(({ id, goal, target, figure, pass }) => {
    const { value, perRound, basis } = figures[figure];
    const result = value === undefined ? 'n/a' : pass(value) ? 'PASS' : 'MISS';
    return { id, goal, target, value, perRound, basis, result };
  });
}

/** A goal's value (or one round's) as printed: 'n/a' when not measured. */
export function formatGoalValue(id, value) {
  if (value === undefined || value === null) return 'n/a';
  const goal = GOALS.find((g) => g.id === id);
  return goal ? FORMATS[goal.kind](value) : String(value);
}
