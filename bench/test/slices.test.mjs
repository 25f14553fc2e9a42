import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { combineSlices, failuresOf, latencyOf } from '../lib/slices.mjs';

/**
 * A slice as lib/alternating-runs.mjs records it, latencies (µs) in its own histogram (an HDR
 * histogram: percentiles within about 0.1 %, hence closeTo below).
 */
function slice({ requests, seconds = 2, serverCpuMs, latenciesUs, rssMb, non2xx = 0 }) {
  const histogram = createHistogram();
  for (const us of latenciesUs) histogram.record(us);
  return {
    histogram,
    seconds,
    endedEarly: false,
    requestsTotal: requests,
    requestsPerSecond: requests / seconds,
    errors: 0,
    timeouts: 0,
    non2xx,
    statusCodes: { 200: requests - non2xx },
    cpuMs: { server: serverCpuMs, mock: undefined },
    latencyMs: latencyOf(histogram),
    maxSampledRssMb: rssMb,
  };
}

describe('combineSlices', () => {
  const a = slice({ requests: 2000, serverCpuMs: 400, latenciesUs: [1000, 2000, 3000], rssMb: 90 });
  const b = slice({
    requests: 1000,
    serverCpuMs: 300,
    latenciesUs: [9000, 9000],
    rssMb: 95,
    non2xx: 1,
  });
  const merged = createHistogram();
  merged.add(a.histogram);
  merged.add(b.histogram);
  const row = combineSlices({ title: 'row', connections: 10, slices: [a, b], histogram: merged });

  it('keeps each slice as a round with its own req/s, p99, CPU per request and RSS peak', () => {
    const figures = row.rounds.map((r) => ({
      round: r.round,
      requestsPerSecond: r.requestsPerSecond,
      failures: r.failures,
      serverCpu: r.cpuMicrosecondsPerRequest.server,
      rss: r.maxSampledRssMb,
    }));
    expect(figures).toEqual([
      { round: 1, requestsPerSecond: 1000, failures: 0, serverCpu: 200, rss: 90 },
      { round: 2, requestsPerSecond: 500, failures: 1, serverCpu: 300, rss: 95 },
    ]);
    expect(row.rounds[0].latencyMs.p99).toBeCloseTo(3, 1);
    expect(row.rounds[1].latencyMs.p99).toBeCloseTo(9, 1);
  });

  it('merges the rounds into the row: totals, CPU over all requests, one histogram', () => {
    expect(row.requestsTotal).toBe(3000);
    expect(row.requestsPerSecond).toBe(750);
    expect(row.cpuMicrosecondsPerRequest).toEqual({ server: 233.3 });
    expect(row.latencyMs.p99).toBeCloseTo(9, 1); // the slower slice's p99, not the faster's
    expect(row.sliceRequestsPerSecond).toEqual([1000, 500]);
    expect(failuresOf(row)).toBe(1);
  });

  it('keeps no rounds for a run of one slice (the code rows)', () => {
    const single = combineSlices({
      title: 'one',
      connections: 10,
      slices: [a],
      histogram: a.histogram,
    });
    expect(single.rounds).toBeUndefined();
  });
});
