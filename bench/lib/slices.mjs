/**
 * The slices of one run merged into its row (`combineSlices`), each slice's own figures kept
 * beside it (`roundFigures`), and what counts as a failure. Pure: no load, no processes.
 */

/**
 * @typedef {object} LoadSummary
 * @property {string} title
 * @property {number} connections
 * @property {number} durationSeconds    measured seconds (all slices)
 * @property {number} requestsPerSecond  completed requests / measured seconds
 * @property {number} requestsTotal
 * @property {{ p50: number, p97_5: number, p99: number, max: number, mean: number }} latencyMs  2xx only
 * @property {number} errors
 * @property {number} timeouts
 * @property {number} non2xx
 * @property {Record<string, number>} statusCodes
 * @property {number[]} sliceRequestsPerSecond  one per slice, in run order (shows the drift)
 * @property {RoundFigures[] | undefined} rounds  each slice's own figures (alternating runs)
 * @property {Record<string, number>} cpuMicrosecondsPerRequest  per watched process (server, mock)
 * @property {import('./load.mjs').SliceResult | undefined} warmup   not in the numbers above, but its failures count
 */

/** Percentiles (ms) of a microsecond histogram. */
export function latencyOf(histogram) {
  const ms = (us) => round(us / 1000, 3);
  return {
    p50: ms(histogram.percentile(50)),
    p97_5: ms(histogram.percentile(97.5)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
  };
}

/** CPU µs per request of each watched process, from CPU ms over `requests`. */
function cpuPerRequest(cpuMsByName, requests) {
  const out = {};
  for (const [name, ms] of Object.entries(cpuMsByName ?? {})) {
    if (Number.isFinite(ms) && requests > 0) out[name] = round((ms * 1000) / requests, 1);
  }
  return out;
}

/**
 * @typedef {object} RoundFigures  one slice of an alternating run, kept beside the merged row so
 *   each ratio can be taken round by round (lib/round-ratios.mjs)
 * @property {number} round  1-based
 * @property {number} seconds
 * @property {number} requestsTotal
 * @property {number} requestsPerSecond
 * @property {number} failures  errors + non-2xx in the slice
 * @property {{ p50: number, p99: number } | undefined} latencyMs  from the slice's own histogram
 * @property {Record<string, number>} cpuMicrosecondsPerRequest
 * @property {number | undefined} maxSampledRssMb  highest VmRSS sampled during the slice
 */

/**
 * @param {import('./load.mjs').SliceResult & { latencyMs?: { p50: number, p99: number }, maxSampledRssMb?: number }} slice
 * @param {number} index
 * @returns {RoundFigures}
 */
export function roundFigures(slice, index) {
  return {
    round: index + 1,
    seconds: slice.seconds,
    requestsTotal: slice.requestsTotal,
    requestsPerSecond: slice.requestsPerSecond,
    failures: slice.errors + slice.non2xx,
    latencyMs: slice.latencyMs && { p50: slice.latencyMs.p50, p99: slice.latencyMs.p99 },
    cpuMicrosecondsPerRequest: cpuPerRequest(slice.cpuMs, slice.requestsTotal),
    maxSampledRssMb: slice.maxSampledRssMb,
  };
}

/**
 * Merges the slices of one run into its summary; `rounds` keeps each slice's own figures when
 * there was more than one.
 * @param {{ title: string, connections: number, slices: import('./load.mjs').SliceResult[], histogram: import('node:perf_hooks').RecordableHistogram, warmup?: SliceResult }} run
 * @returns {LoadSummary}
 */
export function combineSlices({ title, connections, slices, histogram, warmup }) {
  const sum = (pick) => slices.reduce((total, slice) => total + pick(slice), 0);
  const seconds = sum((s) => s.seconds);
  const statusCodes = {};
  for (const slice of slices) {
    for (const [code, count] of Object.entries(slice.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
  }
  const requests = sum((s) => s.requestsTotal);
  const cpuMs = {};
  for (const name of Object.keys(slices[0]?.cpuMs ?? {})) {
    cpuMs[name] = sum((s) => s.cpuMs?.[name] ?? Number.NaN);
  }
  return {
    title,
    connections,
    durationSeconds: seconds,
    requestsPerSecond: round(requests / seconds, 1),
    requestsTotal: requests,
    latencyMs: latencyOf(histogram),
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    non2xx: sum((s) => s.non2xx),
    statusCodes,
    sliceRequestsPerSecond: slices.map((s) => s.requestsPerSecond),
    endedEarly: slices.some((s) => s.endedEarly),
    cpuMicrosecondsPerRequest: cpuPerRequest(cpuMs, requests),
    rounds: slices.length > 1 ? slices.map(roundFigures) : undefined,
    warmup,
  };
}

/** Failures of a run that must have none: connection errors, timeouts, non-2xx answers. */
export function failuresOf(summary) {
  return (
    summary.errors + summary.non2xx + (summary.warmup?.errors ?? 0) + (summary.warmup?.non2xx ?? 0)
  );
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
