/**
 * The one small interface every reference-mode store implements (memory, SQLite, Redis), in the
 * manner of @fastify/rate-limit's `LocalStore`/`RedisStore`. One contract test suite
 * (`test/reference/store-contract.ts`) runs against all of them.
 *
 * Stores are dumb on purpose: they keep opaque strings and numbers and make each operation
 * atomic. Sealing, expiry decisions, single-flight and waiting all live in `ReferenceTokens`.
 * Every method throws a `StoreUnavailableError` (and nothing else) when the back-end is down.
 */

/** One stored refresh token, keyed by the SHA-256 of its handle (never the handle itself). */
export interface StoredEntry {
  /** `base64url(sha256(handle))`: a database dump does not reveal usable handles. */
  readonly key: string;
  /** The app the handle was issued to; a refresh from another client id is refused. */
  readonly clientId: string;
  /** Spotify's refresh token, sealed with the keyring (AAD binds client id and key). */
  readonly sealedToken: string;
  /** Starts at 1; +1 on every committed refresh. Lets waiters see that a refresh landed. */
  readonly version: number;
  /** When the user authorized (ms since epoch). Spotify's lifetime is counted from here. */
  readonly authorizedAt: number;
  /** `authorizedAt` + lifetime (ms). From then on the entry is refused and may be purged. */
  readonly expiresAt: number;
  /** The last refresh's tokens (sealed JSON), kept briefly for replicas that waited on it. */
  readonly sealedResult?: string;
  /** Until when (ms) `sealedResult` may be handed to a waiter. */
  readonly resultExpiresAt?: number;
}

/** What a committed refresh writes. */
export interface TokenUpdate {
  /** The (possibly rotated) refresh token, sealed. Pass the old one when nothing rotated. */
  readonly sealedToken: string;
  /** The refresh's tokens for waiters; omit to clear a previous one. */
  readonly sealedResult?: string;
  readonly resultExpiresAt?: number;
}

/** Which back-end a store uses. */
export type StoreKind = 'memory' | 'sqlite' | 'redis';

/**
 * The reference-mode store. All methods are atomic on their own; none needs a transaction
 * around it.
 */
export interface ReferenceStore {
  readonly kind: StoreKind;
  /** The entry, or `undefined`. Does not look at `expiresAt` (the caller's clock decides). */
  get(key: string): Promise<StoredEntry | undefined>;
  /** Inserts a new entry; `false` (and no change) when the key exists. */
  create(entry: StoredEntry): Promise<boolean>;
  /**
   * Writes a refresh's outcome and increments `version`. With `expectedVersion`, only if the
   * stored version still equals it (compare-and-set). `false` when missing or changed.
   */
  replaceToken(key: string, update: TokenUpdate, expectedVersion?: number): Promise<boolean>;
  /**
   * Removes the entry (and its lock); `true` if it existed. Idempotent. With `expectedVersion`,
   * only if the stored version still equals it (a refresh that landed meanwhile wins).
   */
  delete(key: string, expectedVersion?: number): Promise<boolean>;
  /**
   * Takes the refresh lock of `key` for `ttlMs` unless someone else holds an unexpired one.
   * Returns the lock token to release it with, or `undefined` when it is held.
   */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases the lock only if `token` still owns it (compare-and-delete); `true` if released. */
  releaseLock(key: string, token: string): Promise<boolean>;
  /**
   * Deletes every entry with `expiresAt <= now` (and expired locks); returns how many entries.
   * Works in bounded batches, so no single statement or script holds the back-end for long.
   */
  purgeExpired(now: number): Promise<number>;
  /** Resolves when the back-end can take a write now; throws `StoreUnavailableError` if not. */
  ping(): Promise<void>;
  /** How many entries are stored (expired ones not yet purged included). */
  count(): Promise<number>;
  /** Start-up findings an operator should act on (e.g. Redis without persistence); may be empty. */
  readonly warnings: readonly string[];
  /** Frees connections/files. Afterwards every method throws `StoreUnavailableError`. */
  close(): Promise<void>;
}

/** Options every factory accepts. */
export interface StoreFactoryOptions {
  /**
   * Clock for lock expiry (and Redis's key TTL backstop), ms since epoch; default `Date.now`.
   * Locks are about real elapsed time: keep the default outside tests.
   */
  clock?: () => number;
}
