import {
  fail,
  invalidRefreshTokenError,
  type Keyring,
  ok,
  type Result,
  sealRefreshToken,
  type TokenSet,
} from '@tokenswap/core';
import type { ReferenceStore, StoredEntry } from '../store.js';
import { isStoreUnavailable } from '../store-unavailable.js';
import { sealResult, tokenContext } from './seal-contexts.js';

/** What a successful upstream refresh leaves to write. */
export interface CommitInput {
  store: ReferenceStore;
  keyring: Keyring;
  /** The entry as read under the lock. */
  entry: StoredEntry;
  /** Spotify's new refresh token, when it rotated. */
  rotated: string | undefined;
  /** The tokens to answer with (no refresh token). */
  tokens: TokenSet;
  now: number;
  reuseMs: number;
}

const WRITE_ATTEMPTS = 3;
const WRITE_RETRY_MS = 100;

/**
 * Writes a refresh's outcome: the rotated token (sealed) replaces the old one, and the tokens are
 * kept sealed for `reuseMs` for callers on other replicas that waited. Compare-and-set on the
 * version read under the lock.
 *
 * A rotated token exists nowhere else — Spotify has already revoked the old one — so a write that
 * fails because the store blipped is retried a few times before the outage is reported; losing it
 * would log the user out at the next refresh.
 */
export async function commitRefresh(input: CommitInput): Promise<Result<TokenSet>> {
  const { store, keyring, entry, tokens, now } = input;
  const sealedToken =
    input.rotated === undefined
      ? entry.sealedToken
      : await sealRefreshToken(input.rotated, keyring, tokenContext(entry.clientId, entry.key));
  const sealedResult = await sealResult(tokens, now, keyring, entry.clientId, entry.key);
  const update = { sealedToken, sealedResult, resultExpiresAt: now + input.reuseMs };
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (await store.replaceToken(entry.key, update, entry.version)) return ok(tokens);
      break;
    } catch (error) {
      if (!isStoreUnavailable(error) || attempt >= WRITE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS));
    }
  }
  // Not written: the handle was revoked while Spotify answered (then it stays revoked), or our
  // lock expired and another refresh committed first (then its token is the one kept). The
  // access token is valid either way, but a revoked handle must not keep working.
  return (await store.get(entry.key)) === undefined ? fail(invalidRefreshTokenError()) : ok(tokens);
}
