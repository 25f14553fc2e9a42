import { CASES } from './cases/index.js';
import { upstreamReachCase } from './impersonate/upstream-reach-case.js';
import { type ConformanceOptions, resolveOptions } from './resolve-options.js';
import { runCase } from './run-case.js';
import { selectCases } from './select.js';
import { openSession } from './session.js';
import type { CaseResult, ConformanceReport, Summary } from './types.js';

/**
 * Runs the conformance suite against an implementation reachable by URL: starts the mock
 * accounts service, spawns the implementation if asked, runs the selected cases one by one and
 * stops everything again.
 *
 * Throws `ConformanceOptionsError` for bad options and `ServerStartError` when a spawned server
 * does not come up; a failing implementation is a report with `ok: false`, not a throw.
 *
 * @example
 * ```ts
 * const report = await runConformance({
 *   swapUrl: 'http://127.0.0.1:{port}/swap',
 *   refreshUrl: 'http://127.0.0.1:{port}/refresh',
 *   spawn: { command: 'node server.js', env: { ACCOUNTS: '{accounts_url}', PORT: '{port}' } },
 * });
 * console.log(report.summary); // { passed: 44, failed: 0, skipped: 0, mustFailed: 0 }
 * ```
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const resolved = resolveOptions(options);
  const startedAt = new Date();
  const session = await openSession(resolved, {
    secondDeployment: selectCases(CASES, resolved).some((c) => c.id === 'SEC-005'),
  });
  // IMP-001 leads: when the server's Spotify calls never reach the mock, that is the finding,
  // and every swap case failing after it is its consequence.
  const impersonation = session.impersonation;
  const cases = selectCases(
    impersonation ? [upstreamReachCase(impersonation), ...CASES] : CASES,
    resolved,
  );
  const results: CaseResult[] = [];
  try {
    for (const testCase of cases) {
      resolved.onProgress({ type: 'case-start', case: testCase });
      const result = await runCase(session.ctx, testCase);
      results.push(result);
      resolved.onProgress({ type: 'case-end', result });
    }
  } finally {
    await session.close();
  }
  const summary = summarize(results);
  return {
    ok: summary.mustFailed === 0,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    target: {
      swapUrl: session.ctx.swapUrl,
      refreshUrl: session.ctx.refreshUrl,
      accountsUrl: session.ctx.mock.url,
    },
    summary,
    results,
  };
}

/** Counts of a list of results. */
export function summarize(results: readonly CaseResult[]): Summary {
  const count = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    mustFailed: results.filter((r) => r.status === 'failed' && r.level === 'MUST').length,
  };
}

/**
 * The last line every report ends with: `N passed, N failed, N skipped`.
 *
 * @example
 * ```ts
 * summaryLine({ passed: 40, failed: 2, skipped: 1, mustFailed: 1 }); // '40 passed, 2 failed, 1 skipped'
 * ```
 */
export function summaryLine(summary: Summary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}
