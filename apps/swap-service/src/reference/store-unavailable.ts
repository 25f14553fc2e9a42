import type { TokenSwapError } from '@tokenswap/core';
import { serviceError } from '../errors.js';

/**
 * Thrown by a {@link ReferenceStore} when its back-end cannot answer (Redis down or unreachable,
 * SQLite file locked beyond the busy timeout, store closed). It is an outage, not a bad request:
 * {@link ReferenceTokens} turns it into `503 temporarily_unavailable`, never a 500, and the next
 * call succeeds again once the back-end is back.
 *
 * The message is generic on purpose; the driver's error (which may name hosts or paths) is kept
 * in `cause` for the log only.
 *
 * @example
 * ```ts
 * try {
 *   await store.get(key);
 * } catch (error) {
 *   if (isStoreUnavailable(error)) log.warn({ err: error.cause }, 'token store down');
 * }
 * ```
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable' as const;
  /** Which store failed ('memory' | 'sqlite' | 'redis'), for logs and metrics. */
  readonly store: string;

  constructor(store: string, cause?: unknown) {
    super(`The ${store} token store is unavailable`, cause === undefined ? undefined : { cause });
    this.name = 'StoreUnavailableError';
    this.store = store;
  }
}

/**
 * True for a {@link StoreUnavailableError} (duck-typed on `code`, as two copies of this module
 * would not share the class).
 *
 * @example
 * ```ts
 * if (isStoreUnavailable(error)) reply.code(503);
 * ```
 */
export function isStoreUnavailable(value: unknown): value is StoreUnavailableError {
  return (
    value instanceof StoreUnavailableError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { code?: unknown }).code === 'store_unavailable')
  );
}

/**
 * The client-facing error for a store outage: `503 temporarily_unavailable` with
 * `Retry-After: 1`. The store's own error stays in `cause` (logged, never sent).
 *
 * @example
 * ```ts
 * return fail(tokenStoreUnavailable(error));
 * ```
 */
export function tokenStoreUnavailable(cause?: unknown): TokenSwapError {
  return serviceError('storeUnavailable', undefined, cause);
}
