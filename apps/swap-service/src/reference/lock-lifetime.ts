/**
 * The one figure for how long a refresh holds a handle's lock, used by the code and stated in
 * docs/reference-mode.md (a docs test compares them).
 *
 * The lock must outlive one upstream call plus sealing and the store write (with its retries):
 * if it ran out first, another replica could refresh with the token Spotify just rotated away,
 * and its caller would get invalid_grant. A caller that finds the lock taken waits at most this
 * long too; by then the holder has finished (and the caller answers with its tokens) or died
 * (and the lock has expired, so the caller refreshes itself), else it gets a 503.
 */
export const LOCK_MARGIN_MS = 10_000;

/** The upstream timeout's default (`UPSTREAM_TIMEOUT_MS`), for the default lock lifetime. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * The refresh lock's lifetime for an upstream time budget: `upstreamTimeoutMs` + 10 s.
 *
 * @example
 * ```ts
 * refreshLockLifetimeMs(10_000); // 20_000
 * ```
 */
export function refreshLockLifetimeMs(upstreamTimeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS): number {
  return upstreamTimeoutMs + LOCK_MARGIN_MS;
}

/**
 * How long a rotated refresh token's write is retried through a store outage (a Redis failover
 * included) before the refresh fails: it exists nowhere else. Inside {@link LOCK_MARGIN_MS}, so
 * the lock is still held while retrying.
 */
export const ROTATED_WRITE_BUDGET_MS = 8_000;
