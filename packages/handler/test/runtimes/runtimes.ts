import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(PACKAGE, 'node_modules', '.bin');
const TEMPLATES = join(PACKAGE, 'templates');
const LAUNCH_WORKERD = fileURLToPath(new URL('./launch-workerd.mjs', import.meta.url));

/** One runtime the handler is proven on: which template runs there and how to start it. */
export interface Runtime {
  name: 'workerd' | 'deno' | 'bun' | 'node';
  /** The template's entry, bundled as it would be deployed. */
  entry: string;
  /** The shell command that starts the bundle (`{bundle}` is replaced). */
  command: string;
  platform: 'node' | 'neutral';
}

export const RUNTIMES: readonly Runtime[] = [
  {
    name: 'workerd',
    entry: join(TEMPLATES, 'cloudflare-workers/src/index.ts'),
    command: `node ${LAUNCH_WORKERD} ${join(BIN, 'workerd')} {bundle}`,
    platform: 'neutral',
  },
  {
    name: 'deno',
    entry: join(TEMPLATES, 'deno/main.ts'),
    command: `${join(BIN, 'deno')} run --quiet --no-prompt --allow-net --allow-env {bundle}`,
    platform: 'neutral',
  },
  {
    name: 'bun',
    entry: join(TEMPLATES, 'bun/index.ts'),
    command: `${join(BIN, 'bun')} run {bundle}`,
    platform: 'neutral',
  },
  {
    name: 'node',
    entry: join(TEMPLATES, 'node/server.mjs'),
    command: 'node {bundle}',
    platform: 'node',
  },
];

/**
 * Bundles a template into one ES module, `@tokenswap/handler` resolved to this package's build
 * (a user's bundler resolves it from npm; Deno's `npm:` specifier likewise).
 */
export async function bundle(runtime: Runtime): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `tokenswap-${runtime.name}-`));
  const outfile = join(dir, 'worker.mjs');
  const handler = join(PACKAGE, 'dist/index.js');
  await build({
    entryPoints: [runtime.entry],
    bundle: true,
    format: 'esm',
    platform: runtime.platform,
    target: 'es2022',
    outfile,
    logLevel: 'error',
    alias: { '@tokenswap/handler': handler, 'npm:@tokenswap/handler@^0.1.0': handler },
    ...(runtime.platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
  });
  return outfile;
}

/** The command that starts `runtime` on its bundle. */
export function startCommand(runtime: Runtime, bundled: string): string {
  return runtime.command.replace('{bundle}', bundled);
}

/** The handler's environment, as the conformance suite fills it in. */
export function handlerEnv(keys: string): Record<string, string> {
  return {
    SPOTIFY_CLIENT_ID: '{client_id}',
    SPOTIFY_CLIENT_SECRET: '{client_secret}',
    SPOTIFY_REDIRECT_URI: '{redirect_uri}',
    SPOTIFY_ACCOUNTS_URL: '{accounts_url}',
    TOKEN_ENCRYPTION_KEYS: keys,
    UPSTREAM_TIMEOUT_MS: '1000',
    PORT: '{port}',
    HOST: '127.0.0.1',
  };
}
