import { refreshFlow, type TokenRefreshResponse, type UnsealedToken } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { LegacyFormat } from '../metrics.js';
import { isHandle } from '../reference/handle.js';
import { refreshWithHandle } from '../reference/refresh-with-handle.js';
import { flowDeps } from './flow-deps.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readForm } from './read-form.js';
import { refreshRouteSchema } from './schemas.js';

/**
 * Trades a sealed refresh token for a fresh access token with core's `refreshFlow`. The service
 * adds two token kinds: reference-mode handles (refreshed through the store) and, when legacy
 * secrets are configured, the formats of the servers tokenswap replaces. A legacy token, or one
 * sealed under a key other than the primary, is answered with a newly sealed token, so the app
 * moves onto the primary key; refreshes are counted per key id for key retirement.
 */
export async function refresh(ctx: AppContext, body: unknown): Promise<TokenRefreshResponse> {
  const outcome = await refreshFlow(readForm(body), flowDeps(ctx, 'refresh_token'), {
    // The store checks the handle's client id; sealed (and legacy) tokens from before the
    // switch to reference mode go on through the sealed flow.
    refreshOther: (posted, app) =>
      ctx.reference !== undefined && isHandle(posted)
        ? refreshWithHandle(ctx, ctx.reference, posted, app)
        : undefined,
    ...(ctx.legacy === undefined ? {} : { openUnsealed: (posted) => openLegacy(ctx, posted) }),
  });
  if (!outcome.ok) throw outcome.error;
  const { keyId, legacyFormat } = outcome.value;
  if (legacyFormat !== undefined) {
    ctx.metrics.legacyRefreshes.inc({ format: legacyFormat as LegacyFormat });
  }
  if (keyId !== undefined) ctx.metrics.sealedRefreshes.inc({ key_id: keyId });
  return outcome.value.body;
}

function openLegacy(ctx: AppContext, posted: string): UnsealedToken | undefined {
  try {
    const result = ctx.legacy?.open(posted);
    return result?.ok === true
      ? { refreshToken: result.refreshToken, format: result.format }
      : undefined;
  } catch {
    // An opener bug must read as "does not open", never as a 500 carrying token detail.
    return undefined;
  }
}

/** Registers `POST <path>` for the refresh at each path (the configured one, the compat one). */
export function registerRefreshRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  paths: readonly string[],
): void {
  for (const url of paths) {
    app.post(url, { schema: refreshRouteSchema }, async (request) => refresh(ctx, request.body));
    methodNotAllowed(app, url, ctx.config.corsOrigins.length > 0);
  }
}
