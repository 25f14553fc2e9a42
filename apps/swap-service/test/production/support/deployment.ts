import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tokenswap/test-support';
import { fillPlaceholders, snippet } from '@tokenswap/test-support/markdown-snippets';

export { freePort };

/** The production chapter; every block these tests run is read from it by id. */
export const PRODUCTION_MD = new URL('../../../docs/production.md', import.meta.url);
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

export const doc = (id: string): string => snippet(PRODUCTION_MD, id);

/** Where the chapter's absolute paths land in this test. */
export interface Layout {
  /** Docker build context: holds `tarballs/`. */
  context: string;
  tarballs: string;
  /** Stands for `/srv/tokenswap`. */
  srv: string;
  /** Stands for `/etc/tokenswap`. */
  etc: string;
}

export function makeLayout(): Layout {
  const root = mkdtempSync(join(tmpdir(), 'tokenswap-production-'));
  const layout = {
    context: join(root, 'context'),
    tarballs: join(root, 'context', 'tarballs'),
    srv: join(root, 'srv', 'tokenswap'),
    etc: join(root, 'etc', 'tokenswap'),
  };
  mkdirSync(layout.tarballs, { recursive: true });
  mkdirSync(layout.etc, { recursive: true });
  return layout;
}

/** Replaces the chapter's absolute paths with the test's folders. */
export function mapPaths(text: string, layout: Layout): string {
  return text
    .replaceAll('/srv/tokenswap', layout.srv)
    .replaceAll('/etc/tokenswap', layout.etc)
    .replaceAll('/tmp/tarballs', layout.tarballs);
}

/**
 * Runs a shell snippet with bash (`set -e`), returning stdout. better-sqlite3's native build
 * (no prebuilt binary can be downloaded here) takes minutes on a shared CI machine; sealed mode
 * never loads it, so installs skip install scripts (`npm_config_ignore_scripts`) — the command
 * line stays the chapter's, and `pnpm test:pack` proves the full install.
 */
export function runShell(script: string, cwd: string, env: Record<string, string> = {}): string {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd,
    env: { ...process.env, npm_config_ignore_scripts: 'true', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 240_000,
  });
}

/** `KEY=VALUE` lines of an environment file (systemd's `EnvironmentFile`, `docker --env-file`). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    env[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return env;
}

/** The chapter's environment file, filled for this machine. */
export function envFile(values: {
  key: string;
  port: number;
  metricsPort: number;
  drainMs?: number;
}): string {
  return fillPlaceholders(doc('production-env'), {
    'SPOTIFY_CLIENT_ID=your-client-id': 'SPOTIFY_CLIENT_ID=tokenswap-demo-client',
    'SPOTIFY_CLIENT_SECRET=your-client-secret': 'SPOTIFY_CLIENT_SECRET=tokenswap-demo-secret',
    'SPOTIFY_REDIRECT_URI=yourapp://callback':
      'SPOTIFY_REDIRECT_URI=http://127.0.0.1:8888/callback',
    'TOKEN_ENCRYPTION_KEYS=2026-11:paste-the-keygen-output': `TOKEN_ENCRYPTION_KEYS=${values.key}`,
    'PORT=3000': `PORT=${values.port}`,
    'METRICS_PORT=9464': `METRICS_PORT=${values.metricsPort}`,
    'SHUTDOWN_DRAIN_MS=10000': `SHUTDOWN_DRAIN_MS=${values.drainMs ?? 10_000}`,
  });
}

export interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM to the whole process group (a shell and the node it started). */
  stop(signal?: NodeJS.Signals): void;
}

/** Starts a command in its own process group. */
export function start(
  argv: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): Running {
  const [command, ...args] = argv as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return {
    child,
    output: () => out,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Polls `url` until it answers `status` (any status when omitted). */
export async function waitForAnswer(url: string, running?: Running, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const answer = await fetch(url);
      await answer.arrayBuffer();
      return answer.status;
    } catch {
      if (running && running.child.exitCode !== null) {
        throw new Error(`exited before answering ${url}:\n${running.output()}`);
      }
      if (Date.now() > deadline) throw new Error(`${url} did not answer:\n${running?.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Env for a deployed process: PATH and HOME only, plus what the test passes. */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    ...extra,
  };
}
