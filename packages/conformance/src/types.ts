import type { CaseContext } from './context.js';

/** How binding a case is, in the sense of RFC 2119. Only a failed MUST makes the run fail. */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** The outcome of one case. */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** One conformance case: a stable id, what it checks, and the line of the spec it rests on. */
export interface ConformanceCase {
  /** Stable id, e.g. `SWAP-001`. Never reused for a different check. */
  readonly id: string;
  readonly title: string;
  readonly level: Level;
  /** The line of the contract (seed 001), RFC or deployed-client requirement the case rests on. */
  readonly basis: string;
  /** Throws a `CaseFailure` or `CaseSkip` (see `checks.ts`); returning means passed. */
  run(ctx: CaseContext): Promise<void>;
}

/** A request and response excerpt that shows why a case failed, with secrets masked. */
export interface Evidence {
  request: string;
  response: string;
}

/** What a run reports for one case. */
export interface CaseResult {
  id: string;
  title: string;
  level: Level;
  basis: string;
  status: CaseStatus;
  durationMs: number;
  /** Why it failed or was skipped. */
  message?: string;
  evidence?: Evidence;
}

/** Counts over a run. */
export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Failed cases of level MUST: the run is conformant when this is 0. */
  mustFailed: number;
}

/** The full outcome of `runConformance`. */
export interface ConformanceReport {
  /** True when no MUST case failed. */
  ok: boolean;
  startedAt: string;
  durationMs: number;
  target: { swapUrl: string; refreshUrl: string; accountsUrl: string };
  summary: Summary;
  results: CaseResult[];
}
