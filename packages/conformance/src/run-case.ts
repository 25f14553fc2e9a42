import { setTimeout as sleep } from 'node:timers/promises';
import { CaseFailure, CaseSkip } from './checks.js';
import type { CaseContext } from './context.js';
import { excerpt } from './http.js';
import type { CaseResult, ConformanceCase } from './types.js';

/**
 * Runs one case in a session and turns its outcome into a result; never throws.
 *
 * @example
 * ```ts
 * const result = await runCase(session.ctx, CASES.find((c) => c.id === 'SWAP-001')!);
 * result.status; // 'passed' | 'failed' | 'skipped'
 * ```
 */
export async function runCase(ctx: CaseContext, testCase: ConformanceCase): Promise<CaseResult> {
  const base = {
    id: testCase.id,
    title: testCase.title,
    level: testCase.level,
    basis: testCase.basis,
  };
  const firstExchange = ctx.exchanges.length;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const limitMs = caseTimeLimitMs(ctx);
  const controller = new AbortController();
  try {
    await Promise.race([
      testCase.run(ctx),
      sleep(limitMs, undefined, { signal: controller.signal }).then(() => {
        throw new CaseFailure(
          `expected the case to finish within ${limitMs} ms, it was still waiting`,
        );
      }),
    ]);
    return { ...base, status: 'passed', durationMs: elapsed() };
  } catch (error) {
    if (error instanceof CaseSkip) {
      return {
        ...base,
        status: 'skipped',
        durationMs: elapsed(),
        message: ctx.masker.text(error.message),
      };
    }
    const failure = error instanceof CaseFailure ? error : undefined;
    const message = failure
      ? failure.message
      : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    const result: CaseResult = {
      ...base,
      status: 'failed',
      durationMs: elapsed(),
      message: ctx.masker.text(message),
    };
    if (failure?.exchange) result.evidence = excerpt(failure.exchange, ctx.masker);
    const transcript = ctx.exchanges.slice(firstExchange).slice(-MAX_TRANSCRIPT);
    if (transcript.length > 0) result.transcript = transcript.map((e) => excerpt(e, ctx.masker));
    return result;
  } finally {
    controller.abort();
    // A fault a case injected but did not trigger must not leak into the next case.
    ctx.mock.faults.clear();
  }
}

/** The last exchanges of a failed case kept in reports: LOAD cases make hundreds. */
const MAX_TRANSCRIPT = 20;

/** Generous: a case makes a handful of requests, each limited by the bound plus a second. */
function caseTimeLimitMs(ctx: CaseContext): number {
  return Math.max(120_000, 8 * ctx.requestTimeoutMs);
}
