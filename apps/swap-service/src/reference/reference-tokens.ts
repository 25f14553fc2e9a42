import {
  fail,
  invalidRefreshTokenError,
  type Keyring,
  ok,
  type Result,
  sealRefreshToken,
  type TokenSet,
} from '@tokenswap/core';
import { handleKey, isHandle, newHandle } from './handle.js';
import { schedulePurge } from './internal/purge-schedule.js';
import { type RefreshFlowDeps, refreshAcrossReplicas } from './internal/refresh-flow.js';
import { tokenContext } from './internal/seal-contexts.js';
import { SingleFlight } from './internal/single-flight.js';
import { refreshLockLifetimeMs } from './lock-lifetime.js';
import type { ReferenceObserver } from './reference-metrics.js';
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
   * call could lose the lock and another replica burn the same rotating token. Default
   * `refreshLockLifetimeMs()` (20 s, see `lock-lifetime.ts`).
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
  /** Told about lock waits and purges (metrics); default: nobody. */
  observer?: ReferenceObserver;
}

/**
 * The lock that makes one replica at a time run the scheduled purge. Handle keys are 43
 * base64url characters, so this name never collides with one.
 */
export const PURGE_LEASE_KEY = 'purge-lease';

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
  readonly #clock: () => number;
  readonly #keyring: Keyring;
  readonly #lifetimeMs: number;
  readonly #random: ((size: number) => Uint8Array) | undefined;
  readonly #flow: RefreshFlowDeps;
  readonly #flights = new SingleFlight<Result<TokenSet>>();
  readonly #observer: ReferenceObserver | undefined;

  constructor(options: ReferenceTokensOptions) {
    this.#store = options.store;
    this.#keyring = options.keyring;
    this.#clock = options.clock ?? Date.now;
    this.#lifetimeMs = options.refreshTokenLifetimeMs ?? DEFAULT_REFRESH_TOKEN_LIFETIME_MS;
    this.#random = options.random;
    const lockTtlMs = options.lockTtlMs ?? refreshLockLifetimeMs();
    this.#observer = options.observer;
    this.#flow = {
      store: options.store,
      keyring: options.keyring,
      clock: this.#clock,
      lockTtlMs,
      lockWaitMs: options.lockWaitMs ?? lockTtlMs,
      pollMs: options.pollIntervalMs ?? 20,
      reuseMs: options.resultReuseMs ?? 10_000,
      ...(options.observer === undefined
        ? {}
        : { onLockWait: options.observer.lockWait.bind(options.observer) }),
    };
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
      this.#guarded(() => refreshAcrossReplicas(this.#flow, key, clientId, upstream)),
    );
  }

  /**
   * Deletes the handle's token if it was issued to `clientId` (RFC 7009 §2.1: the server checks
   * that the token was issued to the client asking). Unknown or malformed handles are fine
   * (`ok(false)`, nothing to revoke); a handle of another client is refused with
   * `invalid_grant` and stays.
   */
  async revoke(handle: string, clientId: string): Promise<Result<boolean>> {
    if (!isHandle(handle)) return ok(false);
    const key = handleKey(handle);
    return this.#guarded(async () => {
      const entry = await this.#store.get(key);
      if (entry === undefined) return ok(false);
      // An entry's client id never changes, so checking it before deleting is not a race.
      if (entry.clientId !== clientId) return fail(invalidRefreshTokenError());
      return ok(await this.#store.delete(key));
    });
  }

  /** Deletes every entry past its lifetime; returns how many. Run it now and then. */
  purgeExpired(): Promise<Result<number>> {
    return this.#guarded(async () => ok(await this.#store.purgeExpired(this.#clock())));
  }

  /**
   * One scheduled purge, run by one replica at a time: whoever takes the store's purge lease
   * (for 90 % of `intervalMs`, never released early) purges; the others skip until the next
   * tick. `'skipped'` when another replica holds it.
   */
  async purgeWithLease(intervalMs: number): Promise<Result<number | 'skipped'>> {
    return this.#guarded<number | 'skipped'>(async () => {
      const lease = await this.#store.acquireLock(PURGE_LEASE_KEY, Math.floor(intervalMs * 0.9));
      if (lease === undefined) return ok('skipped');
      return ok(await this.#store.purgeExpired(this.#clock()));
    });
  }

  /**
   * Purges every `intervalMs` (default hourly) on an unref'd timer, one replica at a time (see
   * {@link purgeWithLease}); returns a stop function. A failed purge (store down) is reported to
   * `onError` and retried at the next tick.
   */
  startPurging(intervalMs = 3_600_000, onError?: (error: unknown) => void): () => void {
    return schedulePurge(
      () => this.purgeWithLease(intervalMs),
      intervalMs,
      this.#observer,
      onError,
    );
  }

  async #guarded<T>(operation: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await operation();
    } catch (error) {
      if (isStoreUnavailable(error)) return fail(tokenStoreUnavailable(error));
      throw error;
    }
  }
}
