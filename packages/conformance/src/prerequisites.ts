import type { CaseResult, ConformanceCase, RootCause } from './types.js';

/**
 * The failed case that keeps `testCase` from running, if any: a prerequisite that failed, or
 * the root cause of a prerequisite that was itself blocked. A prerequisite not in this run is
 * looked through to its own prerequisites (`--only SWAP-001,FAULT`: the refresh faults need
 * REFRESH-001, which needs SWAP-001); one that passed or was skipped for its own reason blocks
 * nothing.
 *
 * @example
 * ```ts
 * const root = blockingRoot(testCase, done, catalogue); // the SWAP-001 result when the swap failed
 * ```
 */
export function blockingRoot(
  testCase: ConformanceCase,
  done: ReadonlyMap<string, CaseResult>,
  catalogue: ReadonlyMap<string, ConformanceCase> = new Map(),
): CaseResult | undefined {
  const seen = new Set<string>();
  const rootOf = (id: string): CaseResult | undefined => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    const result = done.get(id);
    if (result?.status === 'failed') return result;
    if (result?.blockedBy !== undefined) return done.get(result.blockedBy);
    if (result !== undefined) return undefined;
    for (const next of catalogue.get(id)?.requires ?? []) {
      const root = rootOf(next);
      if (root) return root;
    }
    return undefined;
  };
  for (const id of testCase.requires ?? []) {
    const root = rootOf(id);
    if (root) return root;
  }
  return undefined;
}

/**
 * The result of a case not run because `root` failed: skipped, `blocked by` the root with its
 * reason, so the report shows one defect once.
 *
 * @example
 * ```ts
 * blockedResult(sec001, swap001).message; // 'blocked by SWAP-001 (expected Content-Type …)'
 * ```
 */
export function blockedResult(testCase: ConformanceCase, root: CaseResult): CaseResult {
  return {
    id: testCase.id,
    title: testCase.title,
    level: testCase.level,
    basis: testCase.basis,
    status: 'skipped',
    durationMs: 0,
    message: `blocked by ${root.id} (${root.message ?? 'failed'})`,
    blockedBy: root.id,
  };
}

/**
 * A case may find out only while running that a failed case keeps it from judging (it skips
 * with `blocked by SEC-003: …`): the result then names that root cause too, so the report
 * counts it under the root cause like a case blocked before it ran.
 *
 * @example
 * ```ts
 * linkBlockedSkip(result, done); // result.blockedBy === 'SEC-003' when SEC-003 failed
 * ```
 */
export function linkBlockedSkip(
  result: CaseResult,
  done: ReadonlyMap<string, CaseResult>,
): CaseResult {
  if (result.status !== 'skipped' || result.blockedBy !== undefined) return result;
  const id = /^blocked by ([A-Z]+-\d+)\b/.exec(result.message ?? '')?.[1];
  const root = id === undefined ? undefined : done.get(id);
  if (root?.status === 'failed') return { ...result, blockedBy: root.id };
  if (root?.blockedBy !== undefined) return { ...result, blockedBy: root.blockedBy };
  return result;
}

/**
 * Every failed case, with the cases it blocked, the ones blocking most first (then MUST before
 * SHOULD before MAY, then run order): the list of defects to fix, in the order to fix them.
 *
 * @example
 * ```ts
 * rootCauses(report.results)[0]; // { id: 'SWAP-001', blocks: ['SWAP-002', …], … }
 * ```
 */
export function rootCauses(results: readonly CaseResult[]): RootCause[] {
  const rank = { MUST: 0, SHOULD: 1, MAY: 2 } as const;
  return results
    .filter((r) => r.status === 'failed')
    .map((r, order) => ({
      order,
      cause: {
        id: r.id,
        level: r.level,
        title: r.title,
        message: r.message ?? '',
        blocks: results.filter((b) => b.blockedBy === r.id).map((b) => b.id),
      },
    }))
    .sort(
      (a, b) =>
        b.cause.blocks.length - a.cause.blocks.length ||
        rank[a.cause.level] - rank[b.cause.level] ||
        a.order - b.order,
    )
    .map(({ cause }) => cause);
}

/**
 * One line per root cause, for the top of every report:
 * `SWAP-001 [MUST] expected … (blocks 17: SWAP-002, …)`.
 */
export function rootCauseLines(causes: readonly RootCause[]): string[] {
  return causes.map((c) => {
    const blocks =
      c.blocks.length === 0 ? '' : ` (blocks ${c.blocks.length}: ${c.blocks.join(', ')})`;
    return `${c.id} [${c.level}] ${c.message}${blocks}`;
  });
}
