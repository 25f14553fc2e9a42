import { Redis } from 'ioredis';
import { newLockToken } from './internal/lock-token.js';
import { CREATE, DELETE, PURGE, RELEASE, REPLACE } from './internal/redis-scripts.js';
import type { ReferenceStore, StoredEntry, StoreFactoryOptions } from './store.js';
import { StoreUnavailableError } from './store-unavailable.js';

/** Options of {@link openRedisStore}. */
export interface RedisStoreOptions extends StoreFactoryOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** Prefix of every key this store writes; default `'tokenswap:ref:'`. */
  keyPrefix?: string;
  /** A command that takes longer counts as an outage (ms); default 2000. */
  commandTimeoutMs?: number;
  /** Connection attempt budget at start-up and on reconnects (ms); default 2000. */
  connectTimeoutMs?: number;
  /** Told about connection errors (the store keeps reconnecting); default: ignored. */
  onError?: (error: Error) => void;
}

/** A Redis-backed {@link ReferenceStore}. */
export interface RedisStore extends ReferenceStore {
  readonly kind: 'redis';
}

interface ScriptCommands {
  tsCreate(...args: (string | number)[]): Promise<number>;
  tsReplace(...args: (string | number)[]): Promise<number>;
  tsDelete(...args: (string | number)[]): Promise<number>;
  tsRelease(...args: (string | number)[]): Promise<number>;
  tsPurge(...args: (string | number)[]): Promise<[number, number]>;
}

const PURGE_BATCH = 500;

/**
 * Connects a Redis {@link ReferenceStore}, for several replicas sharing tokens and locks.
 * Fails fast: commands are not queued while disconnected, so an outage answers at once
 * (`StoreUnavailableError` → 503) instead of hanging requests; the client keeps reconnecting in
 * the background and the store works again as soon as Redis is back. Rejects (plain `Error`,
 * host and port only — never the password) when Redis cannot be reached at start-up.
 *
 * @example
 * ```ts
 * const store = await openRedisStore({ url: 'redis://127.0.0.1:6379' });
 * ```
 */
export async function openRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const clock = options.clock ?? Date.now;
  const prefix = options.keyPrefix ?? 'tokenswap:ref:';
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  client.on('error', (error: Error) => options.onError?.(error));
  client.defineCommand('tsCreate', { numberOfKeys: 2, lua: CREATE });
  client.defineCommand('tsReplace', { numberOfKeys: 1, lua: REPLACE });
  client.defineCommand('tsDelete', { numberOfKeys: 3, lua: DELETE });
  client.defineCommand('tsRelease', { numberOfKeys: 1, lua: RELEASE });
  client.defineCommand('tsPurge', { numberOfKeys: 1, lua: PURGE });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot reach Redis at ${describeUrl(options.url)}`, { cause: error });
  }
  const scripts = client as unknown as ScriptCommands;
  const entryKey = (key: string) => `${prefix}e:${key}`;
  const lockKey = (key: string) => `${prefix}l:${key}`;
  const indexKey = `${prefix}expiry`;
  let closed = false;

  /** Any client error (disconnected, timeout, READONLY, …) is an outage. */
  const call = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreUnavailableError('redis', new Error('store closed'));
    try {
      return await operation();
    } catch (error) {
      throw new StoreUnavailableError('redis', error);
    }
  };

  return {
    kind: 'redis',
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
          indexKey,
          entry.key,
          entry.clientId,
          entry.sealedToken,
          entry.version,
          entry.authorizedAt,
          entry.expiresAt,
          ttlMs,
          entry.sealedResult ?? '',
          entry.resultExpiresAt ?? 0,
        );
        return created === 1;
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
    delete: (key) =>
      call(async () => (await scripts.tsDelete(entryKey(key), lockKey(key), indexKey, key)) === 1),
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
          const [deleted, visited] = await scripts.tsPurge(
            indexKey,
            now,
            `${prefix}e:`,
            `${prefix}l:`,
            PURGE_BATCH,
          );
          purged += deleted;
          if (visited < PURGE_BATCH) return purged;
        }
      }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
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

/** `host:port` of a Redis URL, for error messages that must not carry credentials. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured URL';
  }
}
