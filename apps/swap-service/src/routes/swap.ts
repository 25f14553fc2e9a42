import { sealRefreshToken, swapFlow, type TokenSwapResponse } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { swapWithReference } from '../reference/swap-with-reference.js';
import { flowDeps } from './flow-deps.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readForm } from './read-form.js';
import { swapRouteSchema } from './schemas.js';

/**
 * Trades an authorization code for tokens with core's `swapFlow` (parse, pick the app and its
 * redirect URI, exchange, seal). An app in reference mode keeps Spotify's refresh token in the
 * store instead and gets a handle. Never retried — a code is single-use.
 */
export async function swap(ctx: AppContext, body: unknown): Promise<TokenSwapResponse> {
  const outcome = await swapFlow(readForm(body), flowDeps(ctx, 'authorization_code'), {
    keepRefreshToken: async (refreshToken, app, tokens) => {
      const reference = app.mode === 'reference' ? ctx.reference : undefined;
      if (reference === undefined) {
        return sealRefreshToken(refreshToken, ctx.keyring, { clientId: app.clientId });
      }
      const answer = await swapWithReference(ctx, reference, tokens, refreshToken, app.clientId);
      return answer.refresh_token;
    },
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value.body;
}

/** Registers `POST <path>` for the swap at each path (the configured one, the compat one). */
export function registerSwapRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  paths: readonly string[],
): void {
  for (const url of paths) {
    app.post(url, { schema: swapRouteSchema }, async (request) => swap(ctx, request.body));
    methodNotAllowed(app, url, ctx.config.corsOrigins.length > 0);
  }
}
