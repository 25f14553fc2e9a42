import type { Cluster, Redis } from 'ioredis';
import type { ReferenceStore, StoredEntry } from '../store.js';
import { StoreUnavailableError } from '../store-unavailable.js';
import { newLockToken } from './lock-token.js';
import { CREATE, DELETE, RELEASE, REPLACE } from './redis-scripts.js';

interface ScriptCommands {
  tsCreate(...args: (string | number)[]): Promise<number>;
  tsReplace(...args: (string | number)[]): Promise<number>;
  tsDelete(...args: (string | number)[]): Promise<number>;
  tsRelease(...args: (string | number)[]): Promise<number>;
}

const PURGE_BATCH = 200;

/** Registers the store's scripts on a client before it connects. */
export function defineScripts(client: Redis | Cluster): void {
  client.defineCommand('tsCreate', { numberOfKeys: 1, lua: CREATE });
  client.defineCommand('tsReplace', { numberOfKeys: 1, lua: REPLACE });
  client.defineCommand('tsDelete', { numberOfKeys: 2, lua: DELETE });
  client.defineCommand('tsRelease', { numberOfKeys: 1, lua: RELEASE });
}

/** What {@link redisOperations} needs besides the connected client. */
export interface RedisOperationsOptions {
  prefix: string;
  clock: () => number;
  ping: () => Promise<unknown>;
  close: () => Promise<void>;
  warnings: readonly string[];
}

/**
 * The store's operations on a connected client, one Redis or a Cluster alike. The keys of one
 * handle share the hash tag `{key}` (one slot: its scripts are single-slot); the expiry index is
 * a key of its own, written after the entry: if that write fails, the entry's own TTL (its
 * lifetime) removes it anyway, so the index is an optimisation for purging, never the truth.
 */
export function redisOperations(
  client: Redis | Cluster,
  options: RedisOperationsOptions,
): Omit<ReferenceStore, 'kind'> {
  const { prefix, clock } = options;
  const scripts = client as unknown as ScriptCommands;
  const entryKey = (key: string) => `${prefix}{${key}}:e`;
  const lockKey = (key: string) => `${prefix}{${key}}:l`;
  const indexKey = `${prefix}expiry`;
  let closed = false;

  /** Any client error (disconnected, timeout, READONLY, CLUSTERDOWN, …) is an outage. */
  const call = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreUnavailableError('redis', new Error('store closed'));
    try {
      return await operation();
    } catch (error) {
      throw new StoreUnavailableError('redis', error);
    }
  };
  const remove = async (key: string, expected: string): Promise<boolean> => {
    const deleted = (await scripts.tsDelete(entryKey(key), lockKey(key), expected)) === 1;
    // A failed ZREM leaves a stale index member; the next purge drops it.
    if (deleted) await client.zrem(indexKey, key).catch(() => undefined);
    return deleted;
  };

  return {
    get: (key) =>
      call(async () => {
        const hash = await client.hgetall(entryKey(key));
        return hash.t === undefined ? undefined : fromHash(key, hash);
      }),
    create: (entry) =>
      call(async () => {
        const ttlMs = Math.max(1, entry.expiresAt - clock());
        const created = await scripts.tsCreate(
          entryKey(entry.key),
          entry.clientId,
          entry.sealedToken,
          entry.version,
          entry.authorizedAt,
          entry.expiresAt,
          ttlMs,
          entry.sealedResult ?? '',
          entry.resultExpiresAt ?? 0,
        );
        if (created !== 1) return false;
        await client.zadd(indexKey, entry.expiresAt, entry.key).catch(() => undefined);
        return true;
      }),
    replaceToken: (key, update, expectedVersion) =>
      call(async () => {
        const replaced = await scripts.tsReplace(
          entryKey(key),
          update.sealedToken,
          update.sealedResult ?? '',
          update.resultExpiresAt ?? 0,
          expectedVersion === undefined ? '' : String(expectedVersion),
        );
        return replaced === 1;
      }),
    delete: (key, expectedVersion) =>
      call(() => remove(key, expectedVersion === undefined ? '' : String(expectedVersion))),
    acquireLock: (key, ttlMs) =>
      call(async () => {
        const token = newLockToken();
        const set = await client.set(lockKey(key), token, 'PX', Math.max(1, ttlMs), 'NX');
        return set === 'OK' ? token : undefined;
      }),
    releaseLock: (key, token) =>
      call(async () => (await scripts.tsRelease(lockKey(key), token)) === 1),
    purgeExpired: (now) =>
      call(async () => {
        let purged = 0;
        for (;;) {
          const keys = await client.zrangebyscore(indexKey, '-inf', now, 'LIMIT', 0, PURGE_BATCH);
          const deleted = await Promise.all(keys.map((key) => remove(key, '')));
          purged += deleted.filter(Boolean).length;
          // Members whose entry was already gone (revoked, expired by TTL) leave the index too.
          if (keys.length > 0) await client.zrem(indexKey, ...keys);
          if (keys.length < PURGE_BATCH) return purged;
        }
      }),
    ping: () => call(async () => void (await options.ping())),
    count: () => call(() => client.zcard(indexKey)),
    warnings: options.warnings,
    async close() {
      if (closed) return;
      closed = true;
      await options.close();
    },
  };
}

function fromHash(key: string, hash: Record<string, string>): StoredEntry {
  return {
    key,
    clientId: hash.c ?? '',
    sealedToken: hash.t ?? '',
    version: Number(hash.v),
    authorizedAt: Number(hash.a),
    expiresAt: Number(hash.x),
    ...(hash.r === undefined ? {} : { sealedResult: hash.r, resultExpiresAt: Number(hash.rx) }),
  };
}
