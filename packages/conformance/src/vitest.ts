import { afterAll, beforeAll, describe, it } from 'vitest';
import { CASES } from './cases/index.js';
import { upstreamReachCase } from './impersonate/upstream-reach-case.js';
import { type ConformanceOptions, resolveOptions } from './resolve-options.js';
import { runCase } from './run-case.js';
import { selectCases } from './select.js';
import { openSession, type Session } from './session.js';

/**
 * Turns every conformance case into a vitest `it` (named `ID [LEVEL] title`), inside a
 * `describe`: the mock (and any spawned server) starts in `beforeAll` and stops in `afterAll`.
 * A failed case fails its test with the reason and evidence; a skipped case is skipped.
 *
 * @example
 * ```ts
 * // test/conformance.test.ts
 * import { defineConformanceSuite } from '@tokenswap/conformance/vitest';
 * defineConformanceSuite({
 *   swapUrl: 'http://127.0.0.1:{port}/swap',
 *   refreshUrl: 'http://127.0.0.1:{port}/refresh',
 *   spawn: { command: 'node server.js', env: { PORT: '{port}', ACCOUNTS_URL: '{accounts_url}' } },
 *   load: 10,
 * });
 * ```
 */
export function defineConformanceSuite(options: ConformanceOptions & { name?: string }): void {
  const resolved = resolveOptions(options);
  // With `impersonate`, IMP-001 leads (as in runConformance). Its test is named now; it judges
  // the session's impersonation, which exists only once beforeAll has run.
  const reach = upstreamReachCase({
    hits: () => [],
    reachedMock: () => false,
    settle: async () => {},
  });
  const cases = selectCases(resolved.impersonate ? [reach, ...CASES] : CASES, resolved);
  describe(options.name ?? 'tokenswap conformance', () => {
    let session: Session | undefined;
    beforeAll(
      async () => {
        session = await openSession(resolved, {
          secondDeployment: cases.some((c) => c.id === 'SEC-005'),
        });
      },
      resolved.startupTimeoutMs * 2 + 10_000,
    );
    afterAll(async () => {
      await session?.close();
    });
    for (const testCase of cases) {
      it(`${testCase.id} [${testCase.level}] ${testCase.title}`, {
        timeout: 10 * (resolved.timeoutBoundMs + 1_000) + 60_000,
      }, async (test) => {
        if (!session) throw new Error('the conformance session did not start (see beforeAll)');
        const impersonation = session.impersonation;
        const runnable =
          testCase === reach && impersonation ? upstreamReachCase(impersonation) : testCase;
        const result = await runCase(session.ctx, runnable);
        if (result.status === 'skipped') test.skip(result.message);
        if (result.status === 'failed') {
          const evidence = result.evidence
            ? `\nrequest:\n${result.evidence.request}\nresponse:\n${result.evidence.response}`
            : '';
          throw new Error(`${result.message ?? 'failed'}\nbasis: ${result.basis}${evidence}`);
        }
      });
    }
  });
}
