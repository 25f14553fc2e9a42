import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildOutput, runToExit, spawnWithOutput } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { postToken } from './helpers.js';

// The CLI runs from TypeScript source through tsx, so the test does not depend on a build.
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let child: ChildOutput | undefined;
afterEach(async () => {
  await child?.stop();
  child = undefined;
});

const run = (args: string[]) => runToExit(TSX, [CLI, ...args], { inherit: 'all' });

/** Starts the CLI and resolves with its URL once it has printed its URLs and users. */
async function start(args: string[]): Promise<{ url: string; output: string }> {
  child = spawnWithOutput(TSX, [CLI, ...args], { inherit: 'all' });
  const [, url] = await child.waitFor(/listening on (http:\/\/\S+)[\s\S]*users:/, 30_000);
  return { url: url as string, output: child.stdout() };
}

describe('tokenswap-mock-accounts CLI', () => {
  it('starts, prints its URLs and the demo credentials, and serves tokens', async () => {
    const { url, output } = await start(['--port', '0', '--rotation', 'always']);
    expect(output).toContain(`token:       ${url}/api/token`);
    expect(output).toContain(
      'client tokenswap-demo-client (tokenswap demo) secret tokenswap-demo-secret',
    );
    expect(output).toContain('rotation: always');
    const res = await postToken(url, { grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
  }, 30_000);

  it('reads clients and users from --config and never prints their secrets', async () => {
    const file = join(tmpdir(), `mock-accounts-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        clients: [
          {
            id: 'my-app',
            secret: 'super-secret-value',
            name: 'Mine',
            redirectUris: ['myapp://cb'],
          },
        ],
        autoApprove: true,
      }),
    );
    const { output } = await start(['--port', '0', '--config', file]);
    expect(output).toContain('client my-app (Mine)');
    expect(output).toContain('auto-approve: true');
    expect(output).not.toContain('super-secret-value');
  }, 30_000);

  it('exits 2 with a message on usage errors', async () => {
    const cases = [
      ['--bogus'],
      ['--rotation', 'sometimes'],
      ['--port', 'abc'],
      ['--config', '/nonexistent.json'],
    ];
    const results = await Promise.all(cases.map(run));
    results.forEach((res, i) => {
      expect(res.code, cases[i]?.join(' ')).toBe(2);
      expect(res.stderr).toMatch(/^tokenswap-mock-accounts: /);
    });
  }, 60_000);

  it('exits 2 naming the bad option in a config file', async () => {
    const file = join(tmpdir(), `mock-accounts-bad-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ rotation: 'never' }));
    const res = await run(['--config', file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("rotation: must be 'off', 'always' or 'pkce'");
  }, 30_000);

  it('--help prints usage and exits 0', async () => {
    const res = await run(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: tokenswap-mock-accounts');
  }, 30_000);
});
