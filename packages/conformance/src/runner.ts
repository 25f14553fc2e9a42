import { CASES } from './cases/index.js';
import { upstreamReachCase } from './impersonate/upstream-reach-case.js';
import { SeededRandom, withRandom } from './internal/random.js';
import { blockedResult, blockingRoot, linkBlockedSkip, rootCauses } from './prerequisites.js';
import { type ConformanceOptions, resolveOptions } from './resolve-options.js';
import { runCase } from './run-case.js';
import { selectCases } from './select.js';
import { openSession } from './session.js';
import type { CaseResult, ConformanceReport } from './types.js';
import { judgeRun, summarize } from './verdict.js';

/**
 * Runs the conformance suite against an implementation reachable by URL: starts the mock
 * accounts service, spawns the implementation if asked, runs the selected cases one by one and
 * stops everything again. A case whose prerequisite failed is not run but reported `blocked by`
 * the root cause; every random choice comes from one seed (`seed`, or a fresh one reported).
 *
 * Throws `ConformanceOptionsError` for bad options, `ServerStartError` when a spawned server
 * does not come up and `SpawnedServerError` when it is not the one answering (its port was
 * taken, or it died during the run); a failing implementation is a report with `ok: false`.
 *
 * @example
 * ```ts
 * const report = await runConformance({
 *   swapUrl: 'http://127.0.0.1:{port}/swap',
 *   refreshUrl: 'http://127.0.0.1:{port}/refresh',
 *   spawn: { command: 'node server.js', env: { ACCOUNTS: '{accounts_url}', PORT: '{port}' } },
 * });
 * console.log(report.summary.failed, report.seed);
 * ```
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const resolved = resolveOptions(options);
  const random = new SeededRandom(resolved.seed, 'suite');
  // Everything the run does draws from the seed: spawn secrets, codes, fuzz (see internal/random).
  return withRandom(random, async () => {
    const startedAt = new Date();
    resolved.onProgress({
      type: 'setup',
      message: `seed ${resolved.seed} (--seed replays this run)`,
    });
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
    const catalogue = new Map(CASES.map((c) => [c.id, c]));
    const results: CaseResult[] = [];
    const done = new Map<string, CaseResult>();
    try {
      for (const testCase of cases) {
        resolved.onProgress({ type: 'case-start', case: testCase });
        const root = blockingRoot(testCase, done, catalogue);
        const result = root
          ? blockedResult(testCase, root)
          : linkBlockedSkip(await runCase(session.ctx, testCase), done);
        // A result judged after the spawned server died would judge nothing (or a stranger).
        await session.assertServerAlive(testCase.id, result.status === 'failed');
        results.push(result);
        done.set(result.id, result);
        resolved.onProgress({ type: 'case-end', result });
      }
    } finally {
      await session.close();
    }
    // A case may name a root cause that runs after it (REFRESH-005 skips `blocked by SEC-003`).
    const linked = results.map((r) => linkBlockedSkip(r, done));
    const verdict = judgeRun(linked, {
      strict: resolved.strict,
      expected: resolved.expectedFailures,
    });
    return {
      ok: verdict.ok,
      seed: resolved.seed,
      strict: resolved.strict,
      rootCauses: rootCauses(linked),
      ...(verdict.expectations === undefined ? {} : { expectations: verdict.expectations }),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      target: {
        swapUrl: session.ctx.swapUrl,
        refreshUrl: session.ctx.refreshUrl,
        accountsUrl: session.ctx.mock.url,
      },
      summary: summarize(linked),
      results: linked,
    };
  });
}
