import type { ConformanceCase, Level } from './types.js';

/** Which levels `--level` keeps: `must` only MUST, `should` MUST+SHOULD, `may` everything. */
const LEVELS_KEPT: Record<'must' | 'should' | 'may', readonly Level[]> = {
  must: ['MUST'],
  should: ['MUST', 'SHOULD'],
  may: ['MUST', 'SHOULD', 'MAY'],
};

/** True when `pattern` names the case: its id, or a prefix of it (`SWAP`, `ERR-01`). Case-insensitive. */
export function matchesPattern(id: string, pattern: string): boolean {
  return id.toUpperCase().startsWith(pattern.trim().toUpperCase());
}

/**
 * The cases a run executes, in catalogue order.
 *
 * @example
 * ```ts
 * selectCases(CASES, { only: ['SWAP'], skip: ['SWAP-006'], level: 'must' }).map((c) => c.id); // ['SWAP-001', …]
 * ```
 */
export function selectCases(
  cases: readonly ConformanceCase[],
  filters: {
    only?: readonly string[];
    skip?: readonly string[];
    level?: 'must' | 'should' | 'may' | undefined;
  },
): ConformanceCase[] {
  const only = filters.only ?? [];
  const skipped = filters.skip ?? [];
  const levels = LEVELS_KEPT[filters.level ?? 'may'];
  return cases.filter(
    (c) =>
      levels.includes(c.level) &&
      (only.length === 0 || only.some((p) => matchesPattern(c.id, p))) &&
      !skipped.some((p) => matchesPattern(c.id, p)),
  );
}

/** `--only`/`--skip` patterns that name no case: almost always a typo, so a usage error. */
export function unknownPatterns(
  cases: readonly ConformanceCase[],
  patterns: readonly string[],
): string[] {
  return patterns.filter((p) => !cases.some((c) => matchesPattern(c.id, p)));
}
