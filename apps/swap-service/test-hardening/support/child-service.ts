import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '@tokenswap/test-support';
import {
  type RunningSwapServer,
  startSwapServer,
} from '@tokenswap/test-support/swap-service-process';

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

/** The built swap service in a child process, as the hardening suite measures it. */
export interface ServiceChild extends RunningSwapServer {
  /** Ends the current loop-delay window and returns it (needs `loopDelayProbe`). */
  loopDelay(): Promise<LoopDelay>;
}

/**
 * Starts the built service with exactly `env` (plus PATH) and waits for its banner. With
 * `loopDelayProbe` the probe is preloaded (see loop-delay-probe.mjs).
 */
export async function spawnService(
  env: Record<string, string>,
  options: { loopDelayProbe?: boolean; entry?: string; nodeArgs?: readonly string[] } = {},
): Promise<ServiceChild> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenswap-hardening-'));
  const loopFile = join(dir, 'loop-delay.json');
  let server: RunningSwapServer;
  try {
    server = await startSwapServer(
      options.loopDelayProbe ? { ...env, HARDENING_LOOP_DELAY_FILE: loopFile } : env,
      {
        nodeArgs: [
          ...(options.nodeArgs ?? []),
          ...(options.loopDelayProbe ? ['--import', PROBE] : []),
        ],
        ...(options.entry === undefined ? {} : { entry: options.entry }),
      },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let lastSeq = 0;
  return {
    ...server,
    async loopDelay() {
      server.child.kill('SIGUSR2');
      let snapshot: LoopDelay | undefined;
      await waitUntil(
        () => {
          if (!existsSync(loopFile)) return false;
          snapshot = JSON.parse(readFileSync(loopFile, 'utf8')) as LoopDelay;
          return snapshot.seq > lastSeq;
        },
        { what: 'the loop-delay probe', timeoutMs: 10_000 },
      );
      lastSeq = (snapshot as LoopDelay).seq;
      return snapshot as LoopDelay;
    },
    async dispose() {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
