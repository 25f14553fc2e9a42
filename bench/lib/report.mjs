/** The markdown printed at the end of a run (and pasted into bench/README.md). */
import { renderGoals, renderInformationalRatios } from './goals-table.mjs';
import { n, table, x } from './markdown.mjs';

/** CPU of every process a request went through (server, mock, load generator). */
function totalCpu(run) {
  const cpu = run.cpuMicrosecondsPerRequest ?? {};
  const parts = [cpu.server, cpu.mock, cpu.loadGenerator].filter((v) => v !== undefined);
  return parts.length === 0 ? undefined : parts.reduce((a, b) => a + b, 0);
}

/** What each HTTP row measures, in the order they run. */
export const ROW_LABELS = {
  direct: 'mock /api/token direct (refresh grant)',
  proxy: 'pass-through proxy -> mock',
  refresh: 'swap service /refresh (LOG_LEVEL=warn)',
  refreshInfo: 'swap service /refresh (LOG_LEVEL=info)',
  refreshExperiment: 'experiment: swap service /refresh (LOG_LEVEL=warn) with other node flags',
  handlerWorkerd: '@tokenswap/handler /refresh on workerd (Cloudflare Workers template)',
  handlerDeno: '@tokenswap/handler /refresh on Deno (Deno.serve template)',
  handlerBun: '@tokenswap/handler /refresh on Bun (Bun.serve template)',
  handlerNode: '@tokenswap/handler /refresh on Node (node:http template)',
  directCode: 'mock /api/token direct (authorization_code grant)',
  swap: 'swap service /swap (LOG_LEVEL=warn)',
};

/** The whole-run ratios (`results.ratios`, lib/goals.mjs `computeRatios`) and their labels. */
export const RATIO_LABELS = [
  ['refreshVsProxyRps', 'swap /refresh ÷ proxy, req/s'],
  ['refreshVsProxyP99', 'swap /refresh ÷ proxy, p99'],
  ['refreshVsDirectRps', 'swap /refresh ÷ direct, req/s'],
  ['refreshInfoVsProxyRps', 'swap /refresh info ÷ proxy, req/s'],
  ['swapVsProxyRps', 'swap /swap ÷ proxy, req/s'],
  ['swapVsDirectRps', 'swap /swap ÷ direct (refresh grant), req/s'],
  ['swapVsDirectCodeRps', 'swap /swap ÷ direct (authorization_code grant), req/s'],
  ['proxyVsDirectRps', 'proxy ÷ direct, req/s (cost of one hop)'],
  ['refreshInfoVsWarnRps', 'swap /refresh info ÷ warn, req/s (logging cost)'],
  ['experimentVsRefreshRps', 'experiment ÷ swap /refresh, req/s'],
  ['experimentVsProxyRps', 'experiment ÷ proxy, req/s'],
  ['experimentVsProxyP99', 'experiment ÷ proxy, p99'],
  ['mockHeadroomVsRefresh', 'mock direct ÷ swap /refresh, req/s (mock headroom, issue 3)'],
  ...Object.keys(ROW_LABELS)
    .filter((key) => key.startsWith('handler'))
    .flatMap((key) => [
      [`${key}VsRefreshRps`, `${ROW_LABELS[key]} ÷ swap /refresh, req/s`],
      [`${key}VsProxyRps`, `${ROW_LABELS[key]} ÷ proxy, req/s`],
    ]),
];

/** The results key of the handler row on `runtimeName` (`handlerDeno`, …). */
export function handlerRowKey(runtimeName) {
  return `handler${runtimeName[0].toUpperCase()}${runtimeName.slice(1)}`;
}

