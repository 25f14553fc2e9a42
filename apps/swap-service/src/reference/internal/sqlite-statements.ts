/** The SQLite store's schema and statements (positional `?` parameters only: see the driver). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS reference_tokens (
  key TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  sealed_token TEXT NOT NULL,
  version INTEGER NOT NULL,
  authorized_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  sealed_result TEXT,
  result_expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS reference_tokens_expires_at ON reference_tokens (expires_at);
CREATE TABLE IF NOT EXISTS reference_token_locks (
  key TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);`;

export const SQL = {
  get: 'SELECT * FROM reference_tokens WHERE key = ?',
  create: `INSERT INTO reference_tokens
    (key, client_id, sealed_token, version, authorized_at, expires_at, sealed_result, result_expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  replace: `UPDATE reference_tokens
    SET sealed_token = ?, sealed_result = ?, result_expires_at = ?, version = version + 1
    WHERE key = ? AND (? IS NULL OR version = ?)`,
  delete: 'DELETE FROM reference_tokens WHERE key = ? AND (? IS NULL OR version = ?)',
  deleteLock: 'DELETE FROM reference_token_locks WHERE key = ?',
  // One statement, so taking the lock is atomic across processes sharing the file: insert, or
  // take over a lock whose time is up; `changes` is 0 when a live lock exists.
  acquire: `INSERT INTO reference_token_locks (key, token, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
    WHERE reference_token_locks.expires_at <= ?`,
  release: 'DELETE FROM reference_token_locks WHERE key = ? AND token = ?',
  // Bounded: one statement holds the write lock for one batch, never for the whole table.
  purge: `DELETE FROM reference_tokens WHERE key IN
    (SELECT key FROM reference_tokens WHERE expires_at <= ? LIMIT ?)`,
  purgeLocks: `DELETE FROM reference_token_locks WHERE key IN
    (SELECT key FROM reference_token_locks WHERE expires_at <= ? LIMIT ?)`,
  count: 'SELECT count(*) AS n FROM reference_tokens',
} as const;
