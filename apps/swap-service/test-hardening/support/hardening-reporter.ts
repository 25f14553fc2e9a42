import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import type { HardeningFigures } from './figures.js';

/** Where the merged figures go: the repository root (gitignored). */
export const RESULTS_FILE = fileURLToPath(
  new URL('../../../../hardening-results.json', import.meta.url),
);

type Row = [figure: string, value: string | number | boolean];

/** The summary rows, in the order the issue lists the figures. */
function rows(f: HardeningFigures): Row[] {
  const out: Row[] = [];
  const na = 'not run';
  out.push(['requests fuzzed', f.fuzz?.requestsFuzzed ?? na]);
  out.push(['fuzz seed', f.fuzz?.seed ?? na]);
  out.push([
    'fuzz batches with upstream faults (taken)',
    f.fuzz ? `${f.fuzz.batchesWithUpstreamFaults} (${f.fuzz.upstreamFaultsConsumed})` : na,
  ]);
  out.push(['fuzz 5xx answers', f.fuzz?.fiveXx ?? na]);
  out.push(['fuzz unmapped 5xx', f.fuzz?.unmappedFiveXx ?? na]);
  out.push(['secrets/upstream tokens in bodies', f.fuzz?.secretsInBodies ?? na]);
  out.push(['secrets/upstream tokens in logs', f.fuzz?.secretsInLogs ?? na]);
  out.push([
    'fuzz log level; lines with request bytes',
    f.fuzz ? `${f.fuzz.logLevel}; ${f.fuzz.requestBytesInLogs}` : na,
  ]);
  out.push(['fuzz errors not in the catalogue', f.fuzz?.errorsNotInCatalogue ?? na]);
  if (f.rawHttp) {
    const r = f.rawHttp;
    out.push(['raw HTTP cases; wrong error shape', `${r.cases}; ${r.wrongShape}`]);
    out.push([
      'raw HTTP log lines (level); with request bytes',
      `${r.logLinesScanned} (${r.logLevel}); ${r.requestBytesInLogs}`,
    ]);
  } else out.push(['raw HTTP', na]);
  out.push(['normal swaps right after a batch', f.fuzz?.normalSwapsAfter ?? na]);
  if (f.soak) {
    const s = f.soak;
    out.push(['soak requests (concurrency)', `${s.requests} (${s.concurrency})`]);
    out.push(['soak errors', s.errors]);
    out.push(['soak latency p50 / p99 / max', `${s.p50Ms} / ${s.p99Ms} / ${s.maxMs} ms`]);
    out.push(['soak throughput', `${s.requestsPerSecond} req/s`]);
    out.push(['RSS after 1k / end', `${s.rssAfter1kKiB} / ${s.rssEndKiB} KiB`]);
    out.push(['RSS growth (limit 20 %)', `${s.rssGrowthPercent} %`]);
    out.push([
      'RSS every second (MiB)',
      s.rssSamplesKiB.map((kib) => (kib / 1024).toFixed(0)).join(' '),
    ]);
    out.push(['leak', s.leak]);
    out.push(['V8 heap start / end', `${s.heapStartKiB} / ${s.heapEndKiB} KiB`]);
    out.push([
      'event-loop delay p50 / p99 / max',
      `${s.loopDelayP50Ms} / ${s.loopDelayP99Ms} / ${s.loopDelayMaxMs} ms`,
    ]);
  } else out.push(['soak', na]);
  if (f.stop) {
    const s = f.stop;
    out.push(['stop: in flight at SIGTERM', s.inFlightAtSignal]);
    out.push(['stop: answered 200 / lost', `${s.answered200} / ${s.lost}`]);
    out.push(['stop: drained (from the log)', s.drainedLogged]);
    out.push(['stop: ECONNREFUSED after signal', s.refusedAfterSignal]);
    out.push([
      'stop: idle/silent/half-open held, all closed after',
      `${s.heldConnections}, ${s.heldClosedAfterMs} ms`,
    ]);
    out.push([
      'stop: exit code, after signal',
      `${s.exitCode}, ${s.exitAfterSignalMs} ms (grace ${s.gracePeriodMs} ms)`,
    ]);
  } else out.push(['stop under load', na]);
  if (f.drain) {
    const d = f.drain;
    out.push([
      'drain: window, requests (after signal)',
      `${d.drainMs} ms, ${d.requests} (${d.sentAfterSignal}) at concurrency ${d.concurrency}`,
    ]);
    out.push(['drain: answered 200 / failures', `${d.answered200} / ${d.failures}`]);
    out.push([
      'drain: /readyz 503 after, exit code after',
      `${d.readinessOffAfterMs} ms, ${d.exitCode} after ${d.exitAfterSignalMs} ms`,
    ]);
  } else out.push(['drain window', na]);
  if (f.chaos) {
    const c = f.chaos;
    out.push(['chaos requests (concurrency)', `${c.requests} (${c.concurrency})`]);
    out.push(['chaos faults injected', tally(c.injected)]);
    out.push(['chaos answers', tally(c.answers)]);
    out.push(['chaos upstream outcomes (service)', tally(c.upstreamOutcomes)]);
    out.push(['chaos unmapped answers', c.unmappedAnswers]);
    out.push(['chaos extra timeouts (load)', c.spuriousTimeouts]);
    out.push([
      'chaos slowest answer / hung past limit',
      `${c.slowestMs} ms / ${c.hungPastTimeout} (timeout ${c.upstreamTimeoutMs} ms)`,
    ]);
    out.push(['chaos recovery errors', `${c.recoveryErrors} of ${c.recoveryRequests}`]);
  } else out.push(['upstream chaos', na]);
  out.push(['mapping table checks (sequential)', f.chaosTable?.checks ?? na]);
  return out;
}

