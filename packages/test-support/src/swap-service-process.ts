import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ChildOutput, spawnWithOutput } from './child-process.js';

// The swap service's built entry points. Tests that spawn one need `pnpm build` first (as
// `pnpm test` and `pnpm test:hardening` do). Paths in the monorepo, not imports: the swap
// service's own tests use this package, so it cannot depend on the swap service.

/** The bundled entry: what the `tokenswap-swap-service` bin, `pnpm start` and the docs run. */
export const SWAP_SERVICE_ENTRY = fileURLToPath(
  new URL('../../../apps/swap-service/dist/server.bundle.js', import.meta.url),
);
/** tsc's unbundled `dist/server.js`, the bundle's input (for tests that compare the two). */
export const SWAP_SERVICE_SERVER_JS = fileURLToPath(
  new URL('../../../apps/swap-service/dist/server.js', import.meta.url),
);

/** Options of {@link spawnSwapServer} and {@link startSwapServer}. */
export interface SwapServerOptions {
  /** Flags for `node` before the entry. */
  nodeArgs?: readonly string[];
  /** The entry to run; default {@link SWAP_SERVICE_ENTRY}, the bundle users run. */
  entry?: string;
}

/**
 * Spawns `node dist/server.bundle.js` (or `options.entry`) with exactly `env` (plus PATH) and
 * returns at once, for tests that watch it start, refuse to start or stop.
 */
export function spawnSwapServer(
  env: Record<string, string>,
  options: SwapServerOptions = {},
): ChildOutput {
  const entry = options.entry ?? SWAP_SERVICE_ENTRY;
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run pnpm build first`);
  }
  return spawnWithOutput(process.execPath, [...(options.nodeArgs ?? []), entry], { env });
}

/** A swap service process that has printed its banner. */
export interface RunningSwapServer extends ChildOutput {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  swapUrl: string;
  refreshUrl: string;
  /** Resident set size now (KiB). */
  rssKiB(): number;
  /** SIGKILLs it if it still runs. */
  dispose(): Promise<void>;
}

const BANNER = /swap: +POST (\S+)\n\s+refresh: +POST (\S+)/;

/** {@link spawnSwapServer}, then waits (up to 30 s) for the banner that names its URLs. */
export async function startSwapServer(
  env: Record<string, string>,
  options: SwapServerOptions = {},
): Promise<RunningSwapServer> {
  const server = spawnSwapServer(env, options);
  let match: RegExpMatchArray;
  try {
    match = await server.waitFor(BANNER, 30_000);
  } catch (error) {
    await server.stop('SIGKILL');
    throw new Error(`swap service did not start: ${(error as Error).message}`);
  }
  const swapUrl = match[1] as string;
  const pid = server.child.pid as number;
  return {
    ...server,
    pid,
    url: new URL(swapUrl).origin,
    swapUrl,
    refreshUrl: match[2] as string,
    rssKiB: () => readRssKiB(pid),
    dispose: () => server.stop('SIGKILL'),
  };
}

/** VmRSS of a process in KiB (Linux /proc). */
export function readRssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (line === null) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line[1]);
}
