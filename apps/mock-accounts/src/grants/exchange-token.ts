import { TOKEN_ERRORS, type TokenError } from '../errors.js';
import type { JournalEntry } from '../journal.js';
import type { MockState } from '../state/mock-state.js';
import { authorizationCodeGrant } from './authorization-code.js';
import { authenticateClient } from './client-auth.js';
import { clientCredentialsGrant } from './client-credentials.js';
import type { Grant, TokenSuccessBody } from './grant.js';
import { refreshTokenGrant } from './refresh-token.js';

/** The grants /api/token understands, by grant_type. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map(
  [authorizationCodeGrant, refreshTokenGrant, clientCredentialsGrant].map((g) => [g.grantType, g]),
);

/** A token request after parsing: single-valued parameters (body and query merged). */
export interface TokenRequest {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly authorization?: string;
}

/** The answer to a token request plus what the journal may know about it (no secrets). */
export interface TokenOutcome {
  readonly status: number;
  readonly body: TokenSuccessBody | TokenError['body'];
  readonly audit: Pick<
    JournalEntry,
    'grantType' | 'clientAuth' | 'clientId' | 'redirectUri' | 'hasCode' | 'hasCodeVerifier'
  >;
}

/**
 * Answers one /api/token request: grant type, client authentication, then the grant. The HTTP
 * route only parses and sends; this is also what the store-bounds test drives 100k times.
 *
 * @example
 * const outcome = exchangeToken(state, { params: { grant_type: 'client_credentials' },
 *   authorization: 'Basic ' + btoa('id:secret') });
 */
export function exchangeToken(state: MockState, request: TokenRequest): TokenOutcome {
  const { params } = request;
  const audit: TokenOutcome['audit'] = {
    ...(params.grant_type === undefined ? {} : { grantType: params.grant_type.slice(0, 64) }),
    clientAuth: 'none',
    ...(params.redirect_uri === undefined ? {} : { redirectUri: params.redirect_uri }),
    hasCode: params.code !== undefined,
    hasCodeVerifier: params.code_verifier !== undefined,
  };
  const failWith = (
    error: TokenError,
    more: Partial<TokenOutcome['audit']> = {},
  ): TokenOutcome => ({
    status: error.status,
    body: error.body,
    audit: { ...audit, ...more },
  });

  if (params.grant_type === undefined) return failWith(TOKEN_ERRORS.grantTypeMissing);
  const grant = GRANTS.get(params.grant_type);
  if (!grant) return failWith(TOKEN_ERRORS.grantTypeUnsupported);

  const auth = authenticateClient(state, request.authorization, params);
  if (!auth.ok) {
    return failWith(auth.error, {
      clientAuth: auth.kind,
      ...(auth.clientId === undefined ? {} : { clientId: auth.clientId }),
    });
  }
  const authAudit = { clientAuth: auth.kind, clientId: auth.client.id };
  const result = grant.handler({ state, client: auth.client, clientAuth: auth.kind, params });
  if (!result.ok) return failWith(result.error, authAudit);
  return { status: 200, body: result.body, audit: { ...audit, ...authAudit } };
}
