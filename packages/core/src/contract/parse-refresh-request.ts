import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { type FormInput, isFormLike, readTextField } from '../internal/fields.js';
import { FIELD_LIMITS } from './limits.js';
import type { RefreshRequest } from './types.js';

/**
 * Undoes the damage a refresh token takes when an app posts it without URL-encoding:
 * - `+` arrives as a space (form decoding), so every space becomes `+` again — no token format
 *   we accept (Spotify's, sealed `v1.…`, legacy Base64) contains spaces;
 * - legacy Base64 tokens (`encrypted_strings`) carry line breaks, sometimes posted as a
 *   literal backslash-n; Base64 decoders ignore line breaks, so they are dropped.
 *
 * @example
 * ```ts
 * repairRefreshToken('AQB ab/c=\n'); // 'AQB+ab/c='
 * ```
 */
export function repairRefreshToken(value: string): string {
  return value
    .replace(/\\n/g, '')
    .replace(/[\r\n]/g, '')
    .replace(/ /g, '+');
}

/**
 * Parses the form of a refresh request (`refresh_token`, optional `client_id`). Never throws:
 * a missing, empty, repeated, over-long (> 8192 bytes) or non-printable field gives
 * `invalid_request` (400) naming the field and why. The token is repaired first
 * (see {@link repairRefreshToken}).
 *
 * @example
 * ```ts
 * const parsed = parseRefreshRequest({ refresh_token: 'v1.k1.abc def' });
 * parsed.ok && parsed.value.refreshToken; // 'v1.k1.abc+def'
 * ```
 */
export function parseRefreshRequest(form: FormInput): Result<RefreshRequest> {
  if (!isFormLike(form)) {
    return fail(new TokenSwapError('invalid_request', 'request body must be a form'));
  }
  const token = readTextField(
    form,
    'refresh_token',
    { maxBytes: FIELD_LIMITS.refresh_token, repair: repairRefreshToken },
    true,
  );
  if (!token.ok) return fail(token.error);
  const clientId = readTextField(form, 'client_id', { maxBytes: FIELD_LIMITS.client_id }, false);
  if (!clientId.ok) return fail(clientId.error);
  const request: RefreshRequest = { refreshToken: token.value as string };
  if (clientId.value !== undefined) request.clientId = clientId.value;
  return ok(request);
}
