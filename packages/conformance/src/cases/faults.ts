import type { Fault } from '@tokenswap/mock-accounts';
import { bodyKind, describe, expectTokenAnswer, fail, isJsonErrorBody, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { HttpExchange } from '../http.js';
import type { ConformanceCase, Level } from '../types.js';
import { BASIS } from './basis.js';

/**
 * Upstream faults injected in the mock: the server must answer with an error (or, having retried,
 * with real tokens) — never a 200 with junk — and within the stated bound.
 */
export const faultCases: readonly ConformanceCase[] = [
  faultCase('FAULT-001', 'swap', 'Upstream 503 on swap gives an error answer', () => ({
    kind: 'status',
    status: 503,
  })),
  faultCase(
    'FAULT-002',
    'swap',
    'Upstream 429 (Retry-After) on swap gives an error answer within the bound',
    () => ({
      kind: 'rate-limit',
      retryAfter: 30,
    }),
  ),
  faultCase(
    'FAULT-003',
    'swap',
    'A stalled upstream on swap gives an error answer within the bound',
    (ctx) => ({
      kind: 'delay',
      ms: ctx.options.slowDelayMs,
    }),
  ),
  faultCase(
    'FAULT-004',
    'swap',
    'Malformed JSON from upstream on swap gives an error answer, not junk',
    () => ({
      kind: 'malformed-json',
    }),
  ),
  faultCase(
    'FAULT-005',
    'swap',
    'A connection reset by upstream on swap gives an error answer',
    () => ({ kind: 'reset' }),
  ),
  faultCase('FAULT-006', 'refresh', 'Upstream 500 on refresh gives an error answer', () => ({
    kind: 'status',
    status: 500,
  })),
  faultCase(
    'FAULT-007',
    'refresh',
    'A stalled upstream on refresh gives an error answer within the bound',
    (ctx) => ({
      kind: 'delay',
      ms: ctx.options.slowDelayMs,
    }),
  ),
  faultCase(
    'FAULT-008',
    'refresh',
    'Malformed JSON from upstream on refresh gives an error answer, not junk',
    () => ({
      kind: 'malformed-json',
    }),
  ),
  {
    id: 'FAULT-009',
    title: 'Upstream failures are answered with a JSON error body, not HTML or nothing',
    level: 'SHOULD',
    requires: ['REFRESH-001'],
    basis:
      'User reports (NOTES.md): the iOS SDK shows "Cocoa error 3840" for an HTML or empty 500; RFC 6749 §5.2 error bodies are JSON.',
    async run(ctx) {
      const code = await ctx.authorizeCode();
      const swap = await withFault(
        ctx,
        'HTML 503',
        {
          kind: 'status',
          status: 503,
          body: '<html>Service Unavailable</html>',
          headers: { 'content-type': 'text/html' },
        },
        () => ctx.swap(code),
      );
      const { refreshToken } = await ctx.swapTokens();
      const refresh = await withFault(ctx, 'reset', { kind: 'reset' }, () =>
        ctx.refresh(refreshToken),
      );
      for (const exchange of [swap, refresh]) {
        const res = exchange.response;
        if (!res || res.status < 400) continue; // no answer or a retry: FAULT-001/005 judge that
        if (!isJsonErrorBody(res.json))
          fail(
            `expected a JSON error body after an upstream failure, got HTTP ${res.status} with ${bodyKind(exchange)}`,
            exchange,
          );
      }
    },
  },
  {
    id: 'FAULT-010',
    title: 'Upstream rate limiting is passed on as 429 or 503 with Retry-After',
    level: 'SHOULD',
    requires: ['SWAP-001'],
    basis:
      'RFC 6585 §4 and RFC 9110 §10.2.3: a rate-limited client is told when to come back (Retry-After); Spotify sends 429 with Retry-After.',
    async run(ctx) {
      const code = await ctx.authorizeCode();
      const exchange = await withFault(
        ctx,
        'rate-limit',
        { kind: 'rate-limit', retryAfter: 7 },
        () => ctx.swap(code),
      );
      const res = exchange.response;
      if (res?.status !== 429 && res?.status !== 503) {
        fail(`expected 429 or 503, got ${describe(exchange)}`, exchange);
      }
      const retryAfter = res.headers['retry-after'] ?? '';
      if (!/^\d+$/.test(retryAfter) && Number.isNaN(Date.parse(retryAfter))) {
        fail(
          `expected a Retry-After header (seconds or a date; Spotify sent 7), got ${retryAfter === '' ? 'none' : `"${retryAfter}"`}`,
          exchange,
        );
      }
    },
  },
];

function faultCase(
  id: string,
  endpoint: 'swap' | 'refresh',
  title: string,
  fault: (ctx: CaseContext) => Fault,
  level: Level = 'MUST',
): ConformanceCase {
  return {
    id,
    title,
    level,
    requires: [endpoint === 'swap' ? 'SWAP-001' : 'REFRESH-001'],
    basis: `${BASIS.upstreamError} ${BASIS.upstreamBound}`,
    async run(ctx) {
      // Prepare everything the fault must not hit first: the code, or a swapped refresh token.
      const input =
        endpoint === 'swap' ? await ctx.authorizeCode() : (await ctx.swapTokens()).refreshToken;
      const injected = fault(ctx);
      const exchange = await withFault(ctx, injected.kind, injected, () =>
        endpoint === 'swap' ? ctx.swap(input) : ctx.refresh(input),
      );
      await judgeFaultAnswer(ctx, exchange);
    },
  };
}

async function judgeFaultAnswer(ctx: CaseContext, exchange: HttpExchange): Promise<void> {
  const bound = ctx.options.timeoutBoundMs;
  const res = exchange.response;
  if (!res)
    fail(`expected an answer within the ${bound} ms bound, got none (${exchange.error})`, exchange);
  if (exchange.durationMs > bound)
    fail(
      `expected an answer within the ${bound} ms bound, got one after ${exchange.durationMs} ms`,
      exchange,
    );
  if (res.status >= 400) return;
  if (res.status !== 200)
    fail(
      `expected an error status (or 200 with real tokens after a retry), got ${describe(exchange)}`,
      exchange,
    );
  // A 200 is fine only if the server retried and really got tokens: they must be real.
  const tokens = expectTokenAnswer(exchange, { requireRefreshToken: false });
  if (!(await ctx.accessTokenWorks(tokens.accessToken))) {
    fail(
      'expected an error answer after an upstream fault (or real tokens after a retry), got HTTP 200 with an access token /v1/me refuses',
      exchange,
    );
  }
}

/**
 * Sends `provoke` with `fault` waiting at the mock, and skips the case when the server never
 * called upstream (journal empty, fault still pending): an immediate error answer then says
 * nothing about how the server meets an upstream failure. The fault does not outlive the request.
 */
async function withFault(
  ctx: CaseContext,
  name: string,
  fault: Fault,
  provoke: () => Promise<HttpExchange>,
): Promise<HttpExchange> {
  ctx.journalMark();
  ctx.mock.faults.inject('token', fault, 1);
  const exchange = await provoke();
  const reached = ctx.reachedUpstream(true);
  ctx.mock.faults.clear();
  if (!reached)
    skip(
      `blocked: the server answered ${describe(exchange)} without calling Spotify's token endpoint (the mock's journal is empty, the ${name} fault never met), so the answer says nothing about upstream failures`,
    );
  return exchange;
}
