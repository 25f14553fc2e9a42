import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { type FormInput, invalidField, isFormLike, readTextField } from '../internal/fields.js';
import { FIELD_LIMITS } from './limits.js';
import type { SwapRequest } from './types.js';

const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * Parses the form of a swap request (`code`, optional `code_verifier`, `client_id`,
 * `redirect_uri`). Never throws: a missing, empty, repeated, over-long (code > 2048 bytes) or
 * non-printable field, or a `code_verifier` outside RFC 7636 (43–128 of `[A-Za-z0-9-._~]`),
 * gives `invalid_request` (400) whose description names the field and why. Unknown fields
 * (`grant_type`, …) are ignored.
 *
 * @example
 * ```ts
 * const parsed = parseSwapRequest(new URLSearchParams('code=AQDy8xMhKNA'));
 * if (!parsed.ok) return reply.code(parsed.error.status).send(parsed.error.toJSON());
 * parsed.value.code; // 'AQDy8xMhKNA'
 * ```
 */
export function parseSwapRequest(form: FormInput): Result<SwapRequest> {
  if (!isFormLike(form)) {
    return fail(new TokenSwapError('invalid_request', 'request body must be a form'));
  }
  const code = readTextField(form, 'code', { maxBytes: FIELD_LIMITS.code }, true);
  if (!code.ok) return fail(code.error);
  const verifier = readTextField(
    form,
    'code_verifier',
    { maxBytes: FIELD_LIMITS.code_verifier },
    false,
  );
  if (!verifier.ok) return fail(verifier.error);
  if (verifier.value !== undefined && !CODE_VERIFIER.test(verifier.value)) {
    return fail(
      invalidField('code_verifier', 'must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)'),
    );
  }
  const clientId = readTextField(form, 'client_id', { maxBytes: FIELD_LIMITS.client_id }, false);
  if (!clientId.ok) return fail(clientId.error);
  const redirectUri = readTextField(
    form,
    'redirect_uri',
    { maxBytes: FIELD_LIMITS.redirect_uri },
    false,
  );
  if (!redirectUri.ok) return fail(redirectUri.error);
  if (redirectUri.value !== undefined && !URL.canParse(redirectUri.value)) {
    return fail(invalidField('redirect_uri', 'must be an absolute URI'));
  }
  const request: SwapRequest = { code: code.value as string };
  if (verifier.value !== undefined) request.codeVerifier = verifier.value;
  if (clientId.value !== undefined) request.clientId = clientId.value;
  if (redirectUri.value !== undefined) request.redirectUri = redirectUri.value;
  return ok(request);
}
