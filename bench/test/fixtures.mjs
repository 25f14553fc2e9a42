/**
 * Results JSONs built by hand for the bench's unit tests: `row` is an HTTP row with per-round
 * figures (schema 2), `wholeRunRow` the same without them (schema 1).
 */

/** One round of an alternating run. */
export function round(index, { rps = 1000, p99 = 5, cpu = 100, rss = 100, failures = 0 } = {}) {
  return {
    round: index + 1,
    seconds: 2,
    requestsTotal: rps * 2,
    requestsPerSecond: rps,
    failures,
    latencyMs: { p50: p99 / 2, p99 },
    cpuMicrosecondsPerRequest: { server: cpu },
    maxSampledRssMb: rss,
  };
}

/** A merged row without rounds (what schema 1 wrote). */
export function wholeRunRow({ rps = 1000, p99 = 5, cpu = 100, errors = 0, non2xx = 0 } = {}) {
  return {
    title: 'row',
    requestsPerSecond: rps,
    requestsTotal: rps * 6,
    latencyMs: { p50: p99 / 2, p97_5: p99, p99 },
    errors,
    timeouts: 0,
    non2xx,
    cpuMicrosecondsPerRequest: { server: cpu },
    warmup: { errors: 0, non2xx: 0 },
  };
}

/**
 * A merged row with one round per entry of `rounds` (each a `round()` option object); its
 * merged figures are the rounds' means unless `whole` says otherwise.
 */
export function row(rounds, whole = {}) {
  const figures = rounds.map((options, i) => round(i, options));
  const mean = (pick) => figures.reduce((sum, r) => sum + pick(r), 0) / figures.length;
  const merged = {
    rps: mean((r) => r.requestsPerSecond),
    p99: mean((r) => r.latencyMs.p99),
    cpu: mean((r) => r.cpuMicrosecondsPerRequest.server),
  };
  return { ...wholeRunRow({ ...merged, ...whole }), rounds: figures };
}

/** A schema-2 results object with a proxy and both /refresh rows. */
export function results({ proxy, refresh, refreshInfo, coldStart, memory = {} }) {
  return {
    schema: 'tokenswap-bench-results',
    version: 2,
    machine: { cpuModel: 'test cpu', cores: 2, node: 'v20.0.0', date: '2026-01-01T00:00:00Z' },
    options: { connections: 10, duration: 6, rounds: 3 },
    http: { proxy, refresh, refreshInfo },
    memory,
    ratios: {},
    coldStart,
  };
}
