import { describe, expectTokenAnswer, fail } from '../checks.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';
import { pkceSwapOrSkip } from './refresh.js';

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
        fail('expected code_verifier in the upstream request, got none', exchange);
      if (!(await ctx.accessTokenWorks(tokens.accessToken)))
        fail('expected /v1/me to accept the access token, got a refusal', exchange);
    },
  },
  {
    id: 'PKCE-002',
    title: 'Rotating PKCE refresh tokens keep working across several refreshes',
    level: 'SHOULD',
    requires: ['PKCE-001', 'REFRESH-001'],
    basis: `${BASIS.rotation} ${BASIS.pkce}`,
    async run(ctx) {
      const tokens = await pkceSwapOrSkip(ctx);
      let current = tokens.refreshToken;
      for (let round = 1; round <= 4; round++) {
        const exchange = await ctx.refresh(current);
        if (exchange.response?.status !== 200)
          fail(`refresh ${round} of 4 failed: ${describe(exchange)}`, exchange);
        const answer = expectTokenAnswer(exchange, { requireRefreshToken: false });
        if (!(await ctx.accessTokenWorks(answer.accessToken)))
          fail(
            `refresh ${round}: expected /v1/me to accept the access token, got a refusal`,
            exchange,
          );
        current = answer.refreshToken ?? current;
      }
    },
  },
];
