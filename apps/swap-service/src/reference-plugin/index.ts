import type { StoredTokenKind } from '../app-context.js';
import { isHandle } from '../reference/handle.js';
import type { ReferenceTokens } from '../reference/reference-tokens.js';
import { refreshWithHandle } from './refresh-with-handle.js';
import { swapWithReference } from './swap-with-reference.js';

/**
 * Reference mode's HTTP side, one entry: the handles as a {@link StoredTokenKind} for the swap and
 * refresh routes, and `POST /revoke`. `app.ts` wires it in only when reference mode is
 * configured; the store domain itself is `src/reference/`.
 */
export { registerRevokeRoutes, revokeRouteSchema } from './revoke-route.js';

/**
 * The handles of `reference` as a token kind: a swap for a reference-mode client stores
 * Spotify's refresh token and answers a handle; a posted handle is refreshed through the store.
 *
 * @example
 * ```ts
 * const ctx = { ...rest, handles: reference && handleTokenKind(reference.tokens) };
 * ```
 */
export function handleTokenKind(reference: ReferenceTokens): StoredTokenKind {
  return {
    owns: isHandle,
    keep: async (ctx, refreshToken, client, tokens) =>
      (await swapWithReference(ctx, reference, tokens, refreshToken, client.clientId))
        .refresh_token,
    refresh: (ctx, posted, client) => refreshWithHandle(ctx, reference, posted, client),
  };
}
