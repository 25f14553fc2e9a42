import { type ChildProcess, spawn } from 'node:child_process';

/** A child process whose output is collected, with a bounded wait for a line it prints. */
export interface ChildOutput {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves once stdout matches; rejects when the process exits first or `timeoutMs` passes. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGTERM) if it still runs and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** How {@link spawnWithOutput} starts a process. */
export interface SpawnOptions {
  /** The child's whole environment, apart from the variables named in `inherit`. */
  env?: Record<string, string>;
  /** Variables taken from this process's environment: default PATH only; `'all'` for a CLI run as a user would. */
  inherit?: readonly string[] | 'all';
  cwd?: string;
}

/**
 * Spawns `command args` with exactly the given environment (so the test runner's own settings,
 * proxies included, never leak in) and collects its output.
 *
 * @example
 * ```ts
 * const server = spawnWithOutput(process.execPath, ['server.mjs'], { env: { PORT: '0' } });
 * const [, url] = await server.waitFor(/listening on (\S+)/);
 * await server.stop();
 * ```
 */
export function spawnWithOutput(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): ChildOutput {
  const inherit = options.inherit ?? ['PATH'];
  const env: Record<string, string | undefined> = {};
  for (const name of inherit === 'all' ? Object.keys(process.env) : inherit) {
    env[name] = process.env[name];
  }
  const child = spawn(command, args, {
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    // A command that cannot start never exits; it errors.
    child.once('error', () => resolve(null));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const settle = (error?: Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          if (error !== undefined) reject(error);
        };
        const check = () => {
          const match = out.match(pattern);
          if (match === null) return;
          settle();
          resolve(match);
        };
        const timer = setTimeout(
          () => settle(new Error(`no ${pattern} in ${timeoutMs} ms:\n${out}\n${err}`)),
          timeoutMs,
        );
        child.stdout?.on('data', check);
        void exited.then((code) => {
          // Output read before the exit event may still hold the match.
          if (out.match(pattern) === null)
            settle(new Error(`exited (${code}) before ${pattern}:\n${out}\n${err}`));
        });
        check();
      }),
    async stop(signal = 'SIGTERM') {
      if (!running()) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** How a process that ran to its end went. */
export interface FinishedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args` to its end (a CLI invocation) and resolves with its exit code and output;
 * a run still going after `timeoutMs` (default 60 s) is killed and fails the call.
 */
export async function runToExit(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<FinishedRun> {
  const run = spawnWithOutput(command, args, options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void run.stop('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} still ran after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([run.exited, timedOut]);
    // 'exit' can come before the last output: wait for the streams to end too.
    await Promise.all(
      [run.child.stdout, run.child.stderr].map(
        (stream) =>
          new Promise<void>((resolve) => {
            if (stream === null || stream.readableEnded || stream.destroyed) resolve();
            else stream.once('close', () => resolve());
          }),
      ),
    );
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    clearTimeout(timer);
  }
}
