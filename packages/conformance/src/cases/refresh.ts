import { describe, expectTokenAnswer, fail, skip, type TokenAnswer } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/** Refresh endpoint: the handed-out refresh token buys fresh, working access tokens. */
export const refreshCases: readonly ConformanceCase[] = [
  {
    id: 'REFRESH-001',
    title: 'The swapped refresh token is refreshed to access_token and expires_in as JSON',
    level: 'MUST',
    requires: ['SWAP-001'],
    basis: BASIS.refreshBody,
    async run(ctx) {
      const tokens = await ctx.swapTokens();
      expectTokenAnswer(await ctx.refresh(tokens.refreshToken), { requireRefreshToken: false });
    },
  },
  {
    id: 'REFRESH-002',
    title: 'The refreshed access token works at the Web API (/v1/me)',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis: BASIS.swapAccessToken,
    async run(ctx) {
      const tokens = await ctx.swapTokens();
      const exchange = await ctx.refresh(tokens.refreshToken);
      const refreshed = expectTokenAnswer(exchange, { requireRefreshToken: false });
      if (!(await ctx.accessTokenWorks(refreshed.accessToken)))
        fail('expected /v1/me to accept the refreshed access token, got a refusal', exchange);
    },
  },
  {
    id: 'REFRESH-003',
    title: 'The refresh goes upstream as grant_type=refresh_token, authenticated as the client',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis: BASIS.refreshUpstream,
    async run(ctx) {
      const tokens = await ctx.swapTokens();
      ctx.journalMark();
      const exchange = await ctx.refresh(tokens.refreshToken);
      const entry = ctx.tokenRequests().find((e) => e.grantType === 'refresh_token');
      if (!entry) fail('expected a refresh_token request upstream, got none', exchange);
      if (entry.clientAuth !== 'basic' && entry.clientAuth !== 'body') {
        fail(
          `upstream client authentication was "${entry.clientAuth}", expected Basic or body credentials`,
          exchange,
        );
      }
      if (entry.clientId !== ctx.client.id)
        fail(`upstream client id was ${JSON.stringify(entry.clientId ?? null)}`, exchange);
      if (entry.status !== 200)
        fail(`upstream refused the refresh with HTTP ${entry.status}`, exchange);
    },
  },
  {
    id: 'REFRESH-004',
    title: 'A non-rotating refresh token can be used again and again',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis:
      'Contract, tokenRefreshURL: refresh_token is "the refresh_token value previously returned from the token swap endpoint" — the SDK keeps it for every later refresh.',
    async run(ctx) {
      const tokens = await ctx.swapTokens();
      for (let round = 1; round <= 3; round++) {
        const exchange = await ctx.refresh(tokens.refreshToken);
        if (exchange.response?.status !== 200)
          fail(`refresh ${round} with the swapped token: ${describe(exchange)}`, exchange);
        expectTokenAnswer(exchange, { requireRefreshToken: false });
      }
    },
  },
  {
    id: 'REFRESH-005',
    title: 'When upstream rotates the refresh token, the app is left with a usable one',
    level: 'SHOULD',
    requires: ['REFRESH-001'],
    basis: BASIS.rotation,
    async run(ctx) {
      const first = await pkceSwapOrSkip(ctx);
      const exchange = await ctx.refresh(first.refreshToken);
      const rotated = expectTokenAnswer(exchange, { requireRefreshToken: false });
      // Either a new token to keep (the newest wins) or a stable reference that keeps working.
      const keep = rotated.refreshToken ?? first.refreshToken;
      const again = await ctx.refresh(keep);
      if (again.response?.status !== 200) {
        const which = rotated.refreshToken
          ? 'the new refresh_token it returned'
          : 'the same refresh token (none returned)';
        fail(`after upstream rotated, refreshing with ${which} failed: ${describe(again)}`, again);
      }
      const next = expectTokenAnswer(again, { requireRefreshToken: false });
      if (!(await ctx.accessTokenWorks(next.accessToken)))
        fail('expected /v1/me to accept the access token after rotation, got a refusal', again);
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
    skip(`needs a PKCE swap, which failed (${describe(exchange)}; see PKCE-001)`);
  const answer = expectTokenAnswer(exchange, { requireRefreshToken: true });
  return { ...answer, refreshToken: answer.refreshToken as string };
}