function tally(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}:${value}`)
    .join(' ');
}

/** The pass/fail figures the "done when" names. */
function verdict(f: HardeningFigures, failedTests: number) {
  const unmapped5xx = (f.fuzz?.unmappedFiveXx ?? 0) + (f.chaos?.unmappedAnswers ?? 0);
  const leaks =
    (f.soak?.leak ? 1 : 0) +
    (f.fuzz?.secretsInBodies ?? 0) +
    (f.fuzz?.secretsInLogs ?? 0) +
    (f.rawHttp?.requestBytesInLogs ?? 0);
  const lost =
    (f.stop?.lost ?? 0) +
    (f.soak?.errors ?? 0) +
    (f.chaos?.recoveryErrors ?? 0) +
    (f.drain?.failures ?? 0);
  const complete =
    f.fuzz !== undefined && f.soak !== undefined && f.stop !== undefined && f.chaos !== undefined;
  return {
    unmapped5xx,
    leaks,
    lost,
    failedTests,
    complete,
    pass: complete && failedTests === 0 && unmapped5xx === 0 && leaks === 0 && lost === 0,
  };
}

/**
 * Prints the hardening summary table after the run and writes `hardening-results.json`.
 * Figures come from `task.meta.hardening` (see figures.ts).
 */
export default class HardeningReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const figures: HardeningFigures = {};
    let failedTests = 0;
    for (const mod of testModules) {
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failedTests++;
      for (const test of mod.children.allTests()) {
        if (test.result().state === 'failed') failedTests++;
        Object.assign(figures, test.meta().hardening ?? {});
      }
    }
    const result = verdict(figures, failedTests);
    const table = rows(figures);
    table.push([
      'unmapped 5xx / leaks / lost requests',
      `${result.unmapped5xx} / ${result.leaks} / ${result.lost}`,
    ]);
    table.push(['failed tests', failedTests]);
    const failed = failedTests > 0 || result.unmapped5xx + result.leaks + result.lost > 0;
    table.push([
      'verdict',
      failed ? 'FAIL' : result.complete ? 'PASS' : 'INCOMPLETE (not every part ran)',
    ]);
    const width = Math.max(...table.map(([name]) => name.length));
    const lines = table.map(([name, value]) => `  ${name.padEnd(width)}  ${String(value)}`);
    const rule = '-'.repeat(width + 40);
    process.stdout.write(
      `\n=== tokenswap hardening summary ===\n${rule}\n${lines.join('\n')}\n${rule}\n`,
    );
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ finishedAt: new Date().toISOString(), verdict: result, ...figures }, null, 2)}\n`,
    );
    process.stdout.write(`written to ${RESULTS_FILE}\n`);
  }
}
