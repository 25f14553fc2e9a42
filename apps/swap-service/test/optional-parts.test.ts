import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockAccounts } from '@tokenswap/mock-accounts';
import {
  SWAP_SERVICE_ENTRY,
  SWAP_SERVICE_SERVER_JS,
  spawnSwapServer,
} from '@tokenswap/test-support/swap-service-process';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceEnv } from './helpers/stack.js';

/**
 * ioredis, better-sqlite3 and @tokenswap/mock-accounts are optional peer dependencies, loaded
 * only by the configurations that use them. A preloaded resolve hook records every module the
 * built server resolves: the bundled entry users run (scripts/bundle-server.mjs leaves them out
 * of the bundle) and tsc's unbundled dist/server.js, which dist/index.js's users load.
 */
const RECORDER = fileURLToPath(new URL('./fixtures/record-loads.mjs', import.meta.url));
const CONFIG_JS = fileURLToPath(new URL('../dist/config.js', import.meta.url));
const OPTIONAL = ['ioredis', 'better-sqlite3', '@tokenswap/mock-accounts'] as const;
const work = mkdtempSync(join(tmpdir(), 'tokenswap-loads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function recorded(log: string): string[] {
  const urls = readFileSync(log, 'utf8').split('\n');
  return OPTIONAL.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));
}

/** Starts a built entry with the recorder; the optional packages it resolved once listening. */
async function loadedBy(
  entry: string,
  name: string,
  extra: Record<string, string>,
): Promise<string[]> {
  const mock = await startMockAccounts();
  const log = join(work, `${name}.log`);
  const server = spawnSwapServer(
    {
      ...serviceEnv(mock.url, { PORT: '0', ...extra }),
      NODE_OPTIONS: `--import=${RECORDER}`,
      RECORD_LOADS_TO: log,
    },
    { entry },
  );
  try {
    await server.waitFor(/swap: +POST (\S+)/);
    return recorded(log);
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    await mock.close();
  }
}

describe.each([
  ['the bundled entry (bin, pnpm start, docs)', SWAP_SERVICE_ENTRY, 'bundle'],
  ['the unbundled dist/server.js', SWAP_SERVICE_SERVER_JS, 'tsc'],
])('optional parts are loaded only when used: %s', (_, entry, tag) => {
  it('a production sealed-mode process loads none of them', async () => {
    expect(await loadedBy(entry, `sealed-${tag}`, { NODE_ENV: 'production' })).toEqual([]);
  });

  it('a SQLite token store loads its driver (the recorder sees what it should)', async () => {
    const loaded = await loadedBy(entry, `sqlite-${tag}`, {
      NODE_ENV: 'production',
      TOKEN_MODE: 'reference',
      TOKEN_STORE: `sqlite:${join(work, `tokens-${tag}.db`)}`,
    });
    expect(loaded).toEqual(['better-sqlite3']);
  });
});

describe('optional parts outside the start-up path', () => {
  it('the bundle holds none of their code: its source map lists no file of theirs', () => {
    const map = JSON.parse(readFileSync(`${SWAP_SERVICE_ENTRY}.map`, 'utf8')) as {
      sources: string[];
    };
    expect(map.sources.some((source) => source.includes('/node_modules/fastify/'))).toBe(true);
    const bundled = OPTIONAL.filter((name) =>
      map.sources.some(
        (source) =>
          source.includes(`/node_modules/${name}/`) ||
          // The workspace's mock is linked, so its files appear by their own path.
          (name === '@tokenswap/mock-accounts' && source.includes('/mock-accounts/')),
      ),
    );
    expect(bundled).toEqual([]);
  });

  it('parsing a Redis configuration does not load ioredis', () => {
    const log = join(work, 'config.log');
    const script = `const { parseConfig } = await import(${JSON.stringify(CONFIG_JS)});
      const parsed = parseConfig(process.env);
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      if (parsed.config.reference?.storeDescription === undefined) throw new Error('no store');`;
    execFileSync(process.execPath, [`--import=${RECORDER}`, '--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...serviceEnv('http://127.0.0.1:9', {
          NODE_ENV: 'production',
          TOKEN_MODE: 'reference',
          TOKEN_STORE: 'redis://127.0.0.1:9/0',
        }),
        RECORD_LOADS_TO: log,
      },
      stdio: 'pipe',
    });
    expect(readFileSync(log, 'utf8')).toContain('/dist/config.js');
    expect(recorded(log)).toEqual([]);
  });
});
