import { Cluster, Redis } from 'ioredis';
import { durabilityWarnings } from './internal/redis-durability.js';
import { defineScripts, redisOperations } from './internal/redis-operations.js';
import type { ReferenceStore, StoreFactoryOptions } from './store.js';

/** Options shared by {@link openRedisStore} and {@link openRedisClusterStore}. */
export interface RedisCommonOptions extends StoreFactoryOptions {
  /** Prefix of every key this store writes (no `{`: hash tags are the store's); default `'tokenswap:ref:'`. */
  keyPrefix?: string;
  /** A command that takes longer counts as an outage (ms); default 2000. */
  commandTimeoutMs?: number;
  /** Connection attempt budget at start-up and on reconnects (ms); default 2000. */
  connectTimeoutMs?: number;
  /** Told about connection errors (the store keeps reconnecting); default: ignored. */
  onError?: (error: Error) => void;
}

/** Options of {@link openRedisStore}. */
export interface RedisStoreOptions extends RedisCommonOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
}

/** Options of {@link openRedisClusterStore}. */
export interface RedisClusterStoreOptions extends RedisCommonOptions {
  /** Seed nodes; the rest of the cluster is discovered from them. */
  nodes: readonly { host: string; port: number }[];
  username?: string;
  password?: string;
  tls?: boolean;
}

/** A Redis-backed {@link ReferenceStore}. */
export interface RedisStore extends ReferenceStore {
  readonly kind: 'redis';
}

/**
 * Connects a Redis {@link ReferenceStore}, for several replicas sharing tokens and locks.
 * Fails fast: commands are not queued while disconnected, so an outage answers at once
 * (`StoreUnavailableError` → 503) instead of hanging requests; the client keeps reconnecting in
 * the background and the store works again as soon as Redis is back. Rejects (plain `Error`,
 * host and port only — never the password) when Redis cannot be reached at start-up. Reads the
 * server's eviction and persistence settings once and lists what is unsafe in `warnings`.
 *
 * @example
 * ```ts
 * const store = await openRedisStore({ url: 'redis://127.0.0.1:6379' });
 * for (const warning of store.warnings) log.warn(warning);
 * ```
 */
export async function openRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  const where = describeUrl(options.url);
  return connected(client, options, where, async () => durabilityWarnings(client, where));
}

/**
 * Connects a Redis Cluster {@link ReferenceStore}: the keys of one handle share a hash tag (one
 * slot), so every script runs on one shard; slots that move (resharding, failover) are followed
 * by ioredis's cluster client. While a shard has no master (the seconds of a failover), its
 * handles answer 503 like any outage. Warnings are gathered from every master.
 *
 * @example
 * ```ts
 * const store = await openRedisClusterStore({ nodes: [{ host: '10.0.0.1', port: 6379 }] });
 * ```
 */
export async function openRedisClusterStore(
  options: RedisClusterStoreOptions,
): Promise<RedisStore> {
  const client = new Cluster([...options.nodes], {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Follow a failover quickly: re-read the slot map on errors and every second.
    slotsRefreshInterval: 1000,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    redisOptions: {
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      connectTimeout: options.connectTimeoutMs ?? 2000,
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.tls === true ? { tls: {} } : {}),
    },
  });
  const where = options.nodes.map((node) => `${node.host}:${node.port}`).join(',');
  return connected(client, options, `cluster ${where}`, async () => {
    const masters = client.nodes('master');
    const found = await Promise.all(
      masters.map((node) => durabilityWarnings(node, `${node.options.host}:${node.options.port}`)),
    );
    return found.flat();
  });
}

async function connected(
  client: Redis | Cluster,
  options: RedisCommonOptions,
  where: string,
  checkDurability: () => Promise<string[]>,
): Promise<RedisStore> {
  const prefix = options.keyPrefix ?? 'tokenswap:ref:';
  if (prefix.includes('{')) throw new Error('Redis key prefix must not contain "{"');
  client.on('error', (error: Error) => options.onError?.(error));
  defineScripts(client);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Cannot reach Redis at ${where}`, { cause: error });
  }
  const warnings = await checkDurability().catch((error: unknown) => [
    `${where}: eviction and persistence settings could not be checked (${error instanceof Error ? error.message : String(error)})`,
  ]);
  const operations = redisOperations(client, {
    prefix,
    clock: options.clock ?? Date.now,
    warnings,
    ping: () =>
      client instanceof Cluster
        ? Promise.all(client.nodes('master').map((node) => node.ping()))
        : client.ping(),
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  });
  return { kind: 'redis', ...operations };
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
