/** Longest upstream description passed on to a client. */
export const MAX_DESCRIPTION_LENGTH = 200;

/**
 * Makes an upstream `error_description` safe to show a client: printable ASCII only, whitespace
 * collapsed, anything that looks like a token or code (a run of 24+ Base64url-ish characters)
 * replaced by `[redacted]`, capped at {@link MAX_DESCRIPTION_LENGTH}. Returns `undefined` when
 * nothing readable is left, so the caller falls back to its own wording.
 *
 * @example
 * ```ts
 * sanitizeDescription('Invalid\u0000 refresh token'); // 'Invalid refresh token'
 * ```
 */
export function sanitizeDescription(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value
    .slice(0, 4 * MAX_DESCRIPTION_LENGTH)
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/[A-Za-z0-9+/=_.-]{24,}/g, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length === 0) return undefined;
  if (cleaned.length <= MAX_DESCRIPTION_LENGTH) return cleaned;
  return `${cleaned.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...`;
}
