import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { LockWaitOutcome } from './internal/refresh-flow.js';
import type { ReferenceStore } from './store.js';
import { isStoreUnavailable } from './store-unavailable.js';

/** How a scheduled purge ended: done here, skipped (another replica holds the lease), failed. */
export type PurgeOutcome = 'done' | 'skipped' | 'failed';

/** What reference mode reports; {@link referenceMetrics} turns it into Prometheus metrics. */
export interface ReferenceObserver {
  storeOperation(operation: string, seconds: number, failed: boolean): void;
  lockWait(seconds: number, outcome: LockWaitOutcome): void;
  purge(outcome: PurgeOutcome, rows: number): void;
}

/** How stale `tokenswap_store_entries` may be: a SQLite count scans an index on the event loop. */
const ENTRIES_RECOUNT_MS = 5 * 60_000;

/** Store operations whose latency is worth a label (`close` is not). */
const OPERATIONS = [
  'get',
  'create',
  'replaceToken',
  'delete',
  'acquireLock',
  'releaseLock',
  'purgeExpired',
  'ping',
  'count',
] as const satisfies readonly (keyof ReferenceStore)[];

/**
 * Registers reference mode's metrics on the service's registry:
 * `tokenswap_store_operation_duration_seconds{store,operation}`,
 * `tokenswap_store_errors_total{store,operation}`,
 * `tokenswap_refresh_lock_wait_seconds{outcome}` (outcome `timeout` counts lock timeouts),
 * `tokenswap_purge_runs_total{outcome}`, `tokenswap_purged_entries_total` and
 * `tokenswap_store_entries` (read from the store at most every 5 minutes, when scraped:
 * on SQLite a count is a synchronous scan of an index).
 *
 * @example
 * ```ts
 * const observer = referenceMetrics(metrics.registry, store);
 * const tokens = new ReferenceTokens({ store: instrumentStore(store, observer), keyring, observer });
 * ```
 */
export function referenceMetrics(registry: Registry, store: ReferenceStore): ReferenceObserver {
  const registers = [registry];
  const duration = new Histogram({
    name: 'tokenswap_store_operation_duration_seconds',
    help: 'Duration of reference-mode store operations (busy retries included), by store and operation.',
    labelNames: ['store', 'operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const errors = new Counter({
    name: 'tokenswap_store_errors_total',
    help: 'Reference-mode store operations that failed (store unavailable), by store and operation.',
    labelNames: ['store', 'operation'],
    registers,
  });
  const lockWaits = new Histogram({
    name: 'tokenswap_refresh_lock_wait_seconds',
    help: "Time a refresh waited on another refresh's lock of the same handle, by how it ended (reused, acquired, timeout).",
    labelNames: ['outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
    registers,
  });
  const purgeRuns = new Counter({
    name: 'tokenswap_purge_runs_total',
    help: 'Scheduled purges of expired handles, by outcome (done, skipped: another replica held the lease, failed).',
    labelNames: ['outcome'],
    registers,
  });
  const purged = new Counter({
    name: 'tokenswap_purged_entries_total',
    help: 'Expired handles deleted by purges.',
    registers,
  });
  let counted = { at: 0, value: 0 };
  new Gauge({
    name: 'tokenswap_store_entries',
    help: 'Handles stored (expired ones not yet purged included); counted at most every 5 minutes.',
    registers,
    async collect() {
      if (Date.now() - counted.at >= ENTRIES_RECOUNT_MS) {
        const value = await store.count().catch(() => counted.value);
        counted = { at: Date.now(), value };
      }
      this.set(counted.value);
    },
  });
  return {
    storeOperation(operation, seconds, failed) {
      duration.observe({ store: store.kind, operation }, seconds);
      if (failed) errors.inc({ store: store.kind, operation });
    },
    lockWait: (seconds, outcome) => lockWaits.observe({ outcome }, seconds),
    purge(outcome, rows) {
      purgeRuns.inc({ outcome });
      if (rows > 0) purged.inc(rows);
    },
  };
}

/**
 * The same store, timing every operation and counting its outages through `observer`.
 *
 * @example
 * ```ts
 * const measured = instrumentStore(store, observer);
 * ```
 */
export function instrumentStore(
  store: ReferenceStore,
  observer: ReferenceObserver,
): ReferenceStore {
  const measured: Record<string, unknown> = {};
  for (const operation of OPERATIONS) {
    const original = store[operation] as (...args: unknown[]) => Promise<unknown>;
    measured[operation] = async (...args: unknown[]) => {
      const started = performance.now();
      let failed = false;
      try {
        return await original.apply(store, args);
      } catch (error) {
        failed = isStoreUnavailable(error);
        throw error;
      } finally {
        observer.storeOperation(operation, (performance.now() - started) / 1000, failed);
      }
    };
  }
  return {
    ...(measured as Omit<ReferenceStore, 'kind' | 'warnings' | 'close'>),
    kind: store.kind,
    warnings: store.warnings,
    close: () => store.close(),
  };
}
