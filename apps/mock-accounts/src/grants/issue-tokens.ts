import type { MockState } from '../state/mock-state.js';
import { randomToken } from '../state/random-token.js';

/** Issues an access token (3600 s by default); client-credentials tokens have no user. */
export function issueAccessToken(
  state: MockState,
  p: { clientId: string; userId?: string; scopes: readonly string[] },
): { accessToken: string; expiresIn: number } {
  const expiresIn = state.config.accessTokenTtlSeconds;
  const accessToken = randomToken('BQ', 96, state.config.randomBytes);
  state.accessTokens.set(accessToken, {
    clientId: p.clientId,
    ...(p.userId === undefined ? {} : { userId: p.userId }),
    scopes: p.scopes,
    expiresAt: state.clock.now() + expiresIn * 1000,
  });
  return { accessToken, expiresIn };
}

/**
 * Issues a refresh token that expires a fixed time after the user authorized — refreshing
 * (and rotating) never extends it, as with Spotify since 2026.
 */
export function issueRefreshToken(
  state: MockState,
  p: {
    clientId: string;
    userId: string;
    scopes: readonly string[];
    authorizedAt: number;
    pkce: boolean;
    rotate?: boolean;
  },
): string {
  const token = randomToken('AQ', 96, state.config.randomBytes);
  state.refreshTokens.set(token, {
    ...p,
    expiresAt: p.authorizedAt + state.config.refreshTokenLifetimeSeconds * 1000,
    revoked: false,
  });
  return token;
}
