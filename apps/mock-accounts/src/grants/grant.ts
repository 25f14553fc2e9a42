import type { MockClient } from '../config.js';
import type { TokenError } from '../errors.js';
import type { MockState } from '../state/mock-state.js';

/** How the client proved who it is on /api/token. */
export type ClientAuthKind = 'basic' | 'body' | 'pkce';

/** What a grant handler gets: the authenticated client and the request's parameters. */
export interface GrantContext {
  readonly state: MockState;
  readonly client: Readonly<MockClient>;
  readonly clientAuth: ClientAuthKind;
  readonly params: Readonly<Record<string, string | undefined>>;
}

/** A successful token answer, in Spotify's field order. */
export interface TokenSuccessBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}

/** A grant's answer: tokens or one of Spotify's errors. */
export type GrantResult = { ok: true; body: TokenSuccessBody } | { ok: false; error: TokenError };

/** One grant type of /api/token (node-oidc-provider style: one file per grant). */
export interface Grant {
  readonly grantType: string;
  /** The parameters the grant reads, besides grant_type and client authentication. */
  readonly parameters: readonly string[];
  readonly handler: (ctx: GrantContext) => GrantResult;
}

/** Shorthand for a failed grant. */
export const fail = (error: TokenError): GrantResult => ({ ok: false, error });
