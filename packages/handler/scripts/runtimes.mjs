/**
 * The runtimes the handler is proven on (tests) and measured on (bench/): which template runs
 * there, how it is bundled as it would be deployed, and how the runtime binary from npm starts
 * it. Plain JavaScript so the bench (plain node) and the tests share it.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(join(PACKAGE, 'package.json'));
const TEMPLATES = join(PACKAGE, 'templates');
const LAUNCH_WORKERD = fileURLToPath(new URL('./launch-workerd.mjs', import.meta.url));

/**
 * @typedef {{ name: 'workerd' | 'deno' | 'bun' | 'node', entry: string, platform: 'node' | 'neutral' }} Runtime
 */

/** @type {readonly Runtime[]} */
export const RUNTIMES = [
  {
    name: 'workerd',
    entry: join(TEMPLATES, 'cloudflare-workers/src/index.ts'),
    platform: 'neutral',
  },
  { name: 'deno', entry: join(TEMPLATES, 'deno/main.ts'), platform: 'neutral' },
  { name: 'bun', entry: join(TEMPLATES, 'bun/index.ts'), platform: 'neutral' },
  { name: 'node', entry: join(TEMPLATES, 'node/server.mjs'), platform: 'node' },
];

/**
 * Bundles a template into one ES module, `@tokenswap/handler` resolved to this package's build
 * (a user's bundler resolves it from npm; Deno's `npm:` specifier likewise).
 * @param {Runtime} runtime
 * @returns {Promise<string>} the bundle's path
 */
export async function bundle(runtime) {
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

/** The handler's variables, passed to a Worker as text bindings. */
const WORKER_VARIABLES =
  /^(SPOTIFY_|TOKEN_|UPSTREAM_TIMEOUT_MS$|SWAP_PATH$|REFRESH_PATH$|CORS_ORIGINS$)/;

/**
 * Writes a workerd config serving `bundled` on 127.0.0.1:`port` with the handler's variables of
 * `env` as text bindings and outbound fetch allowed to loopback (the mock) — what
 * `wrangler dev --local` generates, without wrangler (which needs Node >= 22).
 * @param {string} bundled
 * @param {number | string} port
 * @param {Record<string, string | undefined>} env
 * @returns {string} the config's path (one per port: a second instance may share the bundle)
 */
export function writeWorkerdConfig(bundled, port, env) {
  const bindings = Object.entries(env)
    .filter(([name, value]) => WORKER_VARIABLES.test(name) && value !== undefined)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`);
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "net", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed ${JSON.stringify(basename(bundled))})],
  compatibilityDate = "2026-11-01",
  bindings = [${bindings.join(', ')}],
  globalOutbound = "net",
);
`;
  const file = join(dirname(bundled), `config-${port}.capnp`);
  writeFileSync(file, config);
  return file;
}

/**
 * The native binary each npm package ships, not its `node_modules/.bin` launcher (a shell or
 * node script that would stand between us and the server's pid).
 * @param {'workerd' | 'deno' | 'bun'} name
 */
function nativeBinary(name) {
  if (name === 'workerd') return requireHere('workerd').default;
  // Installs the platform binary from its optional dependency on first use, as `deno` would.
  if (name === 'deno') return requireHere('deno/install_api.cjs').runInstall();
  return join(dirname(requireHere.resolve('bun/package.json')), 'bin', 'bun.exe');
}

/**
 * The runtime's binary and arguments to serve `bundled` on `port` (the server itself, so its
 * pid is the one to measure).
 * @param {Runtime} runtime
 * @param {string} bundled
 * @param {number} port
 * @param {Record<string, string | undefined>} env
 * @returns {{ file: string, args: string[] }}
 */
export function directLaunch(runtime, bundled, port, env) {
  switch (runtime.name) {
    case 'workerd':
      return {
        file: nativeBinary('workerd'),
        args: ['serve', writeWorkerdConfig(bundled, port, env)],
      };
    case 'deno':
      return {
        file: nativeBinary('deno'),
        args: ['run', '--quiet', '--no-prompt', '--allow-net', '--allow-env', bundled],
      };
    case 'bun':
      return { file: nativeBinary('bun'), args: ['run', bundled] };
    default:
      return { file: process.execPath, args: [bundled] };
  }
}

/**
 * A shell command starting `runtime` on `bundled` with `PORT` from its environment, for the
 * conformance CLI's `--spawn` (workerd through launch-workerd.mjs, which writes its config).
 * @param {Runtime} runtime
 * @param {string} bundled
 */
export function startCommand(runtime, bundled) {
  if (runtime.name === 'workerd') return `node ${LAUNCH_WORKERD} ${bundled}`;
  const { file, args } = directLaunch(runtime, bundled, 0, {});
  return [file, ...args].join(' ');
}
