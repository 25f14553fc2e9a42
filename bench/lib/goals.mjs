/**
 * The performance goals of issue 7 (and the mock headroom of issue 3), evaluated on one run's
 * results. A goal whose inputs were not measured (section skipped or failed) is 'n/a', never PASS.
 */
import { failuresOf } from './load.mjs';

/** Runs whose server is the swap service. */
const SWAP_SERVICE_RUNS = ['refresh', 'refreshInfo', 'swap'];

const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const fixed = (value, digits = 2) => (value === undefined ? 'n/a' : value.toFixed(digits));

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

function goal(id, description, target, measured, pass) {
  return {
    id,
    goal: description,
    target,
    measured,
    result: pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS',
  };
}

/**
 * @param {{ http: Record<string, import('./load.mjs').LoadSummary | undefined>, ratios: ReturnType<typeof computeRatios>,
 *   memory: Record<string, { peakRssMb?: number } | undefined>, coldStart?: { medianMs: number } }} results
 */
export function evaluateGoals({ http, ratios, memory, coldStart }) {
  const runs = Object.values(http).filter(Boolean);
  const failures = runs.reduce((sum, run) => sum + failuresOf(run), 0);
  const failureDetail = runs.map((run) => `${run.title}: ${failuresOf(run)}`).join('; ');
  // Swap service children only (the proxy's RSS is sampled too, as a reference).
  const peaks = SWAP_SERVICE_RUNS.map((key) => memory[key]?.maxSampledRssMb).filter(
    (v) => v !== undefined,
  );
  const peakRss = peaks.length > 0 ? Math.max(...peaks) : undefined;
  const headroom = ratios.mockHeadroomVsRefresh;
  return [
    goal(
      'throughput',
      'swap /refresh req/s >= 80 % of the pass-through proxy',
      '>= 0.80',
      fixed(ratios.refreshVsProxyRps),
      ratios.refreshVsProxyRps === undefined ? undefined : ratios.refreshVsProxyRps >= 0.8,
    ),
    goal(
      'latency',
      'swap /refresh p99 <= 1.3x the proxy p99',
      '<= 1.30',
      fixed(ratios.refreshVsProxyP99),
      ratios.refreshVsProxyP99 === undefined ? undefined : ratios.refreshVsProxyP99 <= 1.3,
    ),
    goal(
      'errors',
      '0 errors, timeouts and non-2xx on every run (warm-up included)',
      '0',
      runs.length === 0 ? 'n/a' : `${failures} (${failureDetail})`,
      runs.length === 0 ? undefined : failures === 0,
    ),
    goal(
      'memory',
      'swap service peak RSS under load (VmRSS sampled every 100 ms during its runs) <= 100 MB',
      '<= 100 MB',
      peakRss === undefined ? 'n/a' : `${peakRss} MB`,
      peakRss === undefined ? undefined : peakRss <= 100,
    ),
    goal(
      'cold-start',
      'swap service spawn to first 200 from /readyz, median <= 400 ms',
      '<= 400 ms',
      coldStart ? `${coldStart.medianMs} ms` : 'n/a',
      coldStart ? coldStart.medianMs <= 400 : undefined,
    ),
    goal(
      'mock-headroom',
      'mock (direct) req/s >= 3x what the swap service reaches through it (issue 3)',
      '>= 3.00',
      fixed(headroom),
      headroom === undefined ? undefined : headroom >= 3,
    ),
  ];
}
