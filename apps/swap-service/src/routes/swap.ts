import {
  buildAuthorizationCodeRequest,
  parseSwapRequest,
  sealRefreshToken,
  TokenSwapError,
  type TokenSwapResponse,
  toSwapResponse,
} from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { allowedRedirectUri, selectApp } from '../apps/select-app.js';
import { swapWithReference } from '../reference/swap-with-reference.js';
import { callTokenEndpoint } from '../upstream/call-token-endpoint.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readForm } from './read-form.js';
import { swapRouteSchema } from './schemas.js';

/**
 * Trades an authorization code for tokens: parse the form, pick the app (`client_id`, see
 * `selectApp`) and its redirect URI, exchange the code at the accounts service with that app's
 * credentials, seal (or store) the refresh token under the app's client id, answer. Never
 * retried — a code is single-use.
 */
export async function swap(ctx: AppContext, body: unknown): Promise<TokenSwapResponse> {
  const { config } = ctx;
  const parsed = parseSwapRequest(readForm(body));
  if (!parsed.ok) throw parsed.error;
  const request = parsed.value;
  // A client_id or redirect_uri naming another app is refused before the accounts service is
  // called, rather than exchanged with the wrong credentials or redirect URI.
  const app = selectApp(config.apps, request.clientId);
  const redirectUri = allowedRedirectUri(app, request.redirectUri);
  if (app.pkceOnly && request.codeVerifier === undefined) {
    throw new TokenSwapError('invalid_request', 'code_verifier is required for this client (PKCE)');
  }
  const client = { clientId: app.clientId, clientSecret: app.clientSecret };
  const tokens = await callTokenEndpoint(
    ctx,
    'authorization_code',
    buildAuthorizationCodeRequest({
      accountsUrl: config.accountsUrl,
      client,
      code: request.code,
      redirectUri,
      ...(request.codeVerifier === undefined ? {} : { codeVerifier: request.codeVerifier }),
    }),
  );
  if (!tokens.ok) throw tokens.error;
  if (tokens.value.refreshToken === undefined) {
    throw new TokenSwapError(
      'server_error',
      'The accounts service answered without a refresh_token',
      {
        status: 502,
      },
    );
  }
  if (app.mode === 'reference' && ctx.reference !== undefined) {
    return swapWithReference(
      ctx,
      ctx.reference,
      tokens.value,
      tokens.value.refreshToken,
      app.clientId,
    );
  }
  const sealed = await sealRefreshToken(tokens.value.refreshToken, ctx.keyring, {
    clientId: app.clientId,
  });
  return toSwapResponse(tokens.value, sealed);
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
