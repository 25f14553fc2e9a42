/**
 * Servers under test run as child `node` processes (never through pnpm, so the pid we sample
 * and signal is the server itself). Their output goes to a log file, not a pipe to us: reading
 * a pipe would cost the load generator CPU, and a full pipe would stall the child.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Children still running: killed if the bench itself exits early (error, Ctrl-C). */
const live = new Set();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts `node [...nodeArgs] script [...args]` with `env` added to a minimal environment.
 * @param {{ name: string, script: string, args?: string[], nodeArgs?: string[], env?: Record<string, string>, cwd?: string }} options
 */
export function spawnNode({ name, script, args = [], nodeArgs = [], env = {}, cwd }) {
  return spawnChild({
    name,
    file: process.execPath,
    args: [...nodeArgs, script, ...args],
    env,
    cwd,
  });
}

/**
 * Starts any server binary (`file [...args]`; Deno, Bun, workerd for the handler rows) the same
 * way. `HOME` is passed on too: Deno and Bun keep caches under it.
 * @param {{ name: string, file: string, args?: string[], env?: Record<string, string>, cwd?: string }} options
 */
export function spawnChild({ name, file, args = [], env = {}, cwd }) {
  const logPath = join(tmpdir(), `tokenswap-bench-${name}-${process.pid}-${Date.now()}.log`);
  const logFd = openSync(logPath, 'w');
  const startedAt = performance.now();
  const child = spawn(file, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  live.add(child);
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  return {
    name,
    child,
    pid: child.pid,
    startedAt,
    logPath,
    exited,
    isAlive: () => exitInfo === undefined,
    /** The last lines the child wrote, for error messages. */
    tail(lines = 20) {
      try {
        return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
    async stop(graceMs = 5_000) {
      if (exitInfo !== undefined) return exitInfo;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}
