import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnWithOutput } from '@tokenswap/test-support';

/** A fixture server started as its own process, as the conformance CLI's --spawn would. */
export interface FixtureServer {
  readonly url: string;
  /** What the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Spawns `command args` with exactly `env` (plus PATH/HOME/LANG, so the test runner's own proxy
 * settings never leak in) and waits for the fixture's "listening on URL" line.
 */
export async function spawnFixture(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<FixtureServer> {
  const child = spawnWithOutput(command, args, { env, inherit: ['PATH', 'HOME', 'LANG'] });
  let url: string;
  try {
    url = (await child.waitFor(READY, timeoutMs))[1] as string;
  } catch (error) {
    await child.stop();
    throw new Error(`fixture did not start: ${(error as Error).message}`);
  }
  return { url, stderr: child.stderr, stop: () => child.stop() };
}

/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when this Node's `http`/`https` honour HTTPS_PROXY under NODE_USE_ENV_PROXY=1. */
export function nodeSupportsEnvProxy(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major === 22) return minor >= 21;
  if (major === 24) return minor >= 5;
  return major >= 25;
}
