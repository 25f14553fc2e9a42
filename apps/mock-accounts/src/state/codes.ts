import { BoundedStore } from './bounded-store.js';

/** An authorization code waiting to be exchanged. Single-use: deleted when exchanged. */
export interface CodeRecord {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  /** S256 challenge given at /authorize; the exchange must then prove the verifier. */
  readonly codeChallenge?: string;
  /** Per-code rotation switch; overrides the `rotation` mode for this grant's refresh tokens. */
  readonly rotate?: boolean;
  /** When the user approved; the refresh token's lifetime is counted from here. */
  readonly authorizedAt: number;
  readonly expiresAt: number;
}

/**
 * The code store. Expired codes are kept for one more code lifetime so an exchange can be
 * answered "Authorization code expired" (Spotify's wording) rather than "Invalid".
 */
export function createCodeStore(options: { max: number; ttlSeconds: number }) {
  return new BoundedStore<CodeRecord>({ max: options.max, retentionMs: options.ttlSeconds * 1000 });
}
