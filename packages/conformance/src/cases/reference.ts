import { describe, expectClientError, expectTokenAnswer, fail, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/**
 * Reference mode: the server keeps Spotify's refresh token and hands out a handle to it. Only
 * such a server can pass these, so they run when the user declares it (`--token-mode
 * reference`); a sealed (stateless) server is not expected to.
 */
export const referenceCases: readonly ConformanceCase[] = [
  {
    id: 'REF-001',
    title: 'An app that ignores a rotated refresh token stays logged in',
    level: 'SHOULD',
    requires: ['REFRESH-001'],
    basis: BASIS.reference,
    async run(ctx) {
      requireReferenceMode(ctx);
      // A grant the mock rotates, so the first refresh retires Spotify's token.
      const tokens = await ctx.swapTokens(ctx.swapUrl, ctx.rotatingCode());
      for (let round = 1; round <= 2; round++) {
        const exchange = await ctx.refresh(tokens.refreshToken);
        if (exchange.response?.status !== 200)
          fail(
            `refresh ${round} of 2 with the original refresh token failed: expected HTTP 200, got ${describe(exchange)}`,
            exchange,
          );
        const answer = expectTokenAnswer(exchange, { requireRefreshToken: false });
        if (!(await ctx.accessTokenWorks(answer.accessToken)))
          fail(
            `refresh ${round}: expected /v1/me to accept the access token (HTTP 200), it refused it`,
            exchange,
          );
      }
    },
  },
  {
    id: 'REF-002',
    title: 'A revoked refresh token is refused with invalid_grant',
    level: 'SHOULD',
    requires: ['REFRESH-001'],
    basis: BASIS.revoke,
    async run(ctx) {
      requireReferenceMode(ctx);
      if (ctx.revokeUrl === undefined) skip('give --revoke-url to check');
      const tokens = await ctx.swapTokens();
      const revoke = await ctx.revoke(tokens.refreshToken);
      const status = revoke.response?.status ?? 0;
      if (status < 200 || status > 299)
        fail(
          `the revoke request was not accepted: expected a 2xx, got ${describe(revoke)}`,
          revoke,
        );
      const refresh = await ctx.refresh(tokens.refreshToken);
      expectClientError(refresh);
      const error = (refresh.response?.json as { error?: unknown } | undefined)?.error;
      if (error !== 'invalid_grant')
        fail(
          `expected error "invalid_grant" after revocation, got ${JSON.stringify(error)}`,
          refresh,
        );
    },
  },
];

/** Skips unless the user declared that the server keeps tokens server-side. */
function requireReferenceMode(ctx: CaseContext): void {
  if (ctx.options.tokenMode === 'sealed')
    skip('declared --token-mode sealed: a stateless server cannot keep a rotated token');
  if (ctx.options.tokenMode !== 'reference') skip('declare --token-mode reference to check');
}
