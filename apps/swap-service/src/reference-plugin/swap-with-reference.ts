import { type TokenSet, type TokenSwapResponse, toSwapResponse } from '@tokenswap/core';
import type { AppContext } from '../app-context.js';
import type { ReferenceTokens } from '../reference/reference-tokens.js';

/**
 * The end of `/swap` in reference mode: Spotify's refresh token goes into the store and the app
 * gets a handle as its `refresh_token`. The user authorized just now (the code was minutes old),
 * so the lifetime counts from here. A store outage throws 503 `temporarily_unavailable`; the
 * code is spent by then, so the app has to authorize again — the price of a down store. The
 * handle is bound to `clientId`: another app's id does not refresh it.
 *
 * @example
 * ```ts
 * return swapWithReference(ctx, reference, tokens.value, tokens.value.refreshToken);
 * ```
 */
export async function swapWithReference(
  ctx: AppContext,
  reference: ReferenceTokens,
  tokens: TokenSet,
  refreshToken: string,
  clientId: string,
): Promise<TokenSwapResponse> {
  const created = await reference.create({
    clientId,
    refreshToken,
    authorizedAt: ctx.now(),
  });
  if (!created.ok) throw created.error;
  return toSwapResponse(tokens, created.value);
}
