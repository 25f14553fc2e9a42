import { describe, expectTokenAnswer, fail } from '../checks.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';
import { expectKeptTokenRefreshes, keptAfterRefresh } from './rotation.js';

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
        fail(
          'expected /v1/me to accept the refreshed access token (HTTP 200), it refused it',
          exchange,
        );
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
      if (!entry) fail('expected a refresh_token request upstream, saw none', exchange);
      if (entry.clientAuth !== 'basic' && entry.clientAuth !== 'body') {
        fail(
          `upstream client authentication was "${entry.clientAuth}", expected Basic or body credentials`,
          exchange,
        );
      }
      if (entry.clientId !== ctx.client.id)
        fail(
          `expected upstream client id ${JSON.stringify(ctx.client.id)}, got ${JSON.stringify(entry.clientId ?? null)}`,
          exchange,
        );
      if (entry.status !== 200)
        fail(
          `expected Spotify to accept the refresh (HTTP 200), it answered HTTP ${entry.status}`,
          exchange,
        );
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
          fail(
            `refresh ${round} of 3 with the swapped token: expected HTTP 200, got ${describe(exchange)}`,
            exchange,
          );
        expectTokenAnswer(exchange, { requireRefreshToken: false });
      }
    },
  },
  {
    id: 'REFRESH-005',
    title: 'When upstream rotates the refresh token, the app is left with a usable one',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis: BASIS.rotation,
    async run(ctx) {
      // A plain code the mock rotates (Spotify may rotate any grant): no PKCE needed to get here.
      const first = await ctx.swapTokens(ctx.swapUrl, ctx.rotatingCode());
      const exchange = await ctx.refresh(first.refreshToken); // upstream rotates here
      const answer = expectTokenAnswer(exchange, { requireRefreshToken: false });
      const kept = keptAfterRefresh(ctx, first.refreshToken, answer);
      const again = await ctx.refresh(kept.token);
      expectKeptTokenRefreshes(kept, again);
      const next = expectTokenAnswer(again, { requireRefreshToken: false });
      if (!(await ctx.accessTokenWorks(next.accessToken)))
        fail(
          'after the rotation the refreshed access token is refused by /v1/me: expected HTTP 200 there',
          again,
        );
    },
  },
];
