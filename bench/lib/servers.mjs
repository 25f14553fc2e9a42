/**
 * Starting the three servers the bench talks to, each in its own child process:
 * the mock accounts service, the pass-through proxy, the swap service.
 */

import { bundle, directLaunch, RUNTIMES } from '../../packages/handler/scripts/runtimes.mjs';
import { spawnChild, spawnNode } from './child-process.mjs';
import { generateKeySpec } from './core.mjs';
import { freePort, postJson, waitUntilReady } from './http.mjs';
import { listensOn } from './upstream-connections.mjs';

const repo = (path) => new URL(`../../${path}`, import.meta.url).pathname;

/** The mock's demo client (DEMO_CLIENT in docs/design/api-contracts.md). */
export const DEMO_CLIENT = {
  id: 'tokenswap-demo-client',
  secret: 'tokenswap-demo-secret',
  redirectUri: 'http://127.0.0.1:8888/callback',
};

async function started(proc, url, readyPath, accept) {
  try {
    await waitUntilReady(`${url}${readyPath}`, { accept, isAlive: proc.isAlive });
  } catch (error) {
    await proc.stop();
    throw new Error(`${proc.name} did not start: ${error.message}\n${proc.tail()}`);
  }
  return { ...proc, url };
}

/**
 * The mock accounts service (its CLI), with refresh-token rotation off so one refresh token
 * serves every request of a run. Its logger is off unless the CLI is told otherwise.
 */
export async function startMock({ rotation = 'off' } = {}) {
  const port = await freePort();
  const proc = spawnNode({
    name: 'mock-accounts',
    script: repo('apps/mock-accounts/dist/cli.js'),
    args: ['--port', String(port), '--host', '127.0.0.1', '--rotation', rotation],
  });
  const mock = await started(proc, `http://127.0.0.1:${port}`, '/__mock/stats');
  return {
    ...mock,
    /** Mints one single-use code for the demo client through the control API. */
    async mintCode() {
      const { code } = await postJson(`${mock.url}/__mock/codes`, {
        clientId: DEMO_CLIENT.id,
        redirectUri: DEMO_CLIENT.redirectUri,
        scopes: ['user-read-private', 'user-read-email'],
      });
      return code;
    },
  };
}

/** `--cpu-prof` flags writing bench/results/<name>.cpuprofile when the child exits. */
export function profileArgs(profileName) {
  if (!profileName) return [];
  return [
    '--cpu-prof',
    '--cpu-prof-dir',
    repo('bench/results'),
    '--cpu-prof-name',
    `${profileName}.cpuprofile`,
  ];
}

/** bench/proxy.mjs in front of `upstreamUrl` (profiled as `profileName` if given). */
export async function startProxy({ upstreamUrl, profileName }) {
  const port = await freePort();
  const proc = spawnNode({
    name: 'proxy',
    script: repo('bench/proxy.mjs'),
    nodeArgs: profileArgs(profileName),
    args: ['--upstream', upstreamUrl, '--port', String(port), '--host', '127.0.0.1'],
  });
  return started(proc, `http://127.0.0.1:${port}`, '/__proxy/ready');
}

/** A fresh `TOKEN_ENCRYPTION_KEYS` value for one bench run. */
export function benchKeyring() {
  const spec = generateKeySpec({ id: 'bench' });
  return `${spec.id}:${spec.key}`;
}

/** The swap service's environment for the demo client against `accountsUrl`. */
export function swapServiceEnv({ accountsUrl, port, logLevel, keys }) {
  return {
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret,
    SPOTIFY_REDIRECT_URI: DEMO_CLIENT.redirectUri,
    SPOTIFY_ACCOUNTS_URL: accountsUrl,
    TOKEN_ENCRYPTION_KEYS: keys,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: logLevel,
    // All load comes from one address: keep the per-IP limiter running (its cost is part of
    // production) but with a ceiling the bench never reaches (default 300/min would 429).
    RATE_LIMIT_MAX: '999999999',
  };
}

/**
 * `node [shebang flags] [nodeArgs] <bin>` for the swap service's bin (lib/swap-service-entry.mjs),
 * with its environment: the way users start it, and one process, so the pid is the server.
 * @param {{ name: string, entry: import('./swap-service-entry.mjs').SwapServiceEntry,
 *   nodeArgs?: string[], env: Record<string, string> }} options
 */
export function spawnSwapService({ name, entry, nodeArgs = [], env }) {
  return spawnNode({ name, script: entry.path, nodeArgs: [...entry.nodeArgs, ...nodeArgs], env });
}

/**
 * The swap service started from its bin, ready once GET /readyz is 200 and checked to be the
 * process that listens (so its CPU and RSS are the server's, not a launcher's).
 * With `profileName`, it runs under `--cpu-prof` and writes bench/results/<profileName>.cpuprofile
 * when it exits (which it must do gracefully on SIGTERM for the profile to be written).
 */
export async function startSwapService({
  entry,
  accountsUrl,
  logLevel,
  keys,
  profileName,
  nodeArgs: extraNodeArgs = [],
}) {
  const port = await freePort();
  const proc = spawnSwapService({
    name: `swap-service-${logLevel}`,
    entry,
    nodeArgs: [...extraNodeArgs, ...profileArgs(profileName)],
    env: swapServiceEnv({ accountsUrl, port, logLevel, keys }),
  });
  const swap = await started(proc, `http://127.0.0.1:${port}`, '/readyz');
  if (listensOn(swap.pid, port) === false) {
    await swap.stop();
    throw new Error(
      `${entry.entry} serves from another process than the one spawned (pid ${swap.pid}): the bench would sample a launcher's CPU and memory`,
    );
  }
  return swap;
}

/** Runtimes the fetch handler is measured on, one `/refresh` row each (`--only handler`). */
export const HANDLER_RUNTIMES = RUNTIMES.map((runtime) => runtime.name);

/**
 * `@tokenswap/handler` on one runtime: its template bundled as deployed, started on the
 * runtime's binary (workerd, deno, bun from npm; node), ready once `GET /swap` answers 405.
 */
export async function startHandler({ runtimeName, accountsUrl, keys }) {
  const runtime = RUNTIMES.find((candidate) => candidate.name === runtimeName);
  const port = await freePort();
  const env = swapServiceEnv({ accountsUrl, port, logLevel: 'warn', keys });
  const bundled = await bundle(runtime);
  const { file, args } = directLaunch(runtime, bundled, port, env);
  const proc = spawnChild({ name: `handler-${runtime.name}`, file, args, env });
  return started(proc, `http://127.0.0.1:${port}`, '/swap', (status) => status === 405);
}
