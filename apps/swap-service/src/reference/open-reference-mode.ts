import type { Keyring } from '@tokenswap/core';
import { parseStoreUrl } from './parse-store-url.js';
import type { ReferenceModeConfig } from './reference-config.js';
import { ReferenceTokens } from './reference-tokens.js';
import type { ReferenceStore } from './store.js';

const DAY_MS = 86_400_000;
/**
 * How much longer than one upstream call a refresh lock lives: sealing and the store write (with
 * its retries) happen under the lock too. If the lock ran out first, another replica could
 * refresh with the token Spotify just rotated away, and its caller would get invalid_grant.
 */
const LOCK_MARGIN_MS = 10_000;

/** Options of {@link openReferenceMode}. */
export interface OpenReferenceModeOptions {
  keyring: Keyring;
  /** The service's upstream time budget: the lock must outlive one upstream call. */
  upstreamTimeoutMs: number;
  clock?: () => number;
  /** An already open store (tests); default: open `config.storeUrl`. Not closed by `close()`. */
  store?: ReferenceStore;
  /** Told when an hourly purge fails (store down); it is retried next hour. */
  onPurgeError?: (error: unknown) => void;
  /** Purge interval; default hourly. */
  purgeIntervalMs?: number;
}

/** Reference mode, ready: the tokens service and how to shut it down. */
export interface ReferenceMode {
  readonly tokens: ReferenceTokens;
  readonly store: ReferenceStore;
  /** Stops purging and closes the store (if opened here). */
  close(): Promise<void>;
}

/**
 * Opens the configured store and builds {@link ReferenceTokens} with the service's settings;
 * starts the hourly purge of expired handles. A store that cannot be opened (Redis unreachable,
 * no SQLite driver, unwritable path) rejects with an `Error` whose message starts `TOKEN_STORE:`.
 *
 * @example
 * ```ts
 * const reference = await openReferenceMode(config.reference, { keyring, upstreamTimeoutMs: 10_000 });
 * app.addHook('onClose', () => reference.close());
 * ```
 */
export async function openReferenceMode(
  config: ReferenceModeConfig,
  options: OpenReferenceModeOptions,
): Promise<ReferenceMode> {
  const clock = options.clock ?? Date.now;
  let store = options.store;
  if (store === undefined) {
    const parsed = parseStoreUrl(config.storeUrl);
    if (!parsed.ok) throw new Error(`TOKEN_STORE: ${parsed.problem}`);
    try {
      // Stores keep lock expiry on real time; only lifetimes follow the service's clock.
      store = await parsed.spec.open();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`TOKEN_STORE: cannot open ${config.storeDescription}: ${reason}`, {
        cause: error,
      });
    }
  }
  const owned = options.store === undefined;
  const tokens = new ReferenceTokens({
    store,
    keyring: options.keyring,
    clock,
    refreshTokenLifetimeMs: config.refreshTokenLifetimeDays * DAY_MS,
    lockTtlMs: options.upstreamTimeoutMs + LOCK_MARGIN_MS,
  });
  const stopPurging = tokens.startPurging(options.purgeIntervalMs, options.onPurgeError);
  const opened = store;
  return {
    tokens,
    store: opened,
    async close() {
      stopPurging();
      if (owned) await opened.close();
    },
  };
}
