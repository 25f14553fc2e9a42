import { newLockToken } from './internal/lock-token.js';
import type { ReferenceStore, StoredEntry, StoreFactoryOptions, TokenUpdate } from './store.js';
import { StoreUnavailableError } from './store-unavailable.js';

/**
 * An in-process {@link ReferenceStore}: for tests, `pnpm start` and single-process demos.
 * Everything is lost on restart, so apps must authorize again — use SQLite or Redis in
 * production. Entries are copied in and out, so callers cannot change stored state by accident.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.create(entry);
 * ```
 */
export function createMemoryStore(options: StoreFactoryOptions = {}): ReferenceStore {
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, StoredEntry>();
  const locks = new Map<string, { token: string; until: number }>();
  let closed = false;

  const guard = (): void => {
    if (closed) throw new StoreUnavailableError('memory', new Error('store closed'));
  };

  return {
    kind: 'memory',
    async get(key) {
      guard();
      const entry = entries.get(key);
      return entry === undefined ? undefined : { ...entry };
    },
    async create(entry) {
      guard();
      if (entries.has(entry.key)) return false;
      entries.set(entry.key, { ...entry });
      return true;
    },
    async replaceToken(key, update: TokenUpdate, expectedVersion) {
      guard();
      const current = entries.get(key);
      if (current === undefined) return false;
      if (expectedVersion !== undefined && current.version !== expectedVersion) return false;
      const { sealedResult: _r, resultExpiresAt: _e, ...rest } = current;
      entries.set(key, { ...rest, ...update, version: current.version + 1 });
      return true;
    },
    async delete(key, expectedVersion) {
      guard();
      const current = entries.get(key);
      if (expectedVersion !== undefined && current?.version !== expectedVersion) return false;
      locks.delete(key);
      return entries.delete(key);
    },
    async acquireLock(key, ttlMs) {
      guard();
      const held = locks.get(key);
      const now = clock();
      if (held !== undefined && held.until > now) return undefined;
      const token = newLockToken();
      locks.set(key, { token, until: now + ttlMs });
      return token;
    },
    async releaseLock(key, token) {
      guard();
      if (locks.get(key)?.token !== token) return false;
      locks.delete(key);
      return true;
    },
    async purgeExpired(now) {
      guard();
      let purged = 0;
      for (const [key, entry] of entries) {
        if (entry.expiresAt > now) continue;
        entries.delete(key);
        locks.delete(key);
        purged += 1;
      }
      return purged;
    },
    async ping() {
      guard();
    },
    async count() {
      guard();
      return entries.size;
    },
    warnings: [],
    async close() {
      closed = true;
      entries.clear();
      locks.clear();
    },
  };
}
