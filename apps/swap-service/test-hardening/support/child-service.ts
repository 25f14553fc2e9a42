import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './http.js';

/** The built entry point (`pnpm test:hardening` builds first). */
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./loop-delay-probe.mjs', import.meta.url));

/** Event-loop delay of the child over one window, in ms. */
export interface LoopDelay {
  seq: number;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** V8 heap in use when the window ended. */
  heapUsedKiB: number;
}

/** A swap service running as `node dist/server.js` in a child process. */
export interface ServiceChild {
  child: ChildProcess;
  pid: number;
  url: string;
  swapUrl: string;
  refreshUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process exits. */
  exited: Promise<number | null>;
  /** Resident set size now, from /proc/<pid>/status (KiB). */
  rssKiB(): number;
  /** Ends the current loop-delay window and returns it (needs `loopDelayProbe`). */
  loopDelay(): Promise<LoopDelay>;
  /** SIGKILLs the child if it still runs, removes temp files. */
  dispose(): Promise<void>;
}

/**
 * Spawns the built service with exactly `env` (plus PATH) and waits for its banner. With
 * `loopDelayProbe` the probe is preloaded (see loop-delay-probe.mjs).
 */
export async function spawnService(
  env: Record<string, string>,
  options: { loopDelayProbe?: boolean } = {},
): Promise<ServiceChild> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run pnpm build first`);
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-hardening-'));
  const loopFile = join(dir, 'loop-delay.json');
  const args = options.loopDelayProbe ? ['--import', PROBE, SERVER_JS] : [SERVER_JS];
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...env,
      ...(options.loopDelayProbe ? { HARDENING_LOOP_DELAY_FILE: loopFile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const started = Date.now();
  let match: RegExpMatchArray | null = null;
  while (match === null) {
    match = out.match(/swap: +POST (\S+)\n\s+refresh: +POST (\S+)/);
    if (match !== null) break;
    if (child.exitCode !== null || Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`swap service did not start:\n${out}\n${err}`);
    }
    await sleep(25);
  }
  const swapUrl = match[1] as string;
  const refreshUrl = match[2] as string;
  const pid = child.pid as number;
  let lastSeq = 0;
  return {
    child,
    pid,
    url: new URL(swapUrl).origin,
    swapUrl,
    refreshUrl,
    stdout: () => out,
    stderr: () => err,
    exited,
    rssKiB: () => readRssKiB(pid),
    async loopDelay() {
      child.kill('SIGUSR2');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        if (existsSync(loopFile)) {
          const snapshot = JSON.parse(readFileSync(loopFile, 'utf8')) as LoopDelay;
          if (snapshot.seq > lastSeq) {
            lastSeq = snapshot.seq;
            return snapshot;
          }
        }
        await sleep(20);
      }
      throw new Error('the loop-delay probe did not answer');
    },
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** VmRSS of a process in KiB (Linux /proc). */
export function readRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (line === null) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line[1]);
}

/** The JSON log lines of a pino log (other lines, like the banner, are skipped). */
export function logLines(text: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial last line
    }
  }
  return lines;
}
