import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Vercel and Netlify platforms are not on npm as binaries: their templates are checked here
// for their glue — the export each platform calls, and the paths — by calling that export with a
// Request, as the platform would, against the mock.
const TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));
const HANDLER = fileURLToPath(new URL('../dist/index.js', import.meta.url));

type Entry = (request: Request) => Promise<Response>;

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMockAccounts();
  Object.assign(process.env, {
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret as string,
    SPOTIFY_REDIRECT_URI: DEMO_CLIENT.redirectUris[0] as string,
    SPOTIFY_ACCOUNTS_URL: mock.url,
    TOKEN_ENCRYPTION_KEYS: formatKeyringSpec([generateKeySpec({ id: 'k1' })]),
  });
});
afterAll(() => mock.close());

/** Bundles a template file and imports it with `env` set, as the platform would load it. */
async function load(file: string, env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenswap-template-'));
  const outfile = join(dir, 'entry.mjs');
  await build({
    entryPoints: [join(TEMPLATES, file)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
    alias: { '@tokenswap/handler': HANDLER },
  });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
  } finally {
    for (const name of Object.keys(env)) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

async function swapThenRefresh(swap: Entry, refresh: Entry, swapUrl: string, refreshUrl: string) {
  const code = mock.mintCode({ scopes: ['user-read-email'] });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const swapped = await swap(
    new Request(swapUrl, { method: 'POST', body: `code=${code}`, headers: form }),
  );
  expect(swapped.status).toBe(200);
  const { refresh_token } = await swapped.json();
  const body = new URLSearchParams({ refresh_token }).toString();
  const refreshed = await refresh(new Request(refreshUrl, { method: 'POST', body, headers: form }));
  expect(refreshed.status).toBe(200);
}

const API_PATHS = { SWAP_PATH: '/api/swap', REFRESH_PATH: '/api/refresh' };

describe('templates for platforms not run in CI', () => {
  it('vercel-edge: the default exports serve /api/swap and /api/refresh (edge runtime config)', async () => {
    const swap = await load('vercel-edge/api/swap.ts', API_PATHS);
    const refresh = await load('vercel-edge/api/refresh.ts', API_PATHS);
    expect(swap.config).toEqual({ runtime: 'edge' });
    await swapThenRefresh(
      swap.default as Entry,
      refresh.default as Entry,
      'https://p.vercel.app/api/swap',
      'https://p.vercel.app/api/refresh',
    );
  });

  it('vercel-node: the POST exports serve /api/swap and /api/refresh', async () => {
    const swap = await load('vercel-node/api/swap.ts', API_PATHS);
    const refresh = await load('vercel-node/api/refresh.ts', API_PATHS);
    await swapThenRefresh(
      swap.POST as Entry,
      refresh.POST as Entry,
      'https://p.vercel.app/api/swap',
      'https://p.vercel.app/api/refresh',
    );
  });

  it('netlify: the default export serves the paths its config mounts', async () => {
    const fn = await load('netlify/netlify/functions/tokenswap.ts', {});
    expect(fn.config).toEqual({ path: ['/swap', '/refresh'] });
    await swapThenRefresh(
      fn.default as Entry,
      fn.default as Entry,
      'https://s.netlify.app/swap',
      'https://s.netlify.app/refresh',
    );
  });
});
