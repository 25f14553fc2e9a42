import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./hold-sqlite-lock.mjs', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** A second real process holding SQLite's write lock on `path` until `release()`. */
export interface SqliteLockHolder {
  release(): Promise<void>;
}

/** Spawns `hold-sqlite-lock.mjs` and resolves once it holds the write lock. */
export async function holdSqliteWriteLock(path: string): Promise<SqliteLockHolder> {
  // Run from the package so `better-sqlite3` resolves from its node_modules.
  const child = spawn(process.execPath, [SCRIPT, path], {
    cwd: PACKAGE_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`lock holder did not lock: ${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lock holder exited with ${code}: ${output}`));
    });
  });
  return {
    async release() {
      child.stdin.end();
      await exited;
    },
  };
}
