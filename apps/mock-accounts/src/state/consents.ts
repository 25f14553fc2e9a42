import { BoundedStore } from './bounded-store.js';

/**
 * A pending /authorize request, kept server-side while the consent page is shown. The page's
 * form carries only its id, so the client, redirect URI, scopes and challenge cannot be
 * tampered with between the page and Agree/Cancel.
 */
export interface ConsentRecord {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state?: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly expiresAt: number;
}

/** How long a consent page can stay open before Agree/Cancel is refused. */
export const CONSENT_TTL_MS = 3_600_000;

/** The consent store; single-use entries, purged at expiry. */
export function createConsentStore(options: { max: number }) {
  return new BoundedStore<ConsentRecord>({ max: options.max, retentionMs: 0 });
}
