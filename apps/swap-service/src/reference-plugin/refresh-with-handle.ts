import {
  buildRefreshTokenRequest,
  type ClientCredentials,
  type TokenRefreshResponse,
  toRefreshResponse,
} from '@tokenswap/core';
import type { AppContext } from '../app-context.js';
import type { ReferenceTokens } from '../reference/reference-tokens.js';
import { callTokenEndpoint } from '../upstream/call-token-endpoint.js';

/**
 * `/refresh` for a handle: the stored token is refreshed at the accounts service (once, however
 * many callers and replicas ask at the same moment) and replaced when it rotates. The answer has
 * no `refresh_token`: the handle stays valid, which is what apps that ignore a new refresh token
 * need. Errors are thrown as `TokenSwapError`s for the error handler. `client` is the app the
 * request is for; a handle stored for another app is `invalid_grant`.
 *
 * @example
 * ```ts
 * if (isHandle(posted)) return refreshWithHandle(ctx, reference, posted);
 * ```
 */
export async function refreshWithHandle(
  ctx: AppContext,
  reference: ReferenceTokens,
  handle: string,
  client: Readonly<ClientCredentials>,
): Promise<TokenRefreshResponse> {
  const { config } = ctx;
  const result = await reference.refresh(handle, client.clientId, (refreshToken) =>
    callTokenEndpoint(
      ctx,
      'refresh_token',
      buildRefreshTokenRequest({
        accountsUrl: config.accountsUrl,
        client,
        refreshToken,
      }),
    ),
  );
  if (!result.ok) throw result.error;
  return toRefreshResponse(result.value);
}
