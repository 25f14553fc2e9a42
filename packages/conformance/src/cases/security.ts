import { describe, expectClientError, expectTokenAnswer, fail, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import { formPost, type HttpExchange } from '../http.js';
import { randomBytes } from '../internal/random.js';
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
      if (leak) fail('expected no answer to carry the client secret, got this one', leak);
    },
  },
  {
    id: 'SEC-003',
    title: "Spotify's refresh token appears in no answer (swap, refresh, after rotation, errors)",
    level: 'MUST',
    basis: BASIS.noUpstreamToken,
    async run(ctx) {
      await provokeAnswers(ctx);
      const { code, verifier } = ctx.pkceCode();
      const pkce = await ctx.swap(code, { code_verifier: verifier });
      const token = (pkce.response?.json as { refresh_token?: unknown } | undefined)?.refresh_token;
      if (typeof token === 'string') await ctx.refresh(token); // upstream rotates here
      for (const exchange of ctx.exchanges) {
        const found = tokenLike(exchange.response?.text ?? '').find((t) =>
          ctx.mock.isIssuedRefreshToken(t),
        );
        if (found !== undefined) {
          ctx.masker.remember(found);
          fail(
            "expected no answer to carry Spotify's own refresh token, got this one (in clear)",
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
      const leak = ctx.exchanges.find((e) =>
        STACK_TRACE.some((p) => p.test(e.response?.text ?? '')),
      );
      if (leak) fail('an answer contains a stack trace', leak);
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
          "expected the second deployment to refuse the first one's refresh token, got HTTP 200",
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
          fail('expected an error answer without the posted value, got it repeated', exchange);
      }
    },
  },
];

function expectNoStore(exchange: HttpExchange, what: string): void {
  const value = exchange.response?.headers['cache-control'] ?? '';
  if (!/(^|[\s,])no-store($|[\s,;])/i.test(value)) {
    fail(
      `expected Cache-Control: no-store on the ${what} answer, got Cache-Control "${value}"`,
      exchange,
    );
  }
}

/** A spread of answers — success, refusals, an upstream failure — for the scans to look through. */
async function provokeAnswers(ctx: CaseContext): Promise<void> {
  const tokens = await ctx.swap(await ctx.authorizeCode());
  const refreshToken = (tokens.response?.json as { refresh_token?: unknown } | undefined)
    ?.refresh_token;
  if (typeof refreshToken === 'string') await ctx.refresh(refreshToken);
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

/** Stack traces of the usual server languages (Node, Ruby, Python, PHP, Go, Java). */
const STACK_TRACE: readonly RegExp[] = [
  /\n\s+at [^\n]+[(\s][^\n]*:\d+:\d+\)?/, // Node / V8
  /\.rb:\d+:in [`']/, // Ruby
  /Traceback \(most recent call last\)/, // Python
  /Stack trace:\s*\n#0 /, // PHP
  /goroutine \d+ \[/, // Go
  /\n\s+at [\w$.]+\([\w]+\.java:\d+\)/, // JVM
];
