import { TOKEN_ERRORS } from '../errors.js';
import { fail, type Grant, type GrantContext, type GrantResult } from './grant.js';
import { issueAccessToken } from './issue-tokens.js';

function handler(ctx: GrantContext): GrantResult {
  // An app token needs the secret; PKCE clients cannot use this grant.
  if (ctx.clientAuth === 'pkce') return fail(TOKEN_ERRORS.invalidClient);
  const access = issueAccessToken(ctx.state, { clientId: ctx.client.id, scopes: [] });
  // Spotify's client-credentials answer carries no scope and no refresh token.
  return {
    ok: true,
    body: { access_token: access.accessToken, token_type: 'Bearer', expires_in: access.expiresIn },
  };
}

/** `grant_type=client_credentials`: an app-only access token (no user, no /v1/me). */
export const clientCredentialsGrant: Grant = {
  grantType: 'client_credentials',
  parameters: [],
  handler,
};
