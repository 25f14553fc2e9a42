import { fail, ok, type Result, TokenSwapError } from '../errors.js';
import { decodeBase64Url } from '../internal/base64url.js';
import { strictUtf8Decoder } from '../internal/text.js';
import {
  additionalData,
  IV_BYTES,
  MAX_SEALED_LENGTH,
  SEALED_PATTERN,
  TAG_BYTES,
} from './format.js';
import { type Keyring, keyringInternals } from './keyring.js';
import { bindingOf, type SealContext } from './seal-context.js';

/**
 * The one answer to every token that does not open: which check failed is never told.
 *
 * @example
 * ```ts
 * invalidRefreshTokenError().toJSON(); // { error: 'invalid_grant', error_description: 'Invalid refresh token' }
 * ```
 */
export function invalidRefreshTokenError(): TokenSwapError {
  return new TokenSwapError('invalid_grant', 'Invalid refresh token');
}

/**
 * Opens a sealed refresh token for `context` (its client id and, if any, `boundTo`). Anything malformed, truncated,
 * tampered, sealed with an unknown key id or for another client id gives the same
 * `invalid_grant` "Invalid refresh token" (400). Never throws.
 *
 * @example
 * ```ts
 * const opened = await openRefreshToken(request.refreshToken, keyring, { clientId });
 * if (!opened.ok) return reply.code(400).send(opened.error.toJSON());
 * ```
 */
export async function openRefreshToken(
  sealed: string,
  keyring: Keyring,
  context: SealContext,
): Promise<Result<string>> {
  try {
    if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH) return rejected();
    const binding = bindingOf(context);
    if (binding === undefined) return rejected();
    const match = SEALED_PATTERN.exec(sealed);
    if (match === null) return rejected();
    const keyId = match[1] as string;
    const inside = keyringInternals(keyring);
    const key = inside?.keys.get(keyId);
    if (inside === undefined || key === undefined) return rejected();
    const payload = decodeBase64Url(match[2] as string);
    if (payload === undefined || payload.length < IV_BYTES + TAG_BYTES) return rejected();
    const plain = await inside.aesGcm.decrypt(
      key,
      payload.subarray(0, IV_BYTES),
      additionalData(keyId, binding),
      payload.subarray(IV_BYTES),
    );
    return ok(strictUtf8Decoder.decode(plain));
  } catch {
    return rejected();
  }
}

function rejected(): Result<string> {
  return fail(invalidRefreshTokenError());
}
