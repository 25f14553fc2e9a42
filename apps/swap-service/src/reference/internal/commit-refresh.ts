import {
  fail,
  invalidRefreshTokenError,
  type Keyring,
  ok,
  type Result,
  sealRefreshToken,
  type TokenSet,
} from '@tokenswap/core';
import { ROTATED_WRITE_BUDGET_MS } from '../lock-lifetime.js';
import type { ReferenceStore, StoredEntry, TokenUpdate } from '../store.js';
import { isStoreUnavailable } from '../store-unavailable.js';
import { sealResult, tokenContext } from './seal-contexts.js';

/** What a successful upstream refresh leaves to write. */
export interface CommitInput {
  store: ReferenceStore;
  keyring: Keyring;
  /** The entry as read under the lock. */
  entry: StoredEntry;
  /** The refresh token the entry held (opened). */
  current: string;
  /** Spotify's new refresh token, when it rotated. */
  rotated: string | undefined;
  /** The tokens to answer with (no refresh token). */
  tokens: TokenSet;
  now: number;
  reuseMs: number;
}

const RETRY_MS = 100;

/**
 * Writes a refresh's outcome: the refresh token — rotated or not — is sealed anew under the
 * keyring's primary key (so retiring an old key does not wait for every handle's lifetime), and
 * the tokens are kept sealed for `reuseMs` for callers on other replicas that waited.
 * Compare-and-set on the version read under the lock.
 *
 * A rotated token exists nowhere else — Spotify has already revoked the old one — so its write is
 * retried through a store outage for up to {@link ROTATED_WRITE_BUDGET_MS} (a Redis failover)
 * before the outage is reported; losing it would log the user out. Without rotation nothing is
 * lost if the write fails: the caller gets its tokens and the entry keeps the old (valid) token.
 */
export async function commitRefresh(input: CommitInput): Promise<Result<TokenSet>> {
  const { store, keyring, entry, tokens, now } = input;
  const context = tokenContext(entry.clientId, entry.key);
  const sealedToken = await sealRefreshToken(input.rotated ?? input.current, keyring, context);
  const sealedResult = await sealResult(tokens, now, keyring, entry.clientId, entry.key);
  const update = { sealedToken, sealedResult, resultExpiresAt: now + input.reuseMs };
  const budgetMs = input.rotated === undefined ? 0 : ROTATED_WRITE_BUDGET_MS;
  try {
    if (await writeWithRetries(store, entry, update, budgetMs)) return ok(tokens);
    // Not written: the handle was revoked while Spotify answered (then it stays revoked), or our
    // lock expired and another refresh committed first (then its token is the one kept). The
    // access token is valid either way, but a revoked handle must not keep working.
    return (await store.get(entry.key)) === undefined
      ? fail(invalidRefreshTokenError())
      : ok(tokens);
  } catch (error) {
    if (input.rotated === undefined && isStoreUnavailable(error)) return ok(tokens);
    throw error;
  }
}

async function writeWithRetries(
  store: ReferenceStore,
  entry: StoredEntry,
  update: TokenUpdate,
  budgetMs: number,
): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      return await store.replaceToken(entry.key, update, entry.version);
    } catch (error) {
      if (!isStoreUnavailable(error) || Date.now() + RETRY_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
