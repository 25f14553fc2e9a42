import type { FastifyInstance } from 'fastify';
import type { MockUser } from '../config.js';
import { WEB_API_ERRORS, type WebApiError } from '../errors.js';
import type { MockState } from '../state/mock-state.js';
import { faultHook } from './apply-fault.js';

/** The profile /v1/me returns, in Spotify's shape; scopes decide which fields appear. */
export function profileOf(user: Readonly<MockUser>, scopes: readonly string[]) {
  const privateScope = scopes.includes('user-read-private');
  return {
    ...(privateScope ? { country: user.country } : {}),
    display_name: user.displayName,
    ...(scopes.includes('user-read-email') ? { email: user.email } : {}),
    ...(privateScope ? { explicit_content: { filter_enabled: false, filter_locked: false } } : {}),
    external_urls: { spotify: `https://open.spotify.com/user/${encodeURIComponent(user.id)}` },
    followers: { href: null, total: 0 },
    href: `https://api.spotify.com/v1/users/${encodeURIComponent(user.id)}`,
    id: user.id,
    images: [],
    ...(privateScope ? { product: user.product } : {}),
    type: 'user',
    uri: `spotify:user:${user.id}`,
  };
}

type Lookup = { ok: true; user: Readonly<MockUser>; scopes: readonly string[] } | WebApiError;

function lookUp(state: MockState, authorization: string | undefined): Lookup {
  if (authorization === undefined) return WEB_API_ERRORS.noToken;
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
  if (!match?.[1]) return WEB_API_ERRORS.badAuthorization;
  const now = state.clock.now();
  const record = state.accessTokens.get(match[1], now);
  if (!record) return WEB_API_ERRORS.invalidToken;
  if (now >= record.expiresAt) return WEB_API_ERRORS.tokenExpired;
  const user = state.findUser(record.userId);
  if (!user) return WEB_API_ERRORS.needsUser;
  return { ok: true, user, scopes: record.scopes };
}

/** GET /v1/me: the signed-in test user behind a Bearer access token. */
export async function meRoutes(
  app: FastifyInstance,
  opts: { state: MockState; signal: AbortSignal },
) {
  app.get(
    '/v1/me',
    { onRequest: faultHook(opts.state, 'me', opts.signal) },
    async (request, reply) => {
      const result = lookUp(opts.state, request.headers.authorization);
      if ('ok' in result) return reply.send(profileOf(result.user, result.scopes));
      const headers = result.status === 401 ? { 'www-authenticate': 'Bearer realm="spotify"' } : {};
      return reply.code(result.status).headers(headers).send(result.body);
    },
  );
}
