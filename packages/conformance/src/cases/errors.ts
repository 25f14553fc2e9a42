import { describe, expectClientError, expectTokenAnswer, fail, skip } from '../checks.js';
import type { CaseContext } from '../context.js';
import { FORM_CONTENT_TYPE, formPost, type HttpExchange, type HttpRequestSpec } from '../http.js';
import { randomBytes } from '../internal/random.js';
import type { ConformanceCase } from '../types.js';
import { BASIS } from './basis.js';
import { getRefusedCase } from './get-refused.js';

/** Bad input of every kind: always a 4xx with a JSON error body, never a 2xx or a 5xx. */
export const errorCases: readonly ConformanceCase[] = [
  clientError('ERR-001', 'Swap without a code is refused', BASIS.badRequest, (ctx) =>
    ctx.send(formPost(ctx.swapUrl, { state: 'conformance' })),
  ),
  clientError('ERR-002', 'Swap with an empty code is refused', BASIS.badRequest, (ctx) =>
    ctx.swap(''),
  ),
  clientError('ERR-003', 'Swap with an invalid code is refused', BASIS.invalidGrant, (ctx) =>
    ctx.swap(`conformance-invalid-${randomBytes(12).toString('hex')}`),
  ),
  clientError(
    'ERR-004',
    'Swap with a code that was already used is refused',
    BASIS.invalidGrant,
    async (ctx) => {
      const code = await ctx.authorizeCode();
      const first = await ctx.swap(code);
      if (first.response?.status !== 200)
        skip(`the first swap of the code failed (${describe(first)}; see SWAP-001)`);
      return ctx.swap(code);
    },
    ['SWAP-001'],
  ),
  clientError('ERR-005', 'Swap with an expired code is refused', BASIS.invalidGrant, (ctx) =>
    ctx.swap(ctx.expiredCode()),
  ),
  clientError('ERR-006', 'Refresh without a refresh_token is refused', BASIS.badRequest, (ctx) =>
    ctx.send(formPost(ctx.refreshUrl, { state: 'conformance' })),
  ),
  clientError(
    'ERR-007',
    'Refresh with an empty refresh_token is refused',
    BASIS.badRequest,
    (ctx) => ctx.refresh(''),
  ),
  clientError(
    'ERR-008',
    'Refresh with a tampered refresh token is refused',
    BASIS.invalidGrant,
    async (ctx) => {
      const tokens = await ctx.swapTokens();
      return ctx.refresh(tamper(tokens.refreshToken));
    },
    ['SWAP-001'],
  ),
  clientError(
    'ERR-009',
    'Refresh with an unknown refresh token is refused',
    BASIS.invalidGrant,
    (ctx) => ctx.refresh(`conformance-unknown-${randomBytes(24).toString('base64url')}`),
  ),
  getRefusedCase,
  clientError(
    'ERR-011',
    'A body that is not a form (wrong Content-Type) is refused',
    BASIS.mediaType,
    async (ctx) => {
      const code = await ctx.authorizeCode();
      return ctx.send({
        method: 'POST',
        url: ctx.swapUrl,
        headers: { 'content-type': 'application/octet-stream' },
        body: `code=${encodeURIComponent(code)}`,
      });
    },
  ),
  clientError('ERR-012', 'An oversized body (1.5 MiB) is refused', BASIS.bodySize, (ctx) =>
    ctx.send(oversized(ctx.swapUrl)),
  ),
  clientError('ERR-013', 'Junk bytes posted as a form are refused', BASIS.badRequest, (ctx) =>
    ctx.send(junk(ctx.swapUrl)),
  ),
  {
    id: 'ERR-014',
    title: 'After bad input the server still swaps and refreshes',
    level: 'MUST',
    requires: ['REFRESH-001'],
    basis: BASIS.stillServes,
    async run(ctx) {
      await Promise.all([
        ctx.send(junk(ctx.swapUrl)),
        ctx.send(junk(ctx.refreshUrl)),
        ctx.send(oversized(ctx.refreshUrl)),
        ctx.send({ method: 'DELETE', url: ctx.swapUrl }),
        ctx.swap(''),
        ctx.refresh('%%%'),
      ]);
      const tokens = await ctx.swapTokens();
      expectTokenAnswer(await ctx.refresh(tokens.refreshToken), { requireRefreshToken: false });
    },
  },
];

/** A case that sends something bad and expects a 4xx JSON error. */
function clientError(
  id: string,
  title: string,
  basis: string,
  provoke: (ctx: CaseContext) => Promise<HttpExchange>,
  requires: readonly string[] = [],
): ConformanceCase {
  return {
    id,
    title,
    level: 'MUST',
    requires,
    basis,
    async run(ctx) {
      const exchange = await provoke(ctx);
      if (exchange.response && exchange.response.status >= 200 && exchange.response.status < 300) {
        fail(
          `bad input was accepted: expected a 4xx JSON error, got HTTP ${exchange.response.status}`,
          exchange,
        );
      }
      expectClientError(exchange);
    },
  };
}

/**
 * Changes one character near the middle (the payload of any format, not a padding or prefix
 * bit) to another of the same alphabet that differs case-insensitively too: a digit to another
 * digit, a letter to another letter of the same case. So the token is different for every
 * decoder — hex is case-insensitive, and an `a` turned into `A` would be the same token (ERR-008
 * once passed a tampered token that way). Separators (`.`, `-`, `_`, …) are passed over.
 */
export function tamper(token: string): string {
  const middle = Math.floor(token.length / 2);
  const at = alphanumericNear(token, middle);
  if (at === undefined) return `${token}A`;
  const replacement = differentInAlphabet(token.charAt(at));
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

/** The index of the letter or digit closest to `from` (forwards first), if there is one. */
function alphanumericNear(token: string, from: number): number | undefined {
  for (let distance = 0; distance < token.length; distance++) {
    for (const at of [from + distance, from - distance]) {
      if (at >= 0 && at < token.length && /[0-9A-Za-z]/.test(token.charAt(at))) return at;
    }
  }
  return undefined;
}

/**
 * A digit → `2` (`2` → `3`), `a` → `b`, any other letter → `a`, case kept: inside every alphabet
 * tokens use (decimal, hex, base32's `2`–`7`, base64/base64url).
 */
function differentInAlphabet(char: string): string {
  if (/[0-9]/.test(char)) return char === '2' ? '3' : '2';
  const upper = char === char.toUpperCase();
  const replacement = char.toLowerCase() === 'a' ? 'b' : 'a';
  return upper ? replacement.toUpperCase() : replacement;
}

function oversized(url: string): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': FORM_CONTENT_TYPE },
    body: `code=${'A'.repeat(1.5 * 1024 * 1024)}`,
  };
}

function junk(url: string): HttpRequestSpec {
  return {
    method: 'POST',
    url,
    headers: { 'content-type': FORM_CONTENT_TYPE },
    body: new Uint8Array(randomBytes(4096)),
  };
}
