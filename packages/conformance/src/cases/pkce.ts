import { describe, expectTokenAnswer, fail, skip, type TokenAnswer } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';
import { expectKeptTokenRefreshes, keptAfterRefresh } from './rotation.js';

/** PKCE: what the iOS SDK has sent since 2020 — a code bound to a code_challenge. */
export const pkceCases: readonly ConformanceCase[] = [
  {
    id: 'PKCE-001',
    title: 'A code issued with a code_challenge swaps when code_verifier is posted beside it',
    level: 'SHOULD',
    requires: ['SWAP-001'],
    basis: BASIS.pkce,
    async run(ctx) {
      const { code, verifier } = ctx.pkceCode();
      ctx.journalMark();
      const exchange = await ctx.swap(code, { code_verifier: verifier });
      const tokens = expectTokenAnswer(exchange, { requireRefreshToken: true });
      const entry = ctx.tokenRequests().find((e) => e.grantType === 'authorization_code');
      if (entry && !entry.hasCodeVerifier)
        fail('code_verifier was not forwarded upstream (expected it beside the code)', exchange);
      if (!(await ctx.accessTokenWorks(tokens.accessToken)))
        fail('the access token is refused by /v1/me: expected HTTP 200 there', exchange);
    },
  },
  {
    id: 'PKCE-002',
    title: 'Rotating PKCE refresh tokens keep working across several refreshes',
    level: 'SHOULD',
    // REFRESH-005 meets the same rotation first: a server that loses rotated tokens fails there.
    requires: ['PKCE-001', 'REFRESH-001', 'REFRESH-005'],
    basis: `${BASIS.rotation} ${BASIS.pkce}`,
    async run(ctx) {
      const tokens = await pkceSwapOrSkip(ctx);
      let kept = { token: tokens.refreshToken, returned: true };
      for (let round = 1; round <= 4; round++) {
        const exchange = await ctx.refresh(kept.token);
        if (round > 1) expectKeptTokenRefreshes(kept, exchange, `refresh ${round} of 4: `);
        else if (exchange.response?.status !== 200)
          fail(`refresh 1 of 4: expected HTTP 200, got ${describe(exchange)}`, exchange);
        const answer = expectTokenAnswer(exchange, { requireRefreshToken: false });
        if (!(await ctx.accessTokenWorks(answer.accessToken)))
          fail(
            `refresh ${round} of 4: the access token is refused by /v1/me (expected HTTP 200 there)`,
            exchange,
          );
        kept = keptAfterRefresh(ctx, kept.token, answer);
      }
    },
  },
];

/**
 * Swaps a PKCE code (whose refresh tokens the mock rotates, as Spotify does). A server without
 * PKCE support cannot get there: that is PKCE-001's failure, so dependent cases skip.
 */
export async function pkceSwapOrSkip(
  ctx: CaseContext,
): Promise<TokenAnswer & { refreshToken: string }> {
  const { code, verifier } = ctx.pkceCode();
  const exchange = await ctx.swap(code, { code_verifier: verifier });
  if (exchange.response?.status !== 200)
    skip(`blocked by PKCE-001: needs a PKCE swap, which failed (${describe(exchange)})`);
  const answer = expectTokenAnswer(exchange, { requireRefreshToken: true });
  return { ...answer, refreshToken: answer.refreshToken as string };
}
