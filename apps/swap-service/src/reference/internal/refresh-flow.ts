import {
  fail,
  invalidRefreshTokenError,
  type Keyring,
  ok,
  openRefreshToken,
  type Result,
  type TokenSet,
} from '@tokenswap/core';
import { refreshInProgressError, refreshTokenExpiredError } from '../reference-errors.js';
import type { ReferenceStore, StoredEntry } from '../store.js';
import { commitRefresh } from './commit-refresh.js';
import { openResult, tokenContext } from './seal-contexts.js';

/** Everything one refresh needs from `ReferenceTokens`. */
export interface RefreshFlowDeps {
  readonly store: ReferenceStore;
  readonly keyring: Keyring;
  readonly clock: () => number;
  readonly lockTtlMs: number;
  readonly lockWaitMs: number;
  readonly pollMs: number;
  readonly reuseMs: number;
  /** Told how long a caller waited on another refresh's lock, and how the wait ended. */
  readonly onLockWait?: (seconds: number, outcome: LockWaitOutcome) => void;
}

/** How a wait on another refresh's lock ended. */
export type LockWaitOutcome = 'reused' | 'acquired' | 'timeout';

type Upstream = (refreshToken: string) => Promise<Result<TokenSet>>;

/**
 * One refresh of a handle across replicas. Takes the handle's lock and refreshes; or, when
 * another replica holds it, polls the store until that refresh lands and answers with its
 * (briefly kept, sealed) tokens — so Spotify is called once, not once per replica. The version
 * read on arrival tells "a refresh landed while I waited" apart from an older result.
 * Store errors propagate (the caller maps them to 503).
 */
export async function refreshAcrossReplicas(
  deps: RefreshFlowDeps,
  key: string,
  clientId: string,
  upstream: Upstream,
): Promise<Result<TokenSet>> {
  const arrival = usable(deps, await deps.store.get(key), clientId);
  if (!arrival.ok) return arrival;
  const seenVersion = arrival.value.version;
  // Waiting is measured in real time, whatever the injected clock says.
  const started = Date.now();
  const deadline = started + deps.lockWaitMs;
  const waited = (outcome: LockWaitOutcome) =>
    deps.onLockWait?.((Date.now() - started) / 1000, outcome);
  for (let attempt = 0; ; attempt += 1) {
    const lock = await deps.store.acquireLock(key, deps.lockTtlMs);
    if (lock !== undefined) {
      if (attempt > 0) waited('acquired');
      try {
        return await refreshLocked(deps, key, clientId, seenVersion, upstream);
      } finally {
        await release(deps, key, lock);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs));
    const current = usable(deps, await deps.store.get(key), clientId);
    if (!current.ok) return current;
    const reused = await reuse(deps, current.value, seenVersion, clientId);
    if (reused !== undefined) {
      waited('reused');
      return ok(reused);
    }
    if (Date.now() >= deadline) {
      waited('timeout');
      return fail(refreshInProgressError());
    }
  }
}

/**
 * Releases the lock; if the store is down, keeps trying in the background (every 500 ms, until
 * the lock would have expired anyway). A lock that survives an outage — saved in an RDB
 * snapshot, or replicated before a failover — would otherwise make every caller of that handle
 * wait out its whole lifetime once the store is back.
 */
async function release(deps: RefreshFlowDeps, key: string, lock: string): Promise<void> {
  const giveUpAt = Date.now() + deps.lockTtlMs;
  const attempt = async (): Promise<void> => {
    try {
      await deps.store.releaseLock(key, lock);
    } catch {
      if (Date.now() + RELEASE_RETRY_MS >= giveUpAt) return;
      setTimeout(() => void attempt(), RELEASE_RETRY_MS).unref();
    }
  };
  await attempt();
}

const RELEASE_RETRY_MS = 500;

/** Present, issued to this app, within its lifetime. Unknown and foreign read the same. */
function usable(
  deps: RefreshFlowDeps,
  entry: StoredEntry | undefined,
  clientId: string,
): Result<StoredEntry> {
  if (entry === undefined || entry.clientId !== clientId) return fail(invalidRefreshTokenError());
  if (deps.clock() >= entry.expiresAt) return fail(refreshTokenExpiredError());
  return ok(entry);
}

/** The tokens of a refresh that landed after `seenVersion`, while they may still be reused. */
async function reuse(
  deps: RefreshFlowDeps,
  entry: StoredEntry,
  seenVersion: number,
  clientId: string,
): Promise<TokenSet | undefined> {
  if (entry.version === seenVersion || entry.sealedResult === undefined) return undefined;
  const now = deps.clock();
  if ((entry.resultExpiresAt ?? 0) <= now) return undefined;
  return openResult(entry.sealedResult, now, deps.keyring, clientId, entry.key);
}

async function refreshLocked(
  deps: RefreshFlowDeps,
  key: string,
  clientId: string,
  seenVersion: number,
  upstream: Upstream,
): Promise<Result<TokenSet>> {
  const current = usable(deps, await deps.store.get(key), clientId);
  if (!current.ok) return current;
  const entry = current.value;
  // Another replica's refresh landed between our first read and our lock: use its result.
  const reused = await reuse(deps, entry, seenVersion, clientId);
  if (reused !== undefined) return ok(reused);
  const opened = await openRefreshToken(
    entry.sealedToken,
    deps.keyring,
    tokenContext(clientId, key),
  );
  if (!opened.ok) return opened;
  const answer = await upstream(opened.value);
  if (!answer.ok) {
    // Spotify says this refresh token is dead (revoked, expired, the user removed the app): drop
    // the entry now instead of calling Spotify again on every refresh until its lifetime ends.
    // Only at the version we read: a refresh that landed meanwhile keeps its new token.
    if (answer.error.code === 'invalid_grant') {
      await deps.store.delete(key, entry.version).catch(() => undefined);
    }
    return answer;
  }
  const { refreshToken: rotated, ...tokens } = answer.value;
  return commitRefresh({
    store: deps.store,
    keyring: deps.keyring,
    entry,
    current: opened.value,
    rotated: rotated !== undefined && rotated !== opened.value ? rotated : undefined,
    tokens,
    now: deps.clock(),
    reuseMs: deps.reuseMs,
  });
}
