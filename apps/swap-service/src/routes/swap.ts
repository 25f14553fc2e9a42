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
import { swapWithReference } from '../reference/swap-with-reference.js';
import { callTokenEndpoint } from '../upstream/call-token-endpoint.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { readForm } from './read-form.js';
import { swapRouteSchema } from './schemas.js';

/**
 * Trades an authorization code for tokens: parse the form, exchange the code at the accounts
 * service, seal the refresh token, answer. Never retried — a code is single-use.
 */
export async function swap(ctx: AppContext, body: unknown): Promise<TokenSwapResponse> {
  const { config } = ctx;
  const parsed = parseSwapRequest(readForm(body));
  if (!parsed.ok) throw parsed.error;
  const request = parsed.value;
  // One app per service for now: a client_id or redirect_uri naming another one is refused
  // rather than exchanged with the wrong credentials or redirect URI.
  if (request.clientId !== undefined && request.clientId !== config.client.clientId) {
    throw new TokenSwapError('invalid_request', 'client_id is not served by this service');
  }
  if (request.redirectUri !== undefined && request.redirectUri !== config.redirectUri) {
    throw new TokenSwapError('invalid_request', 'redirect_uri is not allowed by this service');
  }
  const tokens = await callTokenEndpoint(
    ctx,
    'authorization_code',
    buildAuthorizationCodeRequest({
      accountsUrl: config.accountsUrl,
      client: config.client,
      code: request.code,
      redirectUri: config.redirectUri,
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
  if (ctx.reference !== undefined) {
    return swapWithReference(ctx, ctx.reference, tokens.value, tokens.value.refreshToken);
  }
  const sealed = await sealRefreshToken(tokens.value.refreshToken, ctx.keyring, {
    clientId: config.client.clientId,
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
