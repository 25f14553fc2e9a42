import { describe, expect, it } from 'vitest';
import { runToExit, spawnWithOutput } from '../src/index.js';

const node = process.execPath;
const script = (code: string) => ['--input-type=module', '-e', code];

describe('spawnWithOutput', () => {
  it('gives the child exactly the env given plus PATH, and collects both streams', async () => {
    process.env.TEST_SUPPORT_LEAK = 'from the runner';
    try {
      const child = spawnWithOutput(
        node,
        script('console.log(JSON.stringify(process.env)); console.error("to stderr")'),
        { env: { ONLY: 'this' } },
      );
      expect(await child.exited).toBe(0);
      expect(Object.keys(JSON.parse(child.stdout())).sort()).toEqual(['ONLY', 'PATH']);
      expect(child.stderr()).toBe('to stderr\n');
    } finally {
      delete process.env.TEST_SUPPORT_LEAK;
    }
  });

  it('waitFor resolves with the match once the line is printed', async () => {
    const child = spawnWithOutput(
      node,
      script(
        'setTimeout(() => console.log("listening on http://127.0.0.1:1234"), 200); setInterval(() => {}, 1000)',
      ),
      { env: {} },
    );
    const match = await child.waitFor(/listening on (\S+)/);
    expect(match[1]).toBe('http://127.0.0.1:1234');
    await child.stop();
    expect(child.child.signalCode).toBe('SIGTERM');
  });

  it('waitFor fails at its deadline, naming the pattern and what was printed', async () => {
    const child = spawnWithOutput(
      node,
      script('console.log("starting"); setInterval(() => {}, 1000)'),
      {
        env: {},
      },
    );
    const started = Date.now();
    await expect(child.waitFor(/never printed/, 300)).rejects.toThrow(
      /no \/never printed\/ in 300 ms:\nstarting/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    await child.stop('SIGKILL');
  });

  it('waitFor fails at once when the process exits without printing the line', async () => {
    const child = spawnWithOutput(node, script('console.error("bad config"); process.exit(2)'), {
      env: {},
    });
    await expect(child.waitFor(/ready/, 20_000)).rejects.toThrow(
      /exited \(2\) before \/ready\/[\s\S]*bad config/,
    );
  });

  it('stop on a process that already exited returns at once', async () => {
    const child = spawnWithOutput(node, script(''), { env: {} });
    expect(await child.exited).toBe(0);
    await child.stop();
  });
});

describe('runToExit', () => {
  it('resolves with the exit code and all of both streams', async () => {
    const run = await runToExit(
      node,
      script('process.stdout.write("x".repeat(100000)); console.error("e"); process.exitCode = 3'),
    );
    expect(run).toEqual({ code: 3, stdout: 'x'.repeat(100_000), stderr: 'e\n' });
  });

  it("passes this process's whole environment with inherit: 'all'", async () => {
    const run = await runToExit(node, script('console.log(process.env.HOME ?? "")'), {
      inherit: 'all',
    });
    expect(run.stdout.trim()).toBe(process.env.HOME ?? '');
  });

  it('kills a run that outlives its timeout and fails', async () => {
    await expect(
      runToExit(node, script('setInterval(() => {}, 1000)'), { timeoutMs: 300 }),
    ).rejects.toThrow(/still ran after 300 ms/);
  });
});
