/**
 * Loads a SQLite driver lazily, only when a SQLite store is opened, so that the service (and its
 * memory/Redis modes) never fails to start because a native module does not load.
 *
 * Two drivers, one tiny synchronous surface (`exec`, `prepare().run/get/all`, `close`):
 * - `better-sqlite3`: the default. A native addon, compiled for one Node ABI — a build made under
 *   Node 20 does not load under Node 24 (`NODE_MODULE_VERSION` mismatch) until
 *   `pnpm rebuild better-sqlite3` runs under that Node.
 * - `node:sqlite`: built into Node ≥ 22.5 (unflagged from 22.13/23.4), nothing to compile.
 *
 * `'auto'` (the default) tries better-sqlite3 and falls back to node:sqlite, so the same install
 * works on Node 20 and Node 24. Only positional `?` parameters are used: the two drivers differ
 * in how they bind named ones.
 */

import { loadOptional } from '../load-optional.js';

/** Names accepted for `driver`. */
export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

/** The statement surface both drivers share. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The database surface both drivers share. */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** An opened database and which driver opened it. */
export interface OpenedSqlite {
  readonly driver: SqliteDriverName;
  readonly db: SqliteDatabase;
}

type Opener = (path: string, timeoutMs: number) => SqliteDatabase;

async function loadBetterSqlite3(): Promise<Opener> {
  // An optional peer dependency: without it, the error says what to install.
  const mod = (await loadOptional('better-sqlite3', () => import('better-sqlite3'))) as unknown as {
    default: new (path: string, options: { timeout: number }) => SqliteDatabase;
  };
  const Database = mod.default;
  // The package imports fine everywhere; its native addon is only loaded by the first
  // constructor call, which is where an ABI mismatch shows. Probe it with a throwaway database.
  new Database(':memory:', { timeout: 0 }).close();
  return (path, timeoutMs) => new Database(path, { timeout: timeoutMs });
}

async function loadNodeSqlite(): Promise<Opener> {
  // A variable specifier keeps TypeScript (types for Node 20) and bundlers from resolving it.
  const specifier: string = 'node:sqlite';
  const mod = (await import(specifier)) as {
    DatabaseSync: new (path: string, options?: { timeout?: number }) => SqliteDatabase;
  };
  return (path, timeoutMs) => {
    const db = new mod.DatabaseSync(path, { timeout: timeoutMs });
    // Older node:sqlite releases ignore the `timeout` option; the pragma works everywhere.
    db.exec(`PRAGMA busy_timeout = ${Math.trunc(timeoutMs)}`);
    return db;
  };
}

const LOADERS: Readonly<Record<SqliteDriverName, () => Promise<Opener>>> = {
  'better-sqlite3': loadBetterSqlite3,
  'node:sqlite': loadNodeSqlite,
};

/**
 * Whether `driver` loads on this Node (without opening anything); the error when it does not.
 *
 * @example
 * ```ts
 * const probe = await probeSqliteDriver('node:sqlite');
 * if (!probe.ok) console.log(`node:sqlite unavailable: ${probe.reason}`);
 * ```
 */
export async function probeSqliteDriver(
  driver: SqliteDriverName,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await LOADERS[driver]();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
}

/**
 * Opens `path` with the requested driver (`'auto'`: better-sqlite3, else node:sqlite). Throws an
 * `Error` naming every driver that failed to load and why, or the open error itself.
 *
 * @example
 * ```ts
 * const { driver, db } = await openSqlite('/var/lib/tokenswap/tokens.db', 'auto', 5000);
 * ```
 */
export async function openSqlite(
  path: string,
  driver: SqliteDriverName | 'auto',
  busyTimeoutMs: number,
): Promise<OpenedSqlite> {
  const candidates: SqliteDriverName[] =
    driver === 'auto' ? ['better-sqlite3', 'node:sqlite'] : [driver];
  const failures: string[] = [];
  for (const name of candidates) {
    let opener: Opener;
    try {
      opener = await LOADERS[name]();
    } catch (error) {
      failures.push(`${name}: ${firstLine(error)}`);
      continue;
    }
    return { driver: name, db: opener(path, busyTimeoutMs) };
  }
  throw new Error(
    `No SQLite driver could be loaded (${failures.join('; ')}). Install better-sqlite3 ` +
      '(`npm i better-sqlite3`; after a Node upgrade, `npm rebuild better-sqlite3`), or use ' +
      'Node >= 22.13 for the built-in node:sqlite.',
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
