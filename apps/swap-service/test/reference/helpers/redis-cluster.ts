import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from '@tokenswap/test-support';
import { startRedisServer } from '@tokenswap/test-support/redis';
import { Redis } from 'ioredis';

/**
 * A real Redis Cluster of Debian's `redis-server` on 127.0.0.1: three masters with one replica
 * each, created with `redis-cli --cluster create`, each node in its own temporary directory.
 * `cluster-node-timeout` is 1 s so that a failover takes seconds, not the default 15+.
 */
export interface RedisCluster {
  /** Seed nodes (all six). */
  readonly nodes: readonly { host: string; port: number }[];
  /** `redis+cluster://…` for TOKEN_STORE. */
  readonly url: string;
  /** The port of the master currently serving `key`'s slot. */
  masterOf(key: string): Promise<number>;
  /** SIGKILLs the node on `port` (a crash: its replica takes over after the node timeout). */
  kill(port: number): Promise<void>;
  /** Resolves once every slot is served by a live master again (`cluster_state:ok`). */
  waitHealthy(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

const NODE_TIMEOUT_MS = 1000;

export async function startRedisCluster(): Promise<RedisCluster> {
  const { dir, ports, children } = await createClusterNodes();
  const killed = new Set<number>();
  const alive = () => ports.filter((port) => !killed.has(port));
  const connectTo = (port: number): Redis => {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    return client;
  };
  const ask = async <T>(work: (client: Redis) => Promise<T>): Promise<T> => {
    const client = connectTo(alive()[0] ?? 0);
    try {
      await client.connect();
      return await work(client);
    } finally {
      client.disconnect();
    }
  };
  const cluster: RedisCluster = {
    nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    masterOf: (key) =>
      ask(async (client) => {
        const slot = Number(await client.cluster('KEYSLOT', key));
        const slots = (await client.cluster('SLOTS')) as unknown as [
          number,
          number,
          [string, number],
        ][];
        const range = slots.find(([start, end]) => slot >= start && slot <= end);
        if (range === undefined) throw new Error(`no master serves slot ${slot}`);
        return Number(range[2][1]);
      }),
    async kill(port) {
      const child = children.get(port);
      if (child === undefined || killed.has(port)) return;
      killed.add(port);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    async waitHealthy(timeoutMs = 20_000) {
      await waitUntil(
        async () => {
          const states = await Promise.all(
            alive().map(async (port) => {
              const client = connectTo(port);
              try {
                await client.connect();
                return String(await client.cluster('INFO')).includes('cluster_state:ok');
              } catch {
                return false;
              } finally {
                client.disconnect();
              }
            }),
          );
          return states.every(Boolean);
        },
        { what: 'the redis cluster to become healthy', timeoutMs, intervalMs: 100 },
      );
    },
    async dispose() {
      await Promise.all(alive().map((port) => cluster.kill(port)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.waitHealthy();
  await waitForReplicas(ports);
  return cluster;
}

async function startNode(port: number, busPort: number, dir: string): Promise<ChildProcess> {
  mkdirSync(dir);
  const node = await startRedisServer(
    [
      '--port',
      String(port),
      '--cluster-port',
      String(busPort),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-node-timeout',
      String(NODE_TIMEOUT_MS),
      // Replicas sync at once (the default waits 5 s for more replicas to share one transfer).
      '--repl-diskless-sync-delay',
      '0',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    dir,
  );
  return node.child;
}

/** Resolves once every replica has its initial copy (a failover before that would lose data). */
async function waitForReplicas(ports: readonly number[]): Promise<void> {
  await waitUntil(
    () => {
      const infos = ports.map(
        (port) =>
          spawnSync('redis-cli', ['-p', String(port), 'INFO', 'replication'], { encoding: 'utf8' })
            .stdout,
      );
      const replicas = infos.filter((info) => info.includes('role:slave'));
      return (
        replicas.length === 3 && replicas.every((info) => info.includes('master_link_status:up'))
      );
    },
    { what: 'the redis cluster replicas to sync', timeoutMs: 20_000, intervalMs: 100 },
  );
}

interface ClusterNodes {
  dir: string;
  ports: number[];
  children: Map<number, ChildProcess>;
}

/**
 * Six nodes on free ports, made one cluster. A port that `freePort` saw free can be taken by
 * another process before its node binds it (parallel test files, other checkouts on the
 * machine), and six nodes starting at once on a loaded machine can miss the start-up timeout:
 * so a failed attempt is retried on fresh ports, twice at most.
 */
async function createClusterNodes(): Promise<ClusterNodes> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tryCreateClusterNodes();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function tryCreateClusterNodes(): Promise<ClusterNodes> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 6; i += 1) ports.push(await freePort());
  const children = new Map<number, ChildProcess>();
  try {
    // Settled, not `all`: when one node fails, the others still starting are killed too.
    const started = await Promise.allSettled(
      ports.map(async (port) => {
        children.set(port, await startNode(port, await freePort(), join(dir, String(port))));
      }),
    );
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0)
      throw new Error(`cluster create failed: ${created.stdout}${created.stderr}`);
  } catch (error) {
    for (const child of children.values()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, ports, children };
}
