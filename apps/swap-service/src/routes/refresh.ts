import {
  buildRefreshTokenRequest,
  looksSealed,
  openRefreshToken,
  parseRefreshRequest,
  sealRefreshToken,
  type TokenRefreshResponse,
  TokenSwapError,
  toRefreshResponse,
} from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { selectApp } from '../apps/select-app.js';
import type { LegacyFormat } from '../metrics.js';
import { isHandle } from '../reference/handle.js';
import { refreshWithHandle } from '../reference/refresh-with-handle.js';
import { callTokenEndpoint } from '../upstream/call-token-endpoint.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readForm } from './read-form.js';
import { refreshRouteSchema } from './schemas.js';

/** The real refresh token behind the posted one, and the legacy format it came in, if any. */
interface OpenedToken {
  refreshToken: string;
  legacyFormat: LegacyFormat | undefined;
}

/**
 * Trades a sealed refresh token for a fresh access token. A token not in tokenswap's sealed
 * format is tried with the legacy openers when legacy secrets are configured; such a refresh
 * always answers with a newly sealed token, so the app moves off the legacy format. The app is
 * the one `client_id` names (see `selectApp`); a token sealed or stored for another app does not
 * open under its client id (`invalid_grant`).
 */
export async function refresh(ctx: AppContext, body: unknown): Promise<TokenRefreshResponse> {
  const { config } = ctx;
  const parsed = parseRefreshRequest(readForm(body));
  if (!parsed.ok) throw parsed.error;
  const app = selectApp(config.apps, parsed.value.clientId);
  const client = { clientId: app.clientId, clientSecret: app.clientSecret };
  // Reference mode: a handle is refreshed through the store; sealed (and legacy) tokens from
  // before the switch keep working below. The store checks the handle's client id.
  if (ctx.reference !== undefined && isHandle(parsed.value.refreshToken)) {
    return refreshWithHandle(ctx, ctx.reference, parsed.value.refreshToken, client);
  }
  const opened = await openPosted(ctx, parsed.value.refreshToken, app.clientId);
  const tokens = await callTokenEndpoint(
    ctx,
    'refresh_token',
    buildRefreshTokenRequest({
      accountsUrl: config.accountsUrl,
      client,
      refreshToken: opened.refreshToken,
    }),
  );
  if (!tokens.ok) throw tokens.error;
  // Seal the rotated token; a legacy token is resealed even without rotation.
  const toSeal =
    tokens.value.refreshToken ?? (opened.legacyFormat ? opened.refreshToken : undefined);
  const sealed =
    toSeal === undefined
      ? undefined
      : await sealRefreshToken(toSeal, ctx.keyring, { clientId: app.clientId });
  if (opened.legacyFormat !== undefined) {
    ctx.metrics.legacyRefreshes.inc({ format: opened.legacyFormat });
  }
  return toRefreshResponse(tokens.value, sealed);
}

async function openPosted(ctx: AppContext, posted: string, clientId: string): Promise<OpenedToken> {
  if (ctx.legacy === undefined || looksSealed(posted)) {
    const opened = await openRefreshToken(posted, ctx.keyring, { clientId });
    if (!opened.ok) throw opened.error;
    return { refreshToken: opened.value, legacyFormat: undefined };
  }
  const legacy = openLegacy(ctx, posted);
  if (legacy === undefined) throw new TokenSwapError('invalid_grant', 'Invalid refresh token');
  return legacy;
}

function openLegacy(ctx: AppContext, posted: string): OpenedToken | undefined {
  try {
    const result = ctx.legacy?.open(posted);
    return result?.ok === true
      ? { refreshToken: result.refreshToken, legacyFormat: result.format }
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
