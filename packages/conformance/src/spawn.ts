import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

/** Values for the placeholders allowed in `--spawn`, `--env` values and the URLs. */
export interface PlaceholderValues {
  accounts_url: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
  /** A free port chosen for this instance. */
  port: string;
  /** 32 random bytes, base64url: a fresh encryption key per instance. */
  random_key: string;
  /** 32 random bytes, hex: a fresh secret per instance. */
  random_secret: string;
}

/** Every placeholder name, for docs and for telling users what a template may hold. */
export const PLACEHOLDERS = [
  'accounts_url',
  'client_id',
  'client_secret',
  'redirect_uri',
  'port',
  'random_key',
  'random_secret',
] as const satisfies readonly (keyof PlaceholderValues)[];

const PLACEHOLDER_PATTERN = new RegExp(`\\{(${PLACEHOLDERS.join('|')})\\}`, 'g');

/**
 * Replaces `{name}` placeholders; unknown `{…}` text is left alone (shell braces, JSON).
 *
 * @example
 * ```ts
 * fillPlaceholders('node server.js --port {port}', values); // 'node server.js --port 41234'
 * ```
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (_, name: keyof PlaceholderValues) => values[name]);
}

/** True when a template (command or env value) draws on a per-instance random value. */
export function usesRandomPlaceholder(template: string): boolean {
  return template.includes('{random_key}') || template.includes('{random_secret}');
}

/** Fresh per-instance values: a free port and random key material. */
export async function instanceValues(
  shared: Pick<PlaceholderValues, 'accounts_url' | 'client_id' | 'client_secret' | 'redirect_uri'>,
): Promise<PlaceholderValues> {
  return {
    ...shared,
    port: String(await freePort()),
    random_key: randomBytes(32).toString('base64url'),
    random_secret: randomBytes(32).toString('hex'),
  };
}

/** Asks the OS for a free port on 127.0.0.1 (released at once; the server binds it next). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** A server process the suite started, in a process group of its own. */
export interface SpawnedServer {
  readonly pid: number;
  /** The last few KB of its stdout+stderr, for a startup failure message. */
  output(): string;
  /** True once the process exited (on its own or stopped). */
  exited(): boolean;
  /** Stops the whole process group: SIGTERM, then SIGKILL after 3 s. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_BYTES = 8 * 1024;

/**
 * Starts `command` through the shell, detached, so that `kill(-pid)` reaches the shell and every
 * child it started (npm scripts, `bundle exec`, `php -S` and the like spawn grandchildren).
 */
export function spawnServer(options: {
  command: string;
  env: Record<string, string>;
  cwd?: string | undefined;
}): SpawnedServer {
  const child: ChildProcess = spawn(options.command, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', (error) => {
      keep(Buffer.from(`spawn error: ${error.message}\n`));
      hasExited = true;
      resolve();
    });
  });
  const pid = child.pid ?? -1;
  // If the runner dies without cleaning up, do not leave servers holding ports behind.
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  return {
    pid,
    output: () => tail,
    exited: () => hasExited,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (pid < 0) return;
      // The shell may exit at once while the server it started (a grandchild) shuts down
      // gracefully: wait for the whole group, then SIGKILL whatever is left.
      signalGroup(pid, 'SIGTERM');
      const gone = await groupGoneWithin(pid, 3_000);
      if (!gone) {
        signalGroup(pid, 'SIGKILL');
        await groupGoneWithin(pid, 1_000);
      }
      await exitWithin(exit, 1_000);
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/** Polls until no process of the group is left (zombies aside), at most `ms`. */
async function groupGoneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!groupExists(pid)) return true;
    await sleep(25);
  }
  return !groupExists(pid);
}

function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `exit` at most `ms`; the timer is cleared so it never holds the process open. */
async function exitWithin(exit: Promise<void>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      exit.then(() => true),
      sleep(ms, false, { signal: timer.signal }).catch(() => false),
    ]);
  } finally {
    timer.abort();
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Thrown when a spawned server does not come up; carries its output tail. */
export class ServerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}

/**
 * Waits until `url` gives any HTTP answer (a 404 or 405 to a GET is fine: the server listens).
 * Fails early when the process exits.
 */
export async function waitForHttp(
  url: string,
  server: SpawnedServer,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // An agent of its own, closed at the end: no idle keep-alive socket outlives the wait.
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    await poll(url, server, deadline, dispatcher);
  } finally {
    await dispatcher.close();
  }
}

async function poll(
  url: string,
  server: SpawnedServer,
  deadline: number,
  dispatcher: Agent,
): Promise<void> {
  const timeoutMs = deadline - Date.now();
  while (Date.now() < deadline) {
    if (server.exited()) {
      throw new ServerStartError(
        `the spawned server exited before answering ${url}:\n${server.output()}`,
      );
    }
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher,
        signal: AbortSignal.timeout(1_000),
      });
      await res.body.dump();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new ServerStartError(
    `the spawned server did not answer ${url} within ${timeoutMs} ms:\n${server.output()}`,
  );
}