export function renderMarkdown(results) {
  const { machine, options, http, ratios, memory, coldStart, coldStartProxy, crypto, goals } =
    results;
  const out = [];
  out.push(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}, load average ${machine.loadAverage1m} at start and ${machine.loadAverage1mAtEnd ?? 'n/a'} at the end (other work on the machine), ${machine.date}`,
  );
  if (Object.keys(http).length > 0)
    out.push(
      `HTTP runs: ${options.connections} connections, ${options.duration} s measured per row (the direct, proxy and /refresh rows alternate in ${options.rounds} slices of ${options.duration / options.rounds} s) after ${options.warmup} s warm-up; autocannon in the bench process, each server in its own process.${options.swapNodeArgs?.length ? ` Swap service node flags: ${options.swapNodeArgs.join(' ')}.` : ''}${options.experimentNodeArgs?.length ? ` Experiment row: node ${options.experimentNodeArgs.join(' ')}.` : ''}`,
    );
  const entry = results.swapService;
  if (entry) {
    out.push(
      `Swap service started as users start it: its bin \`${entry.bin}\` (${entry.entry}${entry.imports.length ? `, which imports ${entry.imports.join(', ')}` : ''}) run by this node${entry.nodeArgs.length ? ` with its shebang's flags ${entry.nodeArgs.join(' ')}` : ''}; one process, so the pid sampled is the server's.`,
    );
  }
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
        n(run.cpuMicrosecondsPerRequest?.server),
        n(run.cpuMicrosecondsPerRequest?.mock),
        n(run.cpuMicrosecondsPerRequest?.loadGenerator),
        n(totalCpu(run)),
      ];
    });
  if (httpRows.length > 0) {
    out.push(
      '',
      table(
        [
          'Run',
          'req/s',
          'p50 ms',
          'p97.5 ms',
          'p99 ms',
          'errors',
          'non-2xx',
          'requests',
          'server CPU µs/req',
          'mock CPU µs/req',
          'autocannon CPU µs/req',
          'total CPU µs/req',
        ],
        httpRows,
      ),
    );
  }
  const reuse = Object.entries(ROW_LABELS)
    .filter(([key]) => http[key]?.upstreamConnections !== undefined)
    .map(([key, label]) => `${label}: ${n(http[key].upstreamConnections)}`);
  if (reuse.length > 0) {
    out.push(
      '',
      `Connections to the mock opened by the server during its run, warm-up included (keep-alive reuse): ${reuse.join('; ')}.`,
    );
  }
  for (const [key, pool] of Object.entries(results.codePools ?? {})) {
    out.push(
      '',
      `${ROW_LABELS[key] ?? key}: ${n(pool.minted)} codes minted before the run via POST /__mock/codes, ${n(pool.used)} used (warm-up included)${pool.exhausted ? ' — POOL EXHAUSTED: later requests sent a spent code (counted as non-2xx)' : ''}${http[key]?.endedEarly ? ` — the pool ran out: the run stopped after ${http[key].durationSeconds} s` : ''}.`,
    );
  }
  const ratioRows = RATIO_LABELS.map(([key, label]) => [label, x(ratios[key])]).filter(
    ([, value]) => value !== 'n/a',
  );
  if (ratioRows.length > 0) {
    out.push(
      '',
      'Whole-run ratios (informational; each row merged over its rounds — the goals below read per-round medians):',
      '',
      table(['Ratio', 'value'], ratioRows),
    );
  }

  const processRows = [];
  if (coldStart) {
    processRows.push([
      `cold start (spawn -> first 200 /readyz), median of ${coldStart.runs}`,
      `${n(coldStart.medianMs, 1)} ms (samples: ${coldStart.samplesMs.join(', ')})`,
    ]);
  }
  if (coldStartProxy) {
    processRows.push([
      `reference: pass-through proxy cold start (spawn -> first 200 from its local /__proxy/ready), median of ${coldStartProxy.runs}`,
      `${n(coldStartProxy.medianMs, 1)} ms (samples: ${coldStartProxy.samplesMs.join(', ')})`,
    ]);
  }
  for (const [key, m] of Object.entries(memory)) {
    if (!m) continue;
    processRows.push([
      `RSS of ${ROW_LABELS[key] ?? key}`,
      `peak (VmHWM) ${n(m.peakRssMb, 1)} MB; idle before load ${n(m.idleRssMb, 1)} MB (anon ${n(m.idleRssAnonMb, 1)} + file ${n(m.idleRssFileMb, 1)}); max sampled ${n(m.maxSampledRssMb, 1)} MB (anon ${n(m.maxSampledRssAnonMb, 1)} + file ${n(m.maxSampledRssFileMb, 1)}); at the end ${n(m.endRssMb, 1)} MB`,
    ]);
  }
  if (processRows.length > 0) out.push('', table(['Process', 'value'], processRows));

  if (crypto) {
    const labels = {
      seal: 'core sealRefreshToken',
      open: 'core openRefreshToken',
      rawEncrypt: 'raw WebCrypto AES-256-GCM encrypt',
      rawDecrypt: 'raw WebCrypto AES-256-GCM decrypt',
      nodeEncrypt: 'reference: node:crypto AES-256-GCM encrypt (sync)',
      nodeDecrypt: 'reference: node:crypto AES-256-GCM decrypt (sync)',
      importKeyring: 'core importKeyring (1 raw key)',
    };
    out.push(
      '',
      `In-process crypto (${crypto.tokenLength}-char token, sealed ${crypto.sealedLength} chars; each cell the best of ${crypto.repeats} slices of ${crypto.seconds / crypto.repeats} s, median in brackets):`,
      '',
      table(
        [
          'Operation',
          'µs/op (1 at a time)',
          'CPU µs/op (1 at a time)',
          'ops/s (1 at a time)',
          `ops/s (${crypto.concurrency} in flight)`,
        ],
        Object.entries(crypto.results).map(([key, r]) => [
          labels[key] ?? key,
          n(r.microsecondsPerOp, 1),
          n(r.cpuMicrosecondsPerOp, 1),
          `${n(r.sequentialOpsPerSecond)} (${n(r.sequentialMedianOpsPerSecond)})`,
          `${n(r.concurrentOpsPerSecond)} (${n(r.concurrentMedianOpsPerSecond)})`,
        ]),
      ),
    );
  }
  const informational = renderInformationalRatios(results);
  if (informational) out.push('', informational);
  if (goals.length > 0) out.push('', renderGoals(goals, options.rounds));
  return out.join('\n');
}
