import { type ExpectedFailures, judgeExpectations } from './expectations.js';
import type { CaseResult, ConformanceReport, ExpectationOutcome, Level, Summary } from './types.js';

/** Counts of a list of results. */
export function summarize(results: readonly CaseResult[]): Summary {
  const count = (status: CaseResult['status']) => results.filter((r) => r.status === status).length;
  const failedAt = (level: Level) =>
    results.filter((r) => r.status === 'failed' && r.level === level).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    mustFailed: failedAt('MUST'),
    shouldFailed: failedAt('SHOULD'),
    blocked: results.filter((r) => r.blockedBy !== undefined).length,
  };
}

/**
 * Whether the run passes: no counted failure (MUST; SHOULD too when `strict`) — or, with
 * expected failures, none that is not listed and no listed case that passed (a stale list).
 *
 * @example
 * ```ts
 * judgeRun(results, { strict: true, expected: undefined }).ok; // false when a SHOULD failed
 * ```
 */
export function judgeRun(
  results: readonly CaseResult[],
  options: { strict: boolean; expected: ExpectedFailures | undefined },
): { ok: boolean; expectations?: ExpectationOutcome } {
  const counts = (level: Level) => level === 'MUST' || (options.strict && level === 'SHOULD');
  if (options.expected === undefined) {
    return { ok: !results.some((r) => r.status === 'failed' && counts(r.level)) };
  }
  const expectations = judgeExpectations(results, options.expected, counts);
  return {
    ok: expectations.unexpected.length === 0 && expectations.stale.length === 0,
    expectations,
  };
}

/**
 * The verdict in one sentence, for the pretty and HTML reports.
 *
 * @example
 * ```ts
 * verdictSentence(report); // '2 MUST cases failed: the implementation does not honour the contract.'
 * ```
 */
export function verdictSentence(report: ConformanceReport): string {
  const exp = report.expectations;
  if (exp !== undefined) {
    if (report.ok)
      return `Only the ${exp.expected.length} expected failure${plural(exp.expected.length)} failed; no listed case passed.`;
    const parts = [
      exp.unexpected.length > 0 &&
        `${exp.unexpected.length} failure${plural(exp.unexpected.length)} not in the expected list (${exp.unexpected.join(', ')})`,
      exp.stale.length > 0 &&
        `${exp.stale.length} listed case${plural(exp.stale.length)} passed: remove ${exp.stale.join(', ')} from the list (stale)`,
    ].filter(Boolean);
    return `${parts.join('; ')}.`;
  }
  const { mustFailed, shouldFailed } = report.summary;
  const counted = report.strict ? mustFailed + shouldFailed : mustFailed;
  const what = report.strict ? 'MUST or SHOULD' : 'MUST';
  if (counted === 0)
    return `Every ${what} case passed: the implementation honours the contract${report.strict ? ' (strict)' : ''}.`;
  const which = report.strict
    ? `${mustFailed} MUST and ${shouldFailed} SHOULD case${plural(counted)} failed (strict)`
    : `${mustFailed} MUST case${plural(mustFailed)} failed`;
  return `${which}: the implementation does not honour the contract.`;
}

/**
 * The last line every run ends with: `N passed, N failed, N skipped` (and `(N blocked)`).
 *
 * @example
 * ```ts
 * summaryLine(report.summary); // '40 passed, 2 failed, 3 skipped (3 blocked)'
 * ```
 */
export function summaryLine(summary: Summary): string {
  const blocked = summary.blocked > 0 ? ` (${summary.blocked} blocked)` : '';
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${blocked}`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
