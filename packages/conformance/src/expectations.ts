import type { CaseResult, ExpectationOutcome, Level } from './types.js';

/** Known failures of one implementation: case id → why it fails (`--expect-failures FILE`). */
export type ExpectedFailures = ReadonlyMap<string, string>;

/**
 * Reads an expected-failures file: one case per line, its id, then whitespace, then the reason
 * (required); `#` starts a comment; blank lines are ignored. Every bad line is a problem.
 *
 * @example
 * ```ts
 * parseExpectedFailures('SEC-001  Sinatra sets no Cache-Control (tracked in #12)\n');
 * // { entries: Map { 'SEC-001' => 'Sinatra sets no Cache-Control (tracked in #12)' }, problems: [] }
 * ```
 */
export function parseExpectedFailures(
  text: string,
  source = 'expected failures',
): { entries: Map<string, string>; problems: string[] } {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const where = `${source}:${index + 1}`;
    const match = /^(\S+)\s+(.+)$/.exec(line);
    if (!match) {
      problems.push(`${where}: "${line}" needs a reason after the case id`);
      return;
    }
    const [, id = '', reason = ''] = match;
    if (entries.has(id)) problems.push(`${where}: ${id} is listed twice`);
    entries.set(id, reason.trim());
  });
  return { entries, problems };
}

/**
 * Compares the run with the expected failures: which listed cases failed (expected), which
 * counted failures are not listed (unexpected), which listed cases passed (stale), and which
 * listed cases were not judged (skipped, blocked, not selected).
 *
 * @example
 * ```ts
 * judgeExpectations(report.results, expected, counts).stale; // ['SEC-001'] once it is fixed
 * ```
 */
export function judgeExpectations(
  results: readonly CaseResult[],
  expected: ExpectedFailures,
  counts: (level: Level) => boolean,
): ExpectationOutcome {
  const byId = new Map(results.map((r) => [r.id, r]));
  const listed = [...expected.keys()];
  return {
    expected: listed.filter((id) => byId.get(id)?.status === 'failed'),
    unexpected: results
      .filter((r) => r.status === 'failed' && counts(r.level) && !expected.has(r.id))
      .map((r) => r.id),
    stale: listed.filter((id) => byId.get(id)?.status === 'passed'),
    unjudged: listed.filter((id) => {
      const status = byId.get(id)?.status;
      return status === undefined || status === 'skipped';
    }),
  };
}
