import { fail, skip, type TokenAnswer } from '../checks.js';
import type { CaseContext } from '../context.js';
import type { HttpExchange } from '../http.js';

/** The refresh token an app holds after a refresh, and whether the server handed it a new one. */
export interface KeptToken {
  token: string;
  returned: boolean;
}

/**
 * The refresh token the app keeps after a refresh: the new one the answer carries (the newest
 * wins, RFC 6749 §6), else the one it sent. When the new one is Spotify's own token in clear,
 * the app would keep a token the server cannot open: that is SEC-003's finding, so the case
 * that wanted to go on with it stops there (skipped with the reason, never passed).
 *
 * @example
 * ```ts
 * const kept = keptAfterRefresh(ctx, first.refreshToken, expectTokenAnswer(exchange, …));
 * await ctx.refresh(kept.token);
 * ```
 */
export function keptAfterRefresh(ctx: CaseContext, sent: string, answer: TokenAnswer): KeptToken {
  const given = answer.refreshToken;
  if (given === undefined) return { token: sent, returned: false };
  if (ctx.mock.isIssuedRefreshToken(given)) {
    skip(
      "blocked by SEC-003: the refresh answer carried Spotify's own rotated refresh token in clear, so there is no token of the server's to go on with",
    );
  }
  return { token: given, returned: true };
}

/**
 * Fails unless refreshing with the token the app kept after a rotation worked, naming which
 * token that was: the new one the server returned, or the old one when it returned none.
 */
export function expectKeptTokenRefreshes(kept: KeptToken, again: HttpExchange, what = ''): void {
  const status = again.response?.status;
  if (status === 200) return;
  const got = again.response ? `HTTP ${status}` : `no HTTP answer (${again.error})`;
  if (kept.returned) {
    fail(
      `${what}after Spotify rotated the refresh token, refreshing with the new refresh_token the server returned failed: expected HTTP 200, got ${got}`,
      again,
    );
  }
  fail(
    `${what}after Spotify rotated the refresh token the server returned none, so the app kept its old one; refreshing with it failed: expected HTTP 200 (a server that returns no new token must keep Spotify's new one behind the old, as in reference mode), got ${got}`,
    again,
  );
}
