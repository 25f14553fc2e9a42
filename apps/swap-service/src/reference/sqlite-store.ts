import { newLockToken } from './internal/lock-token.js';
import { runWithoutBlocking } from './internal/sqlite-retry.js';
import { SCHEMA, SQL } from './internal/sqlite-statements.js';
import { openSqlite, type SqliteDriverName, type SqliteStatement } from './sqlite-driver.js';
import type { ReferenceStore, StoredEntry, StoreFactoryOptions } from './store.js';
import { isStoreUnavailable } from './store-unavailable.js';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions extends StoreFactoryOptions {
  /** Database file; created with its tables when missing. `':memory:'` works for tests. */
  path: string;
  /** Which driver to use; default `'auto'` (better-sqlite3, else node:sqlite). */
  driver?: SqliteDriverName | 'auto';
  /**
   * How long an operation keeps retrying while another connection holds the write lock before
   * the store counts as unavailable (503). Retries run on timers: the event loop never waits.
   * Default {@link SQLITE_BUSY_BUDGET_MS}.
   */
  busyTimeoutMs?: number;
  /** Rows deleted per purge statement; default 500. */
  purgeBatchSize?: number;
}

/** A SQLite-backed {@link ReferenceStore}; says which driver it runs on. */
export interface SqliteStore extends ReferenceStore {
  readonly kind: 'sqlite';
  readonly driver: SqliteDriverName;
}

/** Default of `busyTimeoutMs`: a busy store answers 503 within about this long. */
export const SQLITE_BUSY_BUDGET_MS = 1000;

/** How long opening waits for another process's write lock (start-up, nobody is waiting on it). */
const OPEN_BUSY_BUDGET_MS = 10_000;

interface Row {
  key: string;
  client_id: string;
  sealed_token: string;
  version: number;
  authorized_at: number;
  expires_at: number;
  sealed_result: string | null;
  result_expires_at: number | null;
}

/**
 * Opens (creating if needed) a SQLite {@link ReferenceStore} — the embedded default for a single
 * production instance; several processes on one host may share the file (locks are rows).
 * The driver is loaded only here (see `sqlite-driver.ts`); a driver or open failure throws a
 * plain `Error` at start-up, while failures of a running store throw `StoreUnavailableError`.
 * No call ever waits inside the driver: see `internal/sqlite-retry.ts`.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: '/var/lib/tokenswap/tokens.db' });
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const clock = options.clock ?? Date.now;
  const budgetMs = options.busyTimeoutMs ?? SQLITE_BUSY_BUDGET_MS;
  const batch = options.purgeBatchSize ?? 500;
  // busy_timeout 0: SQLite must never sleep on the event loop; `runWithoutBlocking` waits instead.
  const { driver, db } = await openSqlite(options.path, options.driver ?? 'auto', 0);
  try {
    // Another replica may be writing while this one starts: wait (on timers) for its lock.
    await runWithoutBlocking(() => {
      // WAL: readers never wait for the writer; NORMAL sync is durable across app crashes.
      if (options.path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec(SCHEMA);
    }, OPEN_BUSY_BUDGET_MS);
  } catch (error) {
    db.close();
    // Start-up reports the driver's own error (a path, a permission), not the generic outage.
    throw isStoreUnavailable(error) && error.cause !== undefined ? error.cause : error;
  }
  const statements = new Map<string, SqliteStatement>();
  let closed = false;

  /** Runs one statement, retrying a busy database on timers; other driver errors are an outage. */
  const run = <T>(name: keyof typeof SQL, use: (statement: SqliteStatement) => T): Promise<T> =>
    runWithoutBlocking(() => {
      if (closed) throw new Error('store closed');
      let statement = statements.get(name);
      if (statement === undefined) {
        statement = db.prepare(SQL[name]);
        statements.set(name, statement);
      }
      return use(statement);
    }, budgetMs);
  const changes = async (name: keyof typeof SQL, ...params: unknown[]): Promise<number> =>
    Number(await run(name, (s) => s.run(...params).changes));
  /** Deletes matching rows `batch` at a time, yielding between batches; returns how many. */
  const purgeInBatches = async (name: 'purge' | 'purgeLocks', now: number): Promise<number> => {
    let total = 0;
    for (;;) {
      const deleted = await changes(name, now, batch);
      total += deleted;
      if (deleted < batch) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return {
    kind: 'sqlite',
    driver,
    async get(key) {
      const row = (await run('get', (s) => s.get(key))) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    async create(entry) {
      return (
        (await changes(
          'create',
          entry.key,
          entry.clientId,
          entry.sealedToken,
          entry.version,
          entry.authorizedAt,
          entry.expiresAt,
          entry.sealedResult ?? null,
          entry.resultExpiresAt ?? null,
        )) === 1
      );
    },
    async replaceToken(key, update, expectedVersion) {
      const expected = expectedVersion ?? null;
      return (
        (await changes(
          'replace',
          update.sealedToken,
          update.sealedResult ?? null,
          update.resultExpiresAt ?? null,
          key,
          expected,
          expected,
        )) === 1
      );
    },
    async delete(key, expectedVersion) {
      const expected = expectedVersion ?? null;
      const deleted = (await changes('delete', key, expected, expected)) === 1;
      if (deleted || expected === null) await changes('deleteLock', key);
      return deleted;
    },
    async acquireLock(key, ttlMs) {
      const token = newLockToken();
      const now = clock();
      return (await changes('acquire', key, token, now + ttlMs, now)) === 1 ? token : undefined;
    },
    async releaseLock(key, token) {
      return (await changes('release', key, token)) === 1;
    },
    async purgeExpired(now) {
      await purgeInBatches('purgeLocks', clock());
      return purgeInBatches('purge', now);
    },
    async ping() {
      // Takes the write lock and gives it back at once: "can this store write right now?".
      // One synchronous call, so no other operation can slip into the transaction.
      await runWithoutBlocking(() => {
        if (closed) throw new Error('store closed');
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      }, budgetMs);
    },
    async count() {
      return Number(((await run('count', (s) => s.get())) as { n: number | bigint }).n);
    },
    warnings: [],
    async close() {
      if (closed) return;
      closed = true;
      statements.clear();
      db.close();
    },
  };
}

function fromRow(row: Row): StoredEntry {
  return {
    key: row.key,
    clientId: row.client_id,
    sealedToken: row.sealed_token,
    version: Number(row.version),
    authorizedAt: Number(row.authorized_at),
    expiresAt: Number(row.expires_at),
    ...(row.sealed_result === null ? {} : { sealedResult: row.sealed_result }),
    ...(row.result_expires_at === null ? {} : { resultExpiresAt: Number(row.result_expires_at) }),
  };
}
