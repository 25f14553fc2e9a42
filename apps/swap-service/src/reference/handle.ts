import { createHash, randomBytes } from 'node:crypto';

/**
 * Reference handles: what an app holds instead of Spotify's refresh token in reference mode.
 * `rt1_` + base64url of 32 random bytes (256 bits) — URL- and form-safe (no `+`, `/`, `=`),
 * never confused with a sealed `v1.<kid>.<…>` token or with a Spotify token (`AQ…`).
 * The `1` leaves room for a future format.
 */
export const HANDLE_PREFIX = 'rt1_';

const HANDLE_PATTERN = /^rt1_[A-Za-z0-9_-]{43}$/;

/**
 * A new handle from 32 bytes of `random` (default: `crypto.randomBytes`).
 *
 * @example
 * ```ts
 * const handle = newHandle(); // 'rt1_Qm9…' (47 characters)
 * ```
 */
export function newHandle(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(32);
  if (bytes.length !== 32) throw new RangeError('random(32) must return 32 bytes');
  return HANDLE_PREFIX + Buffer.from(bytes).toString('base64url');
}

/**
 * True if `value` has the exact shape of a handle (a cheap syntactic check, used to route a
 * posted `refresh_token` to reference mode rather than to sealed or legacy tokens).
 *
 * @example
 * ```ts
 * isHandle('rt1_' + 'A'.repeat(43)); // true
 * isHandle('v1.k1.abc');             // false
 * ```
 */
export function isHandle(value: string): boolean {
  return HANDLE_PATTERN.test(value);
}

/**
 * The store key of a handle: `base64url(sha256(handle))`. Stores never see handles, so a leaked
 * database or Redis dump holds no usable credential (the refresh tokens in it are sealed too).
 *
 * @example
 * ```ts
 * await store.get(handleKey(handle));
 * ```
 */
export function handleKey(handle: string): string {
  return createHash('sha256').update(handle).digest('base64url');
}
