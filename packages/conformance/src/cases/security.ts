import { describe, expectClientError, expectTokenAnswer, fail, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import { formPost, type HttpExchange } from '../http.js';
import { randomBytes } from '../internal/random.js';
import { findStackTrace } from '../internal/stack-trace.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/** What must never leave the server, checked over every answer of the run. */
export const securityCases: readonly ConformanceCase[] = [
  {
    id: 'SEC-001',
    title: 'Token answers carry Cache-Control: no-store',
    level: 'MUST',
    requires: ['SWAP-001', 'REFRESH-001'],
    basis: BASIS.noStore,
    async run(ctx) {
      const swapped = await ctx.swap(await ctx.authorizeCode());
      const tokens = expectTokenAnswer(swapped, { requireRefreshToken: true });
      expectNoStore(swapped, 'swap');
      const refreshed = await ctx.refresh(tokens.refreshToken as string);
      expectTokenAnswer(refreshed, { requireRefreshToken: false });
      expectNoStore(refreshed, 'refresh');
    },
  },
  {
    id: 'SEC-002',
    title: 'The client secret appears in no answer',
    level: 'MUST',
    basis: BASIS.noSecret,
    async run(ctx) {
      await provokeAnswers(ctx);
      const secret = ctx.client.secret;
      if (secret.length < 4) skip('no client secret configured');
      const basic = Buffer.from(`${ctx.client.id}:${secret}`).toString('base64');
      const leak = ctx.exchanges.find(
        (e) => e.response?.text.includes(secret) || e.response?.text.includes(basic),
      );
      if (leak)
        fail(
          `the answer to ${leak.request.method} ${new URL(leak.request.url).pathname} carries the client secret: expected it in no answer`,
          leak,
        );
    },
  },
  {
    id: 'SEC-003',
    title: "Spotify's refresh token appears in no answer (swap, refresh, after rotation, errors)",
    level: 'MUST',
    basis: BASIS.noUpstreamToken,
    async run(ctx) {
      await provokeAnswers(ctx);
      // Upstream rotates on the refresh of a plain code (any server can get there) and of a
      // PKCE code (servers that forward code_verifier).
      const plain = await ctx.swap(ctx.rotatingCode());
      const plainToken = refreshTokenIn(plain);
      if (plainToken !== undefined) await ctx.refresh(plainToken);
      const { code, verifier } = ctx.pkceCode();
      const pkceToken = refreshTokenIn(await ctx.swap(code, { code_verifier: verifier }));
      if (pkceToken !== undefined) await ctx.refresh(pkceToken);
      for (const exchange of ctx.exchanges) {
        const found = tokenLike(exchange.response?.text ?? '').find((t) =>
          ctx.mock.isIssuedRefreshToken(t),
        );
        if (found !== undefined) {
          ctx.masker.remember(found);
          fail(
            `the answer to ${exchange.request.method} ${new URL(exchange.request.url).pathname} carries Spotify's own refresh token in clear: expected a sealed token or a reference, never the token Spotify issued`,
            exchange,
          );
        }
      }
    },
  },
  {
    id: 'SEC-004',
    title: 'No answer carries a stack trace',
    level: 'MUST',
    basis: BASIS.noStack,
    async run(ctx) {
      await provokeAnswers(ctx);
      for (const exchange of ctx.exchanges) {
        const found = findStackTrace(exchange.response?.text ?? '');
        if (found)
          fail(
            `the answer to ${exchange.request.method} ${new URL(exchange.request.url).pathname} (HTTP ${exchange.response?.status}) carries a ${found.runtime} stack trace ("${found.frame}"): expected a generic error without internal detail`,
            exchange,
          );
      }
    },
  },
  {
    id: 'SEC-005',
    title: 'A refresh token from one deployment is refused by another',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis: BASIS.crossDeployment,
    async run(ctx) {
      const second = ctx.second;
      if (!second) skip(ctx.secondMissingReason);
      if (second.swapUrl) {
        // Prove the second deployment works at all; else a refusal would mean nothing.
        const own = await ctx.swap(await ctx.authorizeCode(), {}, second.swapUrl);
        if (own.response?.status !== 200)
          skip(`the second deployment cannot swap (${describe(own)})`);
        const token = expectTokenAnswer(own, { requireRefreshToken: true }).refreshToken as string;
        const check = await ctx.refresh(token, second.refreshUrl);
        if (check.response?.status !== 200)
          skip(`the second deployment cannot refresh its own token (${describe(check)})`);
      }
      const tokens = await ctx.swapTokens();
      const exchange = await ctx.refresh(tokens.refreshToken, second.refreshUrl);
      if (exchange.response?.status === 200)
        fail(
          'the second deployment redeemed a refresh token the first one issued: expected a 4xx JSON error, got HTTP 200',
          exchange,
        );
      expectClientError(exchange);
    },
  },
  {
    id: 'SEC-006',
    title: 'Error answers do not echo the posted code or refresh token',
    level: 'SHOULD',
    basis: BASIS.noEcho,
    async run(ctx) {
      const code = `conformance-echo-${randomBytes(12).toString('hex')}`;
      const token = `conformance-echo-${randomBytes(18).toString('hex')}`;
      for (const exchange of [await ctx.swap(code), await ctx.refresh(token)]) {
        const text = exchange.response?.text ?? '';
        if (text.includes(code) || text.includes(token))
          fail(
            `the HTTP ${exchange.response?.status} answer repeats the posted value: expected an error message without it`,
            exchange,
          );
      }
    },
  },
];

function expectNoStore(exchange: HttpExchange, what: string): void {
  const value = exchange.response?.headers['cache-control'] ?? '';
  if (!/(^|[\s,])no-store($|[\s,;])/i.test(value)) {
    fail(`the ${what} answer has Cache-Control "${value}", expected no-store`, exchange);
  }
}

/** A spread of answers — success, refusals, an upstream failure — for the scans to look through. */
async function provokeAnswers(ctx: CaseContext): Promise<void> {
  const refreshToken = refreshTokenIn(await ctx.swap(await ctx.authorizeCode()));
  if (refreshToken !== undefined) await ctx.refresh(refreshToken);
  await ctx.swap(`conformance-invalid-${randomBytes(8).toString('hex')}`);
  await ctx.refresh(`conformance-unknown-${randomBytes(8).toString('hex')}`);
  await ctx.send({
    method: 'POST',
    url: ctx.swapUrl,
    headers: { 'content-type': 'application/json' },
    body: '{"code":',
  });
  await ctx.send(formPost(ctx.refreshUrl, { refresh_token: 'v1.x.%%' }));
  ctx.mock.faults.inject('token', {
    kind: 'status',
    status: 400,
    body: JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client secret' }),
    headers: { 'content-type': 'application/json' },
  });
  await ctx.swap(await ctx.authorizeCode());
  ctx.mock.faults.clear();
}

/** Candidate tokens in a body: long runs of the characters tokens are made of. */
function tokenLike(text: string): string[] {
  return text.match(/[A-Za-z0-9._~+/=-]{16,}/g) ?? [];
}

/** The refresh_token of an answer, if it has one. */
function refreshTokenIn(exchange: HttpExchange): string | undefined {
  const token = (exchange.response?.json as { refresh_token?: unknown } | undefined)?.refresh_token;
  return typeof token === 'string' ? token : undefined;
}
