import { CaseFailure } from '../checks.js';
import type { ConformanceCase } from '../types.js';
import {
  judgeUpstreamReach,
  type TrafficSource,
  UPSTREAM_REACH_CASE_ID,
} from './upstream-reach-verdict.js';

/** What the case reads from a running impersonation. */
export interface ReachSource extends TrafficSource {
  reachedMock(): boolean;
  settle(): Promise<void>;
}

/**
 * IMP-001 as a suite case, for `--impersonate` runs: put it first, so that when a server's
 * Spotify calls never reach the mock the report leads with why, not with every swap case
 * failing. If nothing has reached the mock yet, the case makes one swap itself to provoke an
 * upstream call, then judges the traffic.
 *
 * @example
 * const cases = options.impersonate ? [upstreamReachCase(impersonation), ...CASES] : CASES;
 */
export function upstreamReachCase(source: ReachSource): ConformanceCase {
  const { title, level, basis } = judgeUpstreamReach(source);
  return {
    id: UPSTREAM_REACH_CASE_ID,
    title,
    level,
    basis,
    async run(ctx) {
      if (!source.reachedMock()) await ctx.swap(await ctx.authorizeCode());
      await source.settle();
      const verdict = judgeUpstreamReach(source);
      if (verdict.status === 'failed') throw new CaseFailure(verdict.message);
    },
  };
}
