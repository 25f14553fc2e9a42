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
  /**
   * Cases whose pass this case builds on (`['SWAP-001']`). When one of them failed (or was
   * itself blocked) in this run, this case is not run: it is reported skipped, `blocked by` the
   * root cause, so one defect shows as one failure. A prerequisite not in the run is ignored.
   */
  readonly requires?: readonly string[];
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
  /** The exchange that shows the failure best, masked. */
  evidence?: Evidence;
  /** Every exchange the failed case had with the server, in order, masked (the last 20 at most). */
  transcript?: Evidence[];
  /** Set when the case was not run because a prerequisite failed: the root cause's id. */
  blockedBy?: string;
}

/** A failed case, with every case it blocked (directly or through another blocked case). */
export interface RootCause {
  id: string;
  level: Level;
  title: string;
  message: string;
  blocks: string[];
}

/** How the run compared with `--expect-failures`: listed ids that failed, or passed (stale). */
export interface ExpectationOutcome {
  /** Listed, and failed as expected. */
  expected: string[];
  /** Failed, counted for the verdict, and not listed. */
  unexpected: string[];
  /** Listed but passed: the list is stale and the run fails until the entry is removed. */
  stale: string[];
  /** Listed but skipped, blocked or not selected in this run: neither confirmed nor stale. */
  unjudged: string[];
}

/** Counts over a run. */
export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Failed cases of level MUST: the run is conformant when this is 0. */
  mustFailed: number;
  /** Failed cases of level SHOULD: with `strict` they fail the run too. */
  shouldFailed: number;
  /** Skipped cases that were blocked by a failed prerequisite (counted in `skipped` too). */
  blocked: number;
}

/** The full outcome of `runConformance`. */
export interface ConformanceReport {
  /**
   * True when no MUST case failed (with `strict`, no SHOULD case either); with expected failures,
   * when every counted failure is listed and no listed case passed.
   */
  ok: boolean;
  /** The seed every random choice of the run came from: `--seed` replays the run. */
  seed: number;
  /** Whether SHOULD failures count (`--strict`). */
  strict: boolean;
  /** Failed cases, the ones blocking most first: what to fix, in order. */
  rootCauses: RootCause[];
  /** Present when expected failures were given. */
  expectations?: ExpectationOutcome;
  startedAt: string;
  durationMs: number;
  target: { swapUrl: string; refreshUrl: string; accountsUrl: string };
  summary: Summary;
  results: CaseResult[];
}
