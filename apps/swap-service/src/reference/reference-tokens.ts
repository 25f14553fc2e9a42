import {
  fail,
  invalidRefreshTokenError,
  type Keyring,
  ok,
  openRefreshToken,
  type Result,
  sealRefreshToken,
  type TokenSet,
} from '@tokenswap/core';
import { handleKey, isHandle, newHandle } from './handle.js';
import { commitRefresh } from './internal/commit-refresh.js';
import { openResult, tokenContext } from './internal/seal-contexts.js';
import { SingleFlight } from './internal/single-flight.js';
import { refreshInProgressError, refreshTokenExpiredError } from './reference-errors.js';
import type { ReferenceStore, StoredEntry } from './store.js';
import { isStoreUnavailable, tokenStoreUnavailable } from './store-unavailable.js';

/** Spotify's refresh-token lifetime since 2026: 6 months from authorization (182 days). */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_MS = 182 * 24 * 60 * 60 * 1000;

/** Options of {@link ReferenceTokens}. */
export interface ReferenceTokensOptions {
  store: ReferenceStore;
  /** Seals stored refresh tokens (the service's `TOKEN_ENCRYPTION_KEYS`). */
  keyring: Keyring;
  /** Time for lifetimes and reuse windows (ms since epoch); default `Date.now`. */
  clock?: () => number;
  /** How long after authorization a handle stops working; default 182 days. */
  refreshTokenLifetimeMs?: number;
  /**
   * How long one refresh may hold a handle's lock; must exceed the upstream timeout, or a slow
   * call could lose the lock and another replica burn the same rotating token. Default 15 s.
   */
  lockTtlMs?: number;
  /** How long a caller waits for another replica's refresh before a 503; default `lockTtlMs`. */
  lockWaitMs?: number;
  /** How often a waiting caller looks at the store; default 20 ms. */
  pollIntervalMs?: number;
  /** How long a refresh's tokens are kept (sealed) for callers that waited on it; default 10 s. */
  resultReuseMs?: number;
  /** Randomness for handles; default `crypto.randomBytes`. */
  random?: (size: number) => Uint8Array;
}

/** Calls the accounts service with the real refresh token (`grant_type=refresh_token`). */
export type UpstreamRefresh = (refreshToken: string) => Promise<Result<TokenSet>>;

/** What `create` needs: the app, Spotify's refresh token, and when the user authorized. */
export interface CreateReferenceInput {
  clientId: string;
  refreshToken: string;
  /** ms since epoch; the lifetime counts from here. Default: now. */
  authorizedAt?: number;
}

/**
 * Reference mode: Spotify's refresh token stays on the server (sealed, in a {@link ReferenceStore})
 * and the app holds a stable handle. Refreshing replaces the stored token when Spotify rotates
 * it, so an app that never stores a new refresh token stays logged in.
 *
 * Concurrent refreshes of one handle call Spotify once: callers in this process share one
 * promise; across replicas a short lock in the store lets one refresh while the others wait and
 * then answer with its (briefly kept, sealed) tokens. Pure of HTTP; every outcome is a `Result`:
 * store outages give `503 temporarily_unavailable`, unknown/revoked/foreign handles
 * `invalid_grant` "Invalid refresh token", expired ones `invalid_grant` "Refresh token expired".
 *
 * @example
 * ```ts
 * const tokens = new ReferenceTokens({ store: createMemoryStore(), keyring });
 * const created = await tokens.create({ clientId, refreshToken: spotify.refreshToken });
 * const refreshed = await tokens.refresh(created.value, clientId, (rt) => callSpotify(rt));
 * ```
 */
export class ReferenceTokens {
  readonly #store: ReferenceStore;
  readonly #keyring: Keyring;
  readonly #clock: () => number;
  readonly #lifetimeMs: number;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #pollMs: number;
  readonly #reuseMs: number;
  readonly #random: ((size: number) => Uint8Array) | undefined;
  readonly #flights = new SingleFlight<Result<TokenSet>>();

  constructor(options: ReferenceTokensOptions) {
    this.#store = options.store;
    this.#keyring = options.keyring;
    this.#clock = options.clock ?? Date.now;
    this.#lifetimeMs = options.refreshTokenLifetimeMs ?? DEFAULT_REFRESH_TOKEN_LIFETIME_MS;
    this.#lockTtlMs = options.lockTtlMs ?? 15_000;
    this.#lockWaitMs = options.lockWaitMs ?? this.#lockTtlMs;
    this.#pollMs = options.pollIntervalMs ?? 20;
    this.#reuseMs = options.resultReuseMs ?? 10_000;
    this.#random = options.random;
  }

  /** True if `value` is shaped like a handle (routes a posted refresh_token to this mode). */
  isHandle(value: string): boolean {
    return isHandle(value);
  }

  /** Stores Spotify's refresh token (sealed) and returns a new handle for the app. */
  async create(input: CreateReferenceInput): Promise<Result<string>> {
    const authorizedAt = input.authorizedAt ?? this.#clock();
    try {
      // 256 random bits do not collide; the loop only makes `create`'s `false` impossible to miss.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const handle = newHandle(this.#random);
        const key = handleKey(handle);
        const sealedToken = await sealRefreshToken(
          input.refreshToken,
          this.#keyring,
          tokenContext(input.clientId, key),
        );
        const entry: StoredEntry = {
          key,
          clientId: input.clientId,
          sealedToken,
          version: 1,
          authorizedAt,
          expiresAt: authorizedAt + this.#lifetimeMs,
        };
        if (await this.#store.create(entry)) return ok(handle);
      }
      throw new Error('three handle collisions: the random source is broken');
    } catch (error) {
      if (isStoreUnavailable(error)) return fail(tokenStoreUnavailable(error));
      throw error;
    }
  }

