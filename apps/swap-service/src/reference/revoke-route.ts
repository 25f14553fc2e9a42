import { parseRefreshRequest } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { selectApp } from '../apps/select-app.js';
import { methodNotAllowed } from '../routes/method-not-allowed.js';
import { readForm } from '../routes/read-form.js';
import { isHandle } from './handle.js';
import type { ReferenceTokens } from './reference-tokens.js';

/** Where the revoke route is served. */
export const REVOKE_PATH = '/revoke';

const errorBody = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
} as const;

/** `200 {}` (nothing else may go out), errors as everywhere else. */
export const revokeRouteSchema = {
  response: {
    200: { type: 'object', properties: {}, additionalProperties: false },
    '4xx': errorBody,
    '5xx': errorBody,
  },
} as const;

/**
 * `POST /revoke` with form `refresh_token` (a handle, or a sealed token from sealed mode) and
 * `client_id` (required when the service serves several apps, as for `/refresh`): deletes a
 * handle's stored token. RFC 7009 §2.1: the token must have been issued to the client asking —
 * a handle of another app is refused with `400 invalid_grant` and stays. Otherwise idempotent:
 * `200 {}` whether or not the handle existed, and for a sealed token too (nothing is stored for
 * it; rotate keys to invalidate sealed tokens). A missing or malformed field is
 * `400 invalid_request`; a store outage `503 temporarily_unavailable`.
 *
 * @example
 * ```ts
 * if (ctx.reference !== undefined) registerRevokeRoutes(tokenRoutes, ctx, ctx.reference);
 * ```
 */
export function registerRevokeRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  reference: ReferenceTokens,
  paths: readonly string[] = [REVOKE_PATH],
): void {
  for (const url of paths) {
    app.post(url, { schema: revokeRouteSchema }, async (request) => {
      const parsed = parseRefreshRequest(readForm(request.body));
      if (!parsed.ok) throw parsed.error;
      const { clientId, refreshToken } = parsed.value;
      // The app is chosen as for /refresh: the one client_id names, or the only one.
      const app = selectApp(ctx.config.apps, clientId);
      if (isHandle(refreshToken)) {
        const revoked = await reference.revoke(refreshToken, app.clientId);
        if (!revoked.ok) throw revoked.error;
      }
      return {};
    });
    methodNotAllowed(app, url, ctx.config.corsOrigins.length > 0);
  }
}
