import type { TokenSet } from '../upstream/types.js';
import type { TokenRefreshResponse, TokenSwapResponse } from './types.js';

/**
 * Headers every token answer carries (RFC 6749 §5.1): tokens must not be cached.
 *
 * @example
 * ```ts
 * reply.headers(TOKEN_RESPONSE_HEADERS).send(toSwapResponse(tokens, sealed));
 * ```
 */
export const TOKEN_RESPONSE_HEADERS: Readonly<{ 'cache-control': 'no-store'; pragma: 'no-cache' }> =
  Object.freeze({ 'cache-control': 'no-store', pragma: 'no-cache' });

/**
 * The swap answer: upstream tokens with the sealed refresh token in place of the real one.
 *
 * @example
 * ```ts
 * const body = toSwapResponse(tokens, await sealRefreshToken(tokens.refreshToken!, keyring, ctx));
 * ```
 */
export function toSwapResponse(tokens: TokenSet, sealedRefreshToken: string): TokenSwapResponse {
  return {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
    expires_in: tokens.expiresIn,
    refresh_token: sealedRefreshToken,
    scope: tokens.scope,
  };
}

/**
 * The refresh answer; carries `refresh_token` only when a (sealed) rotated token is given.
 *
 * @example
 * ```ts
 * const body = toRefreshResponse(tokens); // no rotation
 * ```
 */
export function toRefreshResponse(
  tokens: TokenSet,
  sealedRefreshToken?: string,
): TokenRefreshResponse {
  const body: TokenRefreshResponse = {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
    expires_in: tokens.expiresIn,
    scope: tokens.scope,
  };
  if (sealedRefreshToken !== undefined) body.refresh_token = sealedRefreshToken;
  return body;
}