  /**
   * Refreshes through `upstream` with the stored token and answers its tokens without any
   * refresh token (the handle stays the app's refresh token). Spotify's errors pass through.
   */
  refresh(handle: string, clientId: string, upstream: UpstreamRefresh): Promise<Result<TokenSet>> {
    if (!isHandle(handle)) return Promise.resolve(fail(invalidRefreshTokenError()));
    const key = handleKey(handle);
    // The flight key includes the client id: a caller naming another app must not join (and
    // receive) a legitimate app's refresh; it runs alone and is refused.
    return this.#flights.run(`${clientId}\u0000${key}`, () =>
      this.#guarded(() => this.#refreshAcrossReplicas(key, clientId, upstream)),
    );
  }

  /** Deletes the handle's token. Unknown or malformed handles are fine (`ok(false)`). */
  async revoke(handle: string): Promise<Result<boolean>> {
    if (!isHandle(handle)) return ok(false);
    return this.#guarded(async () => ok(await this.#store.delete(handleKey(handle))));
  }

  /** Deletes every entry past its lifetime; returns how many. Run it now and then. */
  purgeExpired(): Promise<Result<number>> {
    return this.#guarded(async () => ok(await this.#store.purgeExpired(this.#clock())));
  }

  /**
   * Purges every `intervalMs` (default hourly) on an unref'd timer; returns a stop function.
   * A failed purge (store down) is reported to `onError` and retried at the next tick.
   */
  startPurging(intervalMs = 3_600_000, onError?: (error: unknown) => void): () => void {
    const timer = setInterval(() => {
      this.purgeExpired().then(
        (result) => {
          if (!result.ok) onError?.(result.error);
        },
        (error: unknown) => onError?.(error),
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #guarded<T>(operation: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await operation();
    } catch (error) {
      if (isStoreUnavailable(error)) return fail(tokenStoreUnavailable(error));
      throw error;
    }
  }

  /** Checks an entry against the caller: present, same app, within its lifetime. */
  #usable(entry: StoredEntry | undefined, clientId: string): Result<StoredEntry> {
    if (entry === undefined || entry.clientId !== clientId) return fail(invalidRefreshTokenError());
    if (this.#clock() >= entry.expiresAt) return fail(refreshTokenExpiredError());
    return ok(entry);
  }

  /** Takes the handle's lock, or waits for the replica that holds it and uses its result. */
  async #refreshAcrossReplicas(
    key: string,
    clientId: string,
    upstream: UpstreamRefresh,
  ): Promise<Result<TokenSet>> {
    const arrival = this.#usable(await this.#store.get(key), clientId);
    if (!arrival.ok) return arrival;
    const seenVersion = arrival.value.version;
    const deadline = Date.now() + this.#lockWaitMs;
    for (;;) {
      const lock = await this.#store.acquireLock(key, this.#lockTtlMs);
      if (lock !== undefined) {
        try {
          return await this.#refreshLocked(key, clientId, seenVersion, upstream);
        } finally {
          // If this fails (store just went down) the lock simply expires after its TTL.
          await this.#store.releaseLock(key, lock).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
      const current = this.#usable(await this.#store.get(key), clientId);
      if (!current.ok) return current;
      const reused = await this.#reuse(current.value, seenVersion, clientId);
      if (reused !== undefined) return ok(reused);
      if (Date.now() >= deadline) return fail(refreshInProgressError());
    }
  }

  /** The result of a refresh that landed after `seenVersion`, while it may still be reused. */
  async #reuse(
    entry: StoredEntry,
    seenVersion: number,
    clientId: string,
  ): Promise<TokenSet | undefined> {
    if (entry.version === seenVersion || entry.sealedResult === undefined) return undefined;
    const now = this.#clock();
    if ((entry.resultExpiresAt ?? 0) <= now) return undefined;
    return openResult(entry.sealedResult, now, this.#keyring, clientId, entry.key);
  }

  async #refreshLocked(
    key: string,
    clientId: string,
    seenVersion: number,
    upstream: UpstreamRefresh,
  ): Promise<Result<TokenSet>> {
    const current = this.#usable(await this.#store.get(key), clientId);
    if (!current.ok) return current;
    const entry = current.value;
    // Another replica's refresh landed between our first read and our lock: use its result.
    const reused = await this.#reuse(entry, seenVersion, clientId);
    if (reused !== undefined) return ok(reused);
    const opened = await openRefreshToken(
      entry.sealedToken,
      this.#keyring,
      tokenContext(clientId, key),
    );
    if (!opened.ok) return opened;
    const answer = await upstream(opened.value);
    if (!answer.ok) return answer;
    const { refreshToken: rotated, ...tokens } = answer.value;
    return commitRefresh({
      store: this.#store,
      keyring: this.#keyring,
      entry,
      rotated: rotated !== undefined && rotated !== opened.value ? rotated : undefined,
      tokens,
      now: this.#clock(),
      reuseMs: this.#reuseMs,
    });
  }
}
