import { BoundedStore } from './bounded-store.js';

/** An access token the mock issued. Client-credentials tokens have no user. */
export interface AccessTokenRecord {
  readonly clientId: string;
  readonly userId?: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

/** A refresh token the mock issued. Revoked ones stay (flagged) to answer "revoked". */
export interface RefreshTokenRecord {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  /** When the user authorized; refreshing never moves this (nor `expiresAt`). */
  readonly authorizedAt: number;
  readonly expiresAt: number;
  /** Issued through a PKCE grant: rotates under `rotation: 'pkce'`. */
  readonly pkce: boolean;
  /** The per-code rotation switch of the grant, if one was set; wins over `rotation`. */
  readonly rotate?: boolean;
  revoked: boolean;
}

const ONE_DAY_MS = 86_400_000;

/** Access tokens, kept one extra lifetime after expiry so /v1/me can say "expired". */
export function createAccessTokenStore(options: { max: number; ttlSeconds: number }) {
  return new BoundedStore<AccessTokenRecord>({
    max: options.max,
    retentionMs: options.ttlSeconds * 1000,
  });
}

/** Refresh tokens, purged one day after their (6-month) expiry. */
export function createRefreshTokenStore(options: { max: number }) {
  return new BoundedStore<RefreshTokenRecord>({ max: options.max, retentionMs: ONE_DAY_MS });
}
