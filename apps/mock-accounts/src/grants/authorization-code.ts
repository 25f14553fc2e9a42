import { TOKEN_ERRORS } from '../errors.js';
import { fail, type Grant, type GrantContext, type GrantResult } from './grant.js';
import { issueAccessToken, issueRefreshToken } from './issue-tokens.js';
import { verifyS256 } from './pkce.js';

/** The PKCE rules: a code with a challenge needs its verifier; a client without secret too. */
function checkPkce(ctx: GrantContext, codeChallenge: string | undefined): GrantResult | undefined {
  const verifier = ctx.params.code_verifier;
  if (codeChallenge === undefined && ctx.clientAuth !== 'pkce') return undefined;
  if (verifier === undefined) return fail(TOKEN_ERRORS.verifierRequired);
  if (codeChallenge === undefined || !verifyS256(verifier, codeChallenge)) {
    return fail(TOKEN_ERRORS.verifierIncorrect);
  }
  return undefined;
}

function handler(ctx: GrantContext): GrantResult {
  const { state, client, params } = ctx;
  const now = state.clock.now();
  const code = params.code;
  const record = code === undefined ? undefined : state.codes.get(code, now);
  if (code === undefined || !record || record.clientId !== client.id) {
    return fail(TOKEN_ERRORS.invalidCode);
  }
  if (now >= record.expiresAt) {
    state.codes.delete(code);
    return fail(TOKEN_ERRORS.codeExpired);
  }
  if (params.redirect_uri !== record.redirectUri) return fail(TOKEN_ERRORS.invalidRedirectUri);
  const pkceFailure = checkPkce(ctx, record.codeChallenge);
  if (pkceFailure) return pkceFailure;

  // Single use: the code is gone once it has been exchanged.
  state.codes.delete(code);
  const access = issueAccessToken(state, {
    clientId: client.id,
    userId: record.userId,
    scopes: record.scopes,
  });
  const refreshToken = issueRefreshToken(state, {
    clientId: client.id,
    userId: record.userId,
    scopes: record.scopes,
    authorizedAt: record.authorizedAt,
    pkce: record.codeChallenge !== undefined,
    ...(record.rotate === undefined ? {} : { rotate: record.rotate }),
  });
  return {
    ok: true,
    body: {
      access_token: access.accessToken,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: refreshToken,
      scope: record.scopes.join(' '),
    },
  };
}

/** `grant_type=authorization_code`: trades a code (plus PKCE verifier) for tokens. */
export const authorizationCodeGrant: Grant = {
  grantType: 'authorization_code',
  parameters: ['code', 'redirect_uri', 'code_verifier'],
  handler,
};
