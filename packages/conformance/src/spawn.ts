import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

export {
  fillPlaceholders,
  freePort,
  instanceValues,
  PLACEHOLDERS,
  type PlaceholderValues,
  usesRandomPlaceholder,
} from './placeholders.js';

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

/**
 * Thrown when the suite cannot be sure the server it spawned is the one answering: its port was
 * already taken, it exited before answering or during the run, or it never answered. Carries
 * the process's output tail. The CLI exits 2: there is no verdict to give.
 */
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

/**
 * Fails when something already answers at the URL's host and port: a stale server holding a
 * fixed port would be judged in place of the one the suite is about to spawn.
 */
export async function assertPortFree(url: string): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const portNumber = Number(port || (protocol === 'https:' ? 443 : 80));
  if (await somethingListens(host, portNumber)) {
    throw new ServerStartError(
      `port ${portNumber} on ${host} is already in use, so the suite could not tell the server it spawns from whatever holds it: stop that process (or give the URLs {port}) and run again`,
    );
  }
}

function somethingListens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1_000);
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Fails when a spawned server has exited: whatever answers now is not the process we started. */
export function assertAlive(server: SpawnedServer, when: string): void {
  if (!server.exited()) return;
  throw new ServerStartError(
    `the spawned server (pid ${server.pid}) exited ${when}; nothing it answers now can be judged:\n${server.output()}`,
  );
}
