import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { type FormInput, isFormLike, readTextField } from '../internal/fields.js';
import { FIELD_LIMITS } from './limits.js';
import type { RefreshRequest } from './types.js';

/** `%XX` escapes left in a token that an app URL-encoded once more than the form needed. */
const PERCENT_ESCAPE = /%([0-9A-Fa-f]{2})/g;
/** Base64 line breaks posted as the two characters `\` `n` (or `\` `r`), as bih's apps do. */
const LITERAL_LINE_BREAK = /\\[rn]/g;
/** Line breaks and stray indentation: never part of any token format we accept. */
const WHITESPACE = /[\t\n\v\f\r]/g;

/**
 * Undoes the damage a refresh token takes on its way from an app — the one repair, for every
 * token kind (Spotify's, sealed `v1.…`, reference handles, the legacy formats):
 * 1. `' '` → `'+'`: a token posted without URL-encoding has its `+` read as a space by the form
 *    decoding (no format we accept contains spaces; no trim: an edge space was a `+`);
 * 2. `%XX` escapes are decoded once more (an app that encoded the token twice);
 * 3. literal `\n` / `\r` pairs and real line breaks or tabs are dropped — legacy Base64 tokens
 *    (`encrypted_strings`) carry a line break every 60 characters, and Base64 decoders ignore
 *    them.
 *
 * Pure and total: returns a string for any input.
 *
 * @example
 * ```ts
 * repairRefreshToken('AQB ab/c=\n'); // 'AQB+ab/c='
 * repairRefreshToken('MU6e%2F5LvhKA%3D%0A'); // 'MU6e/5LvhKA='
 * ```
 */
export function repairRefreshToken(value: string): string {
  return value
    .replaceAll(' ', '+')
    .replace(PERCENT_ESCAPE, (_escape, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
    .replace(LITERAL_LINE_BREAK, '')
    .replace(WHITESPACE, '');
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
