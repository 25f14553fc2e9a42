import { describe, expectClientError, expectTokenAnswer, fail, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { HttpExchange } from '../http.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';

/**
 * ERR-010: a GET carrying a *valid* code or refresh token in its query string is refused, and
 * nothing of it reaches Spotify. A GET without them proves nothing: a server that serves
 * `GET /swap?code=…` refuses an empty one too, for want of a code.
 */
export const getRefusedCase: ConformanceCase = {
  id: 'ERR-010',
  title: 'GET on the swap and refresh URLs is refused, even with a valid code or refresh token',
  level: 'MUST',
  basis: BASIS.method,
  async run(ctx) {
    const code = await ctx.authorizeCode();
    ctx.journalMark();
    const swap = await ctx.send({ method: 'GET', url: withQuery(ctx.swapUrl, { code }) });
    const swapGet = `GET ${new URL(ctx.swapUrl).pathname}?code=<valid code>`;
    expectRefused(swap, swapGet);
    const calls = ctx.tokenRequests().length;
    const unused = ctx.mock.isUnusedCode(code);
    if (calls > 0 || !unused)
      fail(
        `${swapGet} was refused, but the code went to Spotify: expected no upstream call and the code still unused, saw ${calls} upstream call(s) and the code ${unused ? 'unused' : 'spent'}`,
        swap,
      );

    const tokens = await swapOrSkip(ctx);
    ctx.journalMark();
    const refresh = await ctx.send({
      method: 'GET',
      url: withQuery(ctx.refreshUrl, { refresh_token: tokens.refreshToken }),
    });
    const refreshGet = `GET ${new URL(ctx.refreshUrl).pathname}?refresh_token=<valid token>`;
    expectRefused(refresh, refreshGet);
    const upstream = ctx.tokenRequests().filter((e) => e.grantType === 'refresh_token').length;
    if (upstream > 0)
      fail(
        `${refreshGet} was refused, but the server refreshed at Spotify: expected no upstream call, saw ${upstream}`,
        refresh,
      );
  },
};

function expectRefused(exchange: HttpExchange, what: string): void {
  const status = exchange.response?.status;
  if (status !== undefined && status >= 200 && status < 300)
    fail(
      `${what} was served: expected 405 (or another 4xx) with a JSON error, got HTTP ${status}`,
      exchange,
    );
  expectClientError(exchange);
}

async function swapOrSkip(ctx: CaseContext) {
  const code = await ctx.authorizeCode();
  const exchange = await ctx.swap(code);
  if (exchange.response?.status !== 200)
    skip(
      `blocked by SWAP-001: the GET with a code was refused as it should be; the GET with a refresh token needs a valid one, and the swap failed (${describe(exchange)})`,
    );
  const answer = expectTokenAnswer(exchange, { requireRefreshToken: true });
  return { ...answer, refreshToken: answer.refreshToken as string };
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}
