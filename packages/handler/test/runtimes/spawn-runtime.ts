import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, waitUntil } from '@tokenswap/test-support';

/** A runtime process started by a test, stopped with its whole process group. */
export interface RunningRuntime {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `command` with `env` (plus `PORT`) and waits until `POST /swap` gives any answer. */
export async function startRuntime(
  command: string,
  env: Record<string, string>,
): Promise<RunningRuntime> {
  const port = await freePort();
  const child: ChildProcess = spawn(command, {
    shell: true,
    detached: true,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  const answers = async () => {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    return fetch(`${url}/swap`, { method: 'POST' }).then(
      () => true,
      () => false,
    );
  };
  try {
    await waitUntil(answers, { what: `${command} to answer`, timeoutMs: 30_000, intervalMs: 100 });
  } catch (error) {
    await stop();
    throw new Error(`${command} did not come up (${(error as Error).message}):\n${output}`);
  }
  return { url, output: () => output, stop };
}
