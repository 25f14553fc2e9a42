import type { TokenSwapError } from '@tokenswap/core';
import { serviceError } from '../errors.js';

/**
 * `invalid_grant` for a handle past Spotify's refresh-token lifetime (6 months from the user's
 * authorization, not extended by refreshing). Answered without calling Spotify.
 *
 * @example
 * ```ts
 * if (now >= entry.expiresAt) return fail(refreshTokenExpiredError());
 * ```
 */
export function refreshTokenExpiredError(): TokenSwapError {
  return serviceError('refreshTokenExpired');
}

/**
 * `503 temporarily_unavailable` when another replica's refresh of the same handle held the lock
 * for longer than this one was willing to wait (a stuck or very slow upstream call).
 *
 * @example
 * ```ts
 * return fail(refreshInProgressError());
 * ```
 */
export function refreshInProgressError(): TokenSwapError {
  return serviceError('refreshInProgress');
}
