/**
 * HTTP load with autocannon, one slice at a time. Latency percentiles come from our own
 * microsecond histogram of 2xx responses (autocannon's own histogram keeps whole milliseconds,
 * too coarse to compare p99s of 2-5 ms); request counts and error counts come from autocannon.
 *
 * A run can be split into slices (`measureSlice` several times, then `combineSlices` in
 * lib/slices.mjs), so runs of different servers can alternate and share the machine's drift.
 */
import { createHistogram } from 'node:perf_hooks';
import { loadAutocannon } from './deps.mjs';
import { withCpu } from './process-cpu.mjs';

/**
 * @typedef {object} Target  what autocannon hammers
 * @property {string} url          origin + path, or the origin when `requests` is given
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {object[]} [requests] autocannon `requests` (per-request bodies, e.g. /swap codes)
 */

/**
 * @typedef {object} SliceResult
 * @property {number} seconds         how long it ran
 * @property {boolean} endedEarly     stopped at `maxRequests` before `seconds` were up
 * @property {number} requestsTotal
 * @property {number} requestsPerSecond
 * @property {number} errors      connection errors (refused, reset) plus timeouts
 * @property {number} timeouts
 * @property {number} non2xx
 * @property {Record<string, number>} statusCodes
 * @property {Record<string, number | undefined>} cpuMs  CPU used by each watched process
 */

/**
 * Runs autocannon against a target for `seconds`; 2xx latencies go into `histogram` if given,
 * and the CPU used by each process in `cpuPids` (name -> pid) is measured.
 * @param {Target} target
 * @param {{ connections: number, seconds: number, histogram?: import('node:perf_hooks').RecordableHistogram, cpuPids?: Record<string, number | undefined> }} run
 * @returns {Promise<SliceResult>}
 */
export async function measureSlice(
  target,
  { connections, seconds, histogram, cpuPids = {}, maxRequests },
) {
  const { result, cpuMs } = await withCpu(cpuPids, () =>
    runAutocannon(target, { connections, seconds, histogram, maxRequests }),
  );
  return { ...result, cpuMs };
}

/**
 * With `maxRequests` (runs that spend single-use codes), autocannon stops after that many
 * requests or after `seconds`, whichever comes first; the rate is then over the time it ran.
 */
async function runAutocannon(target, { connections, seconds, histogram, maxRequests }) {
  const startedAt = performance.now();
  const instance = loadAutocannon()({
    url: target.url,
    method: target.method ?? 'POST',
    headers: target.headers,
    body: target.body,
    requests: target.requests,
    connections,
    ...(maxRequests === undefined ? { duration: seconds } : { amount: maxRequests }),
    pipelining: 1,
    timeout: 10,
  });
  const stopTimer =
    maxRequests === undefined ? undefined : setTimeout(() => instance.stop(), seconds * 1000);
  if (histogram) {
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) {
        histogram.record(Math.max(1, Math.round(responseTimeMs * 1000)));
      }
    });
  }
  const result = await instance;
  clearTimeout(stopTimer);
  const ran = maxRequests === undefined ? seconds : (performance.now() - startedAt) / 1000;
  return {
    seconds: round(ran, 3),
    endedEarly: maxRequests !== undefined && ran < seconds - 0.05,
    requestsTotal: result.requests.total,
    requestsPerSecond: round(result.requests.total / ran, 1),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
    ),
  };
}

/** A fresh microsecond histogram for one run's slices. */
export const latencyHistogram = () => createHistogram();

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
