import { TokenSwapError } from '../errors.js';

/**
 * The accounts service did not answer within the caller's timeout: 504
 * `temporarily_unavailable`. Core measures no time; the caller decides when it timed out.
 *
 * @example
 * ```ts
 * if (err.name === 'TimeoutError') return fail(upstreamTimeoutError({ cause: err }));
 * ```
 */
export function upstreamTimeoutError(options: { cause?: unknown } = {}): TokenSwapError {
  return new TokenSwapError(
    'temporarily_unavailable',
    'The accounts service did not answer in time; retry later',
    { status: 504, cause: options.cause },
  );
}

/**
 * The accounts service could not be reached (connection refused, reset, DNS): 502
 * `temporarily_unavailable`.
 *
 * @example
 * ```ts
 * try { res = await fetch(req.url, req); } catch (e) { return fail(upstreamUnreachableError({ cause: e })); }
 * ```
 */
export function upstreamUnreachableError(options: { cause?: unknown } = {}): TokenSwapError {
  return new TokenSwapError(
    'temporarily_unavailable',
    'The accounts service could not be reached; retry later',
    { status: 502, cause: options.cause },
  );
}
