import type { Keyring } from '@tokenswap/core';
import type { Registry } from 'prom-client';
import { refreshLockLifetimeMs } from './lock-lifetime.js';
import { parseStoreUrl } from './parse-store-url.js';
import type { ReferenceModeConfig } from './reference-config.js';
import { instrumentStore, referenceMetrics } from './reference-metrics.js';
import { ReferenceTokens } from './reference-tokens.js';
import type { ReferenceStore } from './store.js';

const DAY_MS = 86_400_000;
/** How long `/readyz` waits for the store before calling it not ready. */
export const READY_CHECK_MS = 1000;

/** Options of {@link openReferenceMode}. */
export interface OpenReferenceModeOptions {
  keyring: Keyring;
  /** The service's upstream time budget: the lock must outlive one upstream call. */
  upstreamTimeoutMs: number;
  clock?: () => number;
  /** An already open store (tests); default: open `config.storeUrl`. Not closed by `close()`. */
  store?: ReferenceStore;
  /** Told when a scheduled purge fails (store down); it is retried at the next interval. */
  onPurgeError?: (error: unknown) => void;
  /** Purge interval; default `config.purgeIntervalMinutes`. */
  purgeIntervalMs?: number;
  /** The service's metrics registry; reference mode's metrics are added to it. */
  registry?: Registry;
}

/** Reference mode, ready: the tokens service and how to shut it down. */
export interface ReferenceMode {
  readonly tokens: ReferenceTokens;
  readonly store: ReferenceStore;
  /**
   * Whether the store can take a write now (for `/readyz`); `false` when it cannot, or does not
   * answer within {@link READY_CHECK_MS}. Never throws.
   */
  ready(): Promise<boolean>;
  /** Stops purging and closes the store (if opened here). */
  close(): Promise<void>;
}

/**
 * Opens the configured store and builds {@link ReferenceTokens} with the service's settings;
 * starts the scheduled purge of expired handles (one replica at a time). A store that cannot be opened (Redis unreachable,
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
  const observer =
    options.registry === undefined ? undefined : referenceMetrics(options.registry, store);
  const tokens = new ReferenceTokens({
    store: observer === undefined ? store : instrumentStore(store, observer),
    keyring: options.keyring,
    clock,
    refreshTokenLifetimeMs: config.refreshTokenLifetimeDays * DAY_MS,
    lockTtlMs: refreshLockLifetimeMs(options.upstreamTimeoutMs),
    ...(observer === undefined ? {} : { observer }),
  });
  const stopPurging = tokens.startPurging(
    options.purgeIntervalMs ?? config.purgeIntervalMinutes * 60_000,
    options.onPurgeError,
  );
  const opened = store;
  return {
    tokens,
    store: opened,
    ready: () => answersWithin(opened.ping(), READY_CHECK_MS),
    async close() {
      stopPurging();
      if (owned) await opened.close();
    },
  };
}

async function answersWithin(check: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
