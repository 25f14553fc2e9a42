import { fail, isTokenSwapError, type Result } from '../errors.js';
import { upstreamTimeoutError, upstreamUnreachableError } from '../upstream/errors.js';
import { interpretTokenResponse } from '../upstream/interpret-token-response.js';
import type { TokenSet, UpstreamRequest } from '../upstream/types.js';
import type { FlowDeps } from './types.js';

/**
 * Sends one token request with the injected `send` (bounded by `timeoutMs` when given) and lets
 * `interpretTokenResponse` turn the answer into tokens or the error to answer with. Nothing is
 * retried: a code is single-use and a refresh that reached the accounts service may already have
 * rotated the token. Never throws.
 *
 * @example
 * ```ts
 * const tokens = await sendTokenRequest({ send: fetch, timeoutMs: 10_000 }, buildRefreshTokenRequest(p));
 * ```
 */
export async function sendTokenRequest(
  deps: Pick<FlowDeps, 'send' | 'now' | 'timeoutMs'>,
  request: UpstreamRequest,
): Promise<Result<TokenSet>> {
  const signal = deps.timeoutMs === undefined ? undefined : AbortSignal.timeout(deps.timeoutMs);
  try {
    const answer = await deps.send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      ...(signal === undefined ? {} : { signal }),
    });
    const bodyText = await answer.text();
    return interpretTokenResponse(answer.status, answer.headers, bodyText, {
      now: deps.now ?? Date.now,
    });
  } catch (cause) {
    if (isTokenSwapError(cause)) return fail(cause);
    const timedOut = signal?.aborted === true || (cause as Error | null)?.name === 'TimeoutError';
    return fail(timedOut ? upstreamTimeoutError({ cause }) : upstreamUnreachableError({ cause }));
  }
}
