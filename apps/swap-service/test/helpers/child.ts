import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built entry point; tests that spawn it need `pnpm build` first (as `pnpm test` does). */
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface ServerChild {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves once stdout matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Spawns `node dist/server.js` with exactly `env` (plus PATH). */
export function spawnServer(env: Record<string, string>): ServerChild {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run pnpm build first`);
  const child = spawn(process.execPath, [SERVER_JS], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
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
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const match = out.match(pattern);
          if (match) return resolve(match);
          if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            return reject(new Error(`server output did not match ${pattern}:\n${out}\n${err}`));
          }
          setTimeout(check, 50);
        };
        check();
      }),
  };
}
