import { TOKEN_ERRORS } from '../errors.js';
import type { RefreshTokenRecord } from '../state/tokens.js';
import { fail, type Grant, type GrantContext, type GrantResult } from './grant.js';
import { issueAccessToken, issueRefreshToken } from './issue-tokens.js';

function shouldRotate(ctx: GrantContext, record: RefreshTokenRecord): boolean {
  // A grant minted with its own switch (`mintCode({ rotate })`) rotates, or not, whatever the mode.
  if (record.rotate !== undefined) return record.rotate;
  const mode = ctx.state.config.rotation;
  return mode === 'always' || (mode === 'pkce' && record.pkce);
}

function handler(ctx: GrantContext): GrantResult {
  const { state, client, params } = ctx;
  const now = state.clock.now();
  const token = params.refresh_token;
  const record = token === undefined ? undefined : state.refreshTokens.get(token, now);
  if (token === undefined || !record || record.clientId !== client.id) {
    return fail(TOKEN_ERRORS.invalidRefreshToken);
  }
  if (record.revoked) return fail(TOKEN_ERRORS.refreshTokenRevoked);
  // 6 months after the user authorized (verify: Spotify's exact wording for this case).
  if (now >= record.expiresAt) return fail(TOKEN_ERRORS.invalidRefreshToken);
  // Only tokens from a PKCE grant may be refreshed by client_id alone.
  if (ctx.clientAuth === 'pkce' && !record.pkce) return fail(TOKEN_ERRORS.invalidClient);

  const access = issueAccessToken(state, {
    clientId: client.id,
    userId: record.userId,
    scopes: record.scopes,
  });
  let rotated: string | undefined;
  if (shouldRotate(ctx, record)) {
    record.revoked = true;
    rotated = issueRefreshToken(state, {
      clientId: record.clientId,
      userId: record.userId,
      scopes: record.scopes,
      authorizedAt: record.authorizedAt,
      pkce: record.pkce,
      ...(record.rotate === undefined ? {} : { rotate: record.rotate }),
    });
  }
  return {
    ok: true,
    body: {
      access_token: access.accessToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      ...(rotated === undefined ? {} : { refresh_token: rotated }),
      scope: record.scopes.join(' '),
    },
  };
}

/** `grant_type=refresh_token`: a fresh access token; rotates per the code's `rotate` switch, else the `rotation` option. */
export const refreshTokenGrant: Grant = {
  grantType: 'refresh_token',
  parameters: ['refresh_token'],
  handler,
};
