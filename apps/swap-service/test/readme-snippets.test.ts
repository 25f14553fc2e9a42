import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillPlaceholders, snippet } from '@tokenswap/test-support/markdown-snippets';
import { describe, expect, it } from 'vitest';

// The TypeScript examples of the package READMEs, read out of the Markdown and run with tsx as
// a user would paste them (CONTRIBUTING.md, "Snippets in the docs"). They are written under
// this package's node_modules/.cache so `@tokenswap/*` resolve as for a user of the packages.
const root = new URL('../../../', import.meta.url);
const dir = fileURLToPath(new URL('../node_modules/.cache/doc-snippets/', import.meta.url));
const tsx = fileURLToPath(new URL('node_modules/.bin/tsx', root));

function run(
  id: string,
  code: string,
  until?: RegExp,
): Promise<{ exit: number | null; output: string }> {
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${id}.mts`;
  writeFileSync(file, code);
  const child = spawn(tsx, [file], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (until?.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (exit) => {
      clearTimeout(timer);
      resolve({ exit, output });
    }),
  );
}

const readme = (path: string) => new URL(path, root);

describe('README examples run as written', () => {
  it('core: seal and open (core-usage)', async () => {
    const prelude = [
      "import { generateKeySpec } from '@tokenswap/core';",
      'const env = { SEAL_KEY: generateKeySpec({ id: "2026-11" }).key };',
      "const spotifyRefreshToken = 'AQD-spotify-refresh-token';",
      "const clientId = 'my-client';",
    ].join('\n');
    const code = snippet(readme('packages/core/README.md'), 'core-usage');
    const check =
      "\nif (!opened.ok || opened.value !== spotifyRefreshToken) throw new Error('no round trip');\nconsole.log('round trip', sealed.slice(0, 11));\n";
    // The import line of the snippet goes first; the prelude's import joins it.
    const [importLine, ...rest] = code.split('\n');
    const result = await run('core-usage', `${importLine}\n${prelude}\n${rest.join('\n')}${check}`);
    expect(result.output).toMatch(/round trip v1\.2026-11\./);
    expect(result.exit).toBe(0);
  });

  it('mock accounts: start, mint a code (mock-accounts-usage)', async () => {
    const code = snippet(readme('apps/mock-accounts/README.md'), 'mock-accounts-usage');
    const result = await run(
      'mock-accounts-usage',
      `${code}\nconsole.log('code', typeof code === 'string' && code.length > 0);\nawait mock.close();\n`,
    );
    expect(result.output).toContain('code true');
    expect(result.exit).toBe(0);
  });

  it('swap service: the API example starts, prints its URLs and closes (swap-service-api)', async () => {
    const result = await run(
      'swap-service-api',
      snippet(readme('apps/swap-service/README.md'), 'swap-service-api'),
    );
    expect(result.output).toMatch(
      /http:\/\/127\.0\.0\.1:\d+\/swap http:\/\/127\.0\.0\.1:\d+\/refresh development/,
    );
    expect(result.exit).toBe(0);
  });

  it('swap service: the embedding example prints the SDK URLs and stops on SIGTERM (swap-service-embed)', async () => {
    const code = fillPlaceholders(
      snippet(readme('apps/swap-service/README.md'), 'swap-service-embed'),
      {
        'port: 3000': 'port: 0',
      },
    );
    const result = await run('swap-service-embed', code, /tokenRefreshURL=http/);
    expect(result.output).toMatch(/tokenSwapURL=http:\/\/127\.0\.0\.1:\d+\/swap tokenRefreshURL=/);
    expect(result.exit).toBe(0);
  });

  it.each([
    [
      'apps/mock-accounts/README.md',
      'mock-accounts-from-checkout',
      /Usage: tokenswap-mock-accounts/,
    ],
    ['apps/swap-service/README.md', 'swap-service-from-checkout', /^2026-11:[\w-]{43}$/m],
    ['packages/conformance/README.md', 'conformance-from-checkout', /SWAP-001/],
  ])('from a checkout, before the first release: %s (%s)', (file, id, expected) => {
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', snippet(readme(file), id)], {
      cwd: fileURLToPath(root),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(out).toMatch(expected);
  });

  it('the root README judges our service with the conformance suite: exit 0 (root-conformance)', () => {
    // `npx -y pnpm@10` is pnpm for a machine without it; here pnpm is installed.
    const command = fillPlaceholders(snippet(readme('README.md'), 'root-conformance'), {
      'npx -y pnpm@10 exec': 'pnpm exec',
    });
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', command], {
      cwd: fileURLToPath(root),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 150_000,
    });
    expect(out).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
  }, 160_000);
});
