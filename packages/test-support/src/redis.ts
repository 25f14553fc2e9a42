import { type ChildProcess, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type ChildOutput, spawnWithOutput } from './child-process.js';
import { freePort } from './free-port.js';

/**
 * Real Redis for the tests. CI (.ci/run) starts one on 127.0.0.1:6379 and sets REDIS_URL; locally
 * the tests spawn their own `redis-server` on a free port. Without either, Redis tests skip with
 * a stated reason — except in CI (`process.env.CI` set), where they fail.
 */
export const redisServerInstalled =
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** Why Redis tests cannot run here, or `undefined` when they can. */
export const redisUnavailableReason: string | undefined =
  process.env.REDIS_URL !== undefined || redisServerInstalled
    ? undefined
    : 'no REDIS_URL and no redis-server on PATH (apt-get install redis-server)';

/** True when Redis tests must skip (only outside CI). */
export const skipRedis = redisUnavailableReason !== undefined && process.env.CI === undefined;

/** True when tests that need their own redis-server (outages) must skip (only outside CI). */
export const skipOwnRedis = !redisServerInstalled && process.env.CI === undefined;

/** A key prefix unique to one test, so tests sharing CI's Redis never see each other's keys. */
export function uniquePrefix(): string {
  const prefix = `tokenswap-test:${randomUUID()}:`;
  usedPrefixes.add(prefix);
  return prefix;
}

const usedPrefixes = new Set<string>();

/** Deletes the keys matching each pattern (tests clean up after themselves on a shared Redis). */
export async function deleteKeys(url: string, ...patterns: string[]): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    for (const pattern of patterns) {
      const keys = await client.keys(pattern);
      if (keys.length > 0) await client.del(...keys);
    }
  } finally {
    client.disconnect();
  }
}

/** Deletes every key this test file wrote to a Redis it does not own (CI's shared one). */
function deleteTestKeys(url: string): Promise<void> {
  return deleteKeys(url, ...[...usedPrefixes].map((prefix) => `${prefix}*`));
}

/** A redis-server process this test owns (never CI's shared one). */
export interface SpawnedRedis {
  readonly port: number;
  readonly url: string;
  /** Writes the data set to its directory now (so a restart after a crash finds it). */
  save(): void;
  /** Saves the data set to its directory, then exits (like a planned restart). */
  shutdownWithSave(): Promise<void>;
  /** SIGKILL: a crash, nothing saved. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs (connections stay open, nothing answers). */
  pause(): void;
  resume(): void;
  /** Starts again on the same port and directory (loads what was saved). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/** Spawns redis-server on a free 127.0.0.1 port with its own temporary directory. */
export async function spawnRedis(): Promise<SpawnedRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-redis-'));
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    child = (
      await startRedisServer(
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        dir,
      )
    ).child;
  };

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };

  const save = (): void => {
    // Persistence is off (--save ''), so snapshots happen only when asked (redis-cli ships
    // with redis-server); a restart in the same directory loads dump.rdb.
    const saved = spawnSync('redis-cli', ['-p', String(port), 'SAVE'], { encoding: 'utf8' });
    if (saved.stdout.trim() !== 'OK') throw new Error(`redis SAVE failed: ${saved.stderr}`);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    save,
    async shutdownWithSave() {
      save();
      await stop('SIGTERM');
    },
    kill: () => stop('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    start,
    async dispose() {
      child?.kill('SIGCONT');
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Redis URL for shared tests: REDIS_URL when set (CI), else a spawned server (dispose it in
 * afterAll via the returned function).
 */
export async function redisForTests(): Promise<{ url: string; dispose: () => Promise<void> }> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv !== undefined) return { url: fromEnv, dispose: () => deleteTestKeys(fromEnv) };
  if (!redisServerInstalled) throw new Error(redisUnavailableReason);
  const spawned = await spawnRedis();
  return { url: spawned.url, dispose: () => spawned.dispose() };
}

/**
 * Starts `redis-server args` in `cwd` and resolves once it accepts connections (10 s at most);
 * the building block of {@link spawnRedis} and of a test's own cluster nodes.
 */
export async function startRedisServer(args: readonly string[], cwd: string): Promise<ChildOutput> {
  const server = spawnWithOutput('redis-server', args, { env: {}, cwd });
  try {
    await server.waitFor(/Ready to accept connections/, 10_000);
  } catch (error) {
    await server.stop('SIGKILL');
    throw new Error(`redis-server did not start: ${(error as Error).message}`);
  }
  return server;
}
