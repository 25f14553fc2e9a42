import { MAX_SEALED_LENGTH, SEALED_PATTERN } from './format.js';

/**
 * Cheap syntactic check for the `v1.<key id>.<base64url>` shape, to route a posted refresh
 * token to `openRefreshToken` or to a legacy opener. Says nothing about whether it opens.
 *
 * @example
 * ```ts
 * looksSealed('v1.k1.' + 'A'.repeat(40)); // true
 * looksSealed('MU6e/5LvhKA='); // false (legacy encrypted_strings)
 * ```
 */
// Deliberately `boolean`, not a `value is string` predicate: callers pass strings, and a
// predicate would narrow the legacy branch to `never`.
export function looksSealed(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length <= MAX_SEALED_LENGTH && SEALED_PATTERN.test(value)
  );
}
