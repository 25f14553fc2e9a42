/** The markdown printed at the end of a run (and pasted into bench/README.md). */

const n = (value, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
const x = (value) => (value === undefined ? 'n/a' : `${value.toFixed(2)}x`);

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** What each HTTP row measures, in the order they run. */
export const ROW_LABELS = {
  direct: 'mock /api/token direct (refresh grant)',
  proxy: 'pass-through proxy -> mock',
  refresh: 'swap service /refresh (LOG_LEVEL=warn)',
  swap: 'swap service /swap (LOG_LEVEL=warn)',
  refreshInfo: 'swap service /refresh (LOG_LEVEL=info)',
};

export function renderMarkdown(results) {
  const { machine, options, http, ratios, memory, coldStart, crypto, goals, swapCodes } = results;
  const out = [];
  out.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}, load avg ${machine.loadAverage1m} at start, ${machine.date}`,
  );
  out.push(
    `HTTP runs: ${options.connections} connections x ${options.duration} s after ${options.warmup} s warm-up, autocannon in the bench process, each server in its own process.`,
  );
  const httpRows = Object.entries(ROW_LABELS)
    .filter(([key]) => http[key])
    .map(([key, label]) => {
      const run = http[key];
      return [
        label,
        n(run.requestsPerSecond),
        n(run.latencyMs.p50, 2),
        n(run.latencyMs.p97_5, 2),
        n(run.latencyMs.p99, 2),
        n(run.errors),
        n(run.non2xx),
        n(run.requestsTotal),
      ];
    });
  if (httpRows.length > 0) {
    out.push(
      '',
      table(
        ['Run', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'errors', 'non-2xx', 'requests'],
        httpRows,
      ),
    );
  }
  if (swapCodes) {
    out.push(
      '',
      `/swap codes: ${n(swapCodes.minted)} minted before the run via POST /__mock/codes, ${n(swapCodes.used)} used${swapCodes.exhausted ? ' — POOL EXHAUSTED, later requests sent a spent code (counted as non-2xx)' : ''}.`,
    );
  }
  const ratioRows = [
    ['swap /refresh ÷ proxy, req/s', x(ratios.refreshVsProxyRps)],
    ['swap /refresh ÷ proxy, p99', x(ratios.refreshVsProxyP99)],
    ['swap /refresh ÷ direct, req/s', x(ratios.refreshVsDirectRps)],
    ['swap /swap ÷ proxy, req/s', x(ratios.swapVsProxyRps)],
    ['swap /swap ÷ direct, req/s', x(ratios.swapVsDirectRps)],
    ['proxy ÷ direct, req/s (cost of one hop)', x(ratios.proxyVsDirectRps)],
    ['swap /refresh info ÷ warn, req/s (logging cost)', x(ratios.refreshInfoVsWarnRps)],
    ['mock direct ÷ swap /refresh, req/s (mock headroom)', x(ratios.mockHeadroomVsRefresh)],
  ].filter(([, value]) => value !== 'n/a');
  if (ratioRows.length > 0) out.push('', table(['Ratio', 'value'], ratioRows));

  const processRows = [];
  if (coldStart) {
    processRows.push([
      `cold start (spawn -> first 200 /readyz), median of ${coldStart.runs}`,
      `${n(coldStart.medianMs, 1)} ms (samples: ${coldStart.samplesMs.join(', ')})`,
    ]);
  }
  for (const [key, m] of Object.entries(memory)) {
    if (!m) continue;
    processRows.push([
      `peak RSS during ${ROW_LABELS[key] ?? key}`,
      `VmHWM ${n(m.peakRssMb, 1)} MB; max sampled VmRSS ${n(m.maxSampledRssMb, 1)} MB (${m.samples} samples every ${m.intervalMs} ms)`,
    ]);
  }
  if (processRows.length > 0) out.push('', table(['Swap service process', 'value'], processRows));

  if (crypto) {
    const labels = {
      seal: 'core sealRefreshToken',
      open: 'core openRefreshToken',
      rawEncrypt: 'raw WebCrypto AES-256-GCM encrypt',
      rawDecrypt: 'raw WebCrypto AES-256-GCM decrypt',
      importKeyring: 'core importKeyring (1 raw key)',
    };
    out.push(
      '',
      `In-process crypto (${crypto.tokenLength}-char token, sealed ${crypto.sealedLength} chars, ${crypto.seconds} s per cell):`,
      '',
      table(
        [
          'Operation',
          'µs/op (1 at a time)',
          'ops/s (1 at a time)',
          `ops/s (${crypto.concurrency} in flight)`,
        ],
        Object.entries(crypto.results).map(([key, r]) => [
          labels[key] ?? key,
          n(r.microsecondsPerOp, 1),
          n(r.sequentialOpsPerSecond),
          n(r.concurrentOpsPerSecond),
        ]),
      ),
    );
  }
  if (goals.length > 0) {
    out.push(
      '',
      table(
        ['Goal', 'target', 'measured', 'result'],
        goals.map((g) => [g.goal, g.target, g.measured, `**${g.result}**`]),
      ),
    );
  }
  return out.join('\n');
}
