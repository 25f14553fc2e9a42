import { expectTokenAnswer, fail } from '../checks.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/** Swap endpoint: a valid code becomes usable tokens, with the right upstream request. */
export const swapCases: readonly ConformanceCase[] = [
  {
    id: 'SWAP-001',
    title: 'A valid code is swapped for access_token, expires_in and refresh_token as JSON',
    level: 'MUST',
    requires: ['IMP-001'],
    basis: `${BASIS.swapBody} ${BASIS.swapHeaders}`,
    async run(ctx) {
      expectTokenAnswer(await ctx.swap(await ctx.authorizeCode()), { requireRefreshToken: true });
    },
  },
  {
    id: 'SWAP-002',
    title: 'The swapped access token works at the Web API (/v1/me)',
    level: 'MUST',
    requires: ['SWAP-001'],
    basis: BASIS.swapAccessToken,
    async run(ctx) {
      const tokens = await ctx.swapTokens();
      if (!(await ctx.accessTokenWorks(tokens.accessToken)))
        fail('expected /v1/me to accept the swapped access token (HTTP 200), it refused it');
    },
  },
  {
    id: 'SWAP-003',
    title: "The refresh token handed out is not Spotify's own (sealed or a reference)",
    level: 'MUST',
    requires: ['SWAP-001'],
    basis: BASIS.swapRefreshToken,
    async run(ctx) {
      const exchange = await ctx.swap(await ctx.authorizeCode());
      const tokens = expectTokenAnswer(exchange, { requireRefreshToken: true });
      if (ctx.mock.isIssuedRefreshToken(tokens.refreshToken as string)) {
        fail(
          "expected a sealed refresh token or a reference, got Spotify's own refresh token in clear",
          exchange,
        );
      }
    },
  },
  {
    id: 'SWAP-004',
    title: 'The code goes upstream once, as authorization_code with the configured redirect_uri',
    level: 'MUST',
    requires: ['SWAP-001'],
    basis: BASIS.codeUpstream,
    async run(ctx) {
      ctx.journalMark();
      const exchange = await ctx.swap(await ctx.authorizeCode());
      const sent = ctx.tokenRequests();
      if (sent.length !== 1)
        fail(`expected exactly one upstream token request, saw ${sent.length}`, exchange);
      const entry = sent[0]!;
      if (entry.grantType !== 'authorization_code' || !entry.hasCode) {
        fail(
          `expected grant_type=authorization_code with the code upstream, got grant_type=${entry.grantType ?? '(none)'} with the code ${entry.hasCode ? 'present' : 'missing'}`,
          exchange,
        );
      }
      if (entry.redirectUri !== ctx.client.redirectUri) {
        fail(
          `upstream redirect_uri was ${JSON.stringify(entry.redirectUri ?? null)}, expected ${JSON.stringify(ctx.client.redirectUri)}`,
          exchange,
        );
      }
      if (entry.status !== 200)
        fail(
          `expected Spotify to accept the swap request (HTTP 200), it answered HTTP ${entry.status}`,
          exchange,
        );
    },
  },
  {
    id: 'SWAP-005',
    title: 'The swap authenticates upstream as the configured client (Basic header or body)',
    level: 'MUST',
    requires: ['SWAP-001'],
    basis: BASIS.clientAuth,
    async run(ctx) {
      ctx.journalMark();
      const exchange = await ctx.swap(await ctx.authorizeCode());
      const entry = ctx.tokenRequests().find((e) => e.grantType === 'authorization_code');
      if (!entry) fail('expected an authorization_code request upstream, saw none', exchange);
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
      if (entry.status === 400 || entry.status === 401)
        fail(
          `expected Spotify to accept the client, it rejected it (HTTP ${entry.status})`,
          exchange,
        );
    },
  },
  {
    id: 'SWAP-006',
    title: 'expires_in is sent as a JSON number',
    level: 'SHOULD',
    requires: ['SWAP-001'],
    basis: BASIS.expiresNumber,
    async run(ctx) {
      const exchange = await ctx.swap(await ctx.authorizeCode());
      expectTokenAnswer(exchange, { requireRefreshToken: true });
      const value = (exchange.response?.json as { expires_in?: unknown } | undefined)?.expires_in;
      if (typeof value !== 'number')
        fail(`expected expires_in as a JSON number, got a ${typeof value}`, exchange);
    },
  },
];
