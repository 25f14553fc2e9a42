import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_CLIENT, type MockClient, startMockAccounts } from '@tokenswap/mock-accounts';
import { CaseContext, CODE_TTL_SECONDS, type SecondDeployment } from './context.js';
import { createHttpAgent } from './http.js';
import { toShellExports } from './impersonate/impersonation-env.js';
import { type Impersonation, startImpersonation } from './impersonate/start-impersonation.js';
import { Masker } from './internal/mask.js';
import { SeededRandom } from './internal/random.js';
import {
  fillPlaceholders,
  instanceValues,
  type PlaceholderValues,
  usesRandomPlaceholder,
} from './placeholders.js';
import type { ResolvedOptions } from './resolve-options.js';
import {
  assertAlive,
  assertPortFree,
  type SpawnedServer,
  spawnServer,
  waitForHttp,
} from './spawn.js';

/** How long a process whose connection just dropped gets to report its exit. */
const EXIT_GRACE_MS = 200;

/** A running mock, the implementation (spawned or not) and the context cases run in. */
export interface Session {
  readonly ctx: CaseContext;
  /** The impersonation in front of the mock, in `impersonate` runs (IMP-001 judges it). */
  readonly impersonation: Impersonation | undefined;
  /**
   * Throws `ServerStartError` when a spawned server has exited (`caseId`: during which case).
   * After a failed case it first gives a dying process a moment to report its exit.
   */
  assertServerAlive(caseId: string, caseFailed: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the mock for the configured client, spawns the implementation when asked (twice when the
 * cross-deployment case runs), waits for it, and builds the case context. On any failure
 * everything already started is stopped again.
 *
 * @example
 * ```ts
 * const session = await openSession(resolveOptions(options), { secondDeployment: false });
 * const result = await runCase(session.ctx, CASES[0]!);
 * await session.close();
 * ```
 */
export async function openSession(
  options: ResolvedOptions,
  needs: { secondDeployment: boolean },
): Promise<Session> {
  const mock = await startMockAccounts({
    port: options.mockPort ?? 0,
    clients: [clientUnderTest(options)],
    autoApprove: true,
    // Plain codes do not rotate, PKCE codes do (as Spotify): both refresh paths get exercised.
    rotation: 'pkce',
    codeTtlSeconds: CODE_TTL_SECONDS,
    logger: false,
    // Codes and tokens from the run's seed too: a stream of their own, so they do not shift
    // with what the suite draws (replaying a run with --seed gives the same codes).
    randomBytes: mockRandom(options.seed),
  });
  options.onProgress({ type: 'setup', message: `mock accounts service at ${mock.url}` });
  const servers: SpawnedServer[] = [];
  const dispatcher = createHttpAgent();
  let impersonation: Impersonation | undefined;
  const close = async () => {
    // Our keep-alive sockets first: a server shutting down gracefully waits for them.
    await dispatcher.close();
    await Promise.all(servers.map((s) => s.stop()));
    await impersonation?.close();
    await mock.close();
  };
  try {
    if (options.impersonate) {
      impersonation = await startImpersonation({ mockUrl: mock.url });
      options.onProgress({
        type: 'setup',
        message: `impersonating ${impersonation.hosts.join(', ')} through the proxy at ${impersonation.proxyUrl}`,
      });
      if (!options.spawn) {
        // Nothing to hand the variables to: the user starts the server with them.
        options.onProgress({
          type: 'setup',
          message: `start your server with this environment (proxy and CA of this run):\n${toShellExports(impersonation.env)}`,
        });
      }
    }
    // The user's --env wins over the impersonation's variables (e.g. to drop a proxy).
    const baseEnv = { ...impersonation?.env };
    const shared = {
      accounts_url: mock.url,
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uri: options.redirectUri,
    };
    const first = await instanceValues(shared);
    const fill = (template: string, values: PlaceholderValues = first) =>
      fillPlaceholders(template, values);
    let second: SecondDeployment | undefined;
    let secondMissingReason =
      'no second deployment: give --second-refresh-url, or use --spawn with {port} in the URLs and a per-instance secret ({random_key}/{random_secret} or --second-env)';
    if (options.spawn) {
      const spawn = options.spawn;
      const start = async (values: PlaceholderValues, env: Record<string, string>) => {
        // A stale server on a fixed port would answer in place of the one started here.
        for (const url of new Set([options.swapUrl, options.refreshUrl]))
          await assertPortFree(fill(url, values));
        const server = spawnServer({
          command: fill(spawn.command, values),
          env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v, values)])),
          cwd: spawn.cwd,
        });
        servers.push(server);
        options.onProgress({
          type: 'setup',
          message: `spawned server (pid ${server.pid}) on port ${values.port}`,
        });
        await waitForHttp(fill(options.swapUrl, values), server, options.startupTimeoutMs);
        assertAlive(server, 'right after it answered: another process answered for it');
      };
      const starting = [start(first, { ...baseEnv, ...spawn.env })];
      const reason = secondInstanceProblem(options);
      if (needs.secondDeployment && reason === undefined) {
        const values = await instanceValues(shared);
        starting.push(start(values, { ...baseEnv, ...spawn.env, ...spawn.secondEnv }));
        second = {
          refreshUrl: fill(options.refreshUrl, values),
          swapUrl: fill(options.swapUrl, values),
        };
      } else if (reason !== undefined) {
        secondMissingReason = reason;
      }
      await Promise.all(starting);
    } else if (options.secondRefreshUrl) {
      second = {
        refreshUrl: fill(options.secondRefreshUrl),
        swapUrl: options.secondSwapUrl === undefined ? undefined : fill(options.secondSwapUrl),
      };
    }
    const masker = new Masker();
    masker.remember(options.clientSecret);
    const ctx = new CaseContext(
      options,
      mock,
      fill(options.swapUrl),
      fill(options.refreshUrl),
      { id: options.clientId, secret: options.clientSecret, redirectUri: options.redirectUri },
      second,
      secondMissingReason,
      masker,
      dispatcher,
      options.revokeUrl === undefined ? undefined : fill(options.revokeUrl),
    );
    const assertServerAlive = async (caseId: string, caseFailed: boolean) => {
      if (caseFailed && servers.length > 0) await sleep(EXIT_GRACE_MS);
      for (const server of servers) assertAlive(server, `during ${caseId}`);
    };
    return { ctx, impersonation, assertServerAlive, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The mock's client: the one the implementation is configured with (demo URIs kept for the demo id). */
function clientUnderTest(options: ResolvedOptions): MockClient {
  const demo = options.clientId === DEMO_CLIENT.id;
  const redirectUris = [
    ...new Set([options.redirectUri, ...(demo ? DEMO_CLIENT.redirectUris : [])]),
  ];
  return {
    id: options.clientId,
    secret: options.clientSecret,
    name: 'client under test',
    redirectUris,
  };
}

/** Why a second spawned instance would not be a separate deployment, if it would not. */
function secondInstanceProblem(options: ResolvedOptions): string | undefined {
  const spawn = options.spawn;
  if (!spawn) return undefined;
  if (!options.swapUrl.includes('{port}') || !options.refreshUrl.includes('{port}')) {
    return 'the URLs have no {port}, so a second spawned instance cannot have an address of its own';
  }
  const templates = [spawn.command, ...Object.values(spawn.env ?? {})];
  const ownSecret =
    templates.some(usesRandomPlaceholder) || Object.keys(spawn.secondEnv ?? {}).length > 0;
  if (!ownSecret) {
    return "a second instance would share the first one's secret: use {random_key}/{random_secret} in --env, or --second-env, to make it a separate deployment";
  }
  return undefined;
}

function mockRandom(seed: number): (size: number) => Uint8Array {
  const random = new SeededRandom(seed, 'mock');
  return (size) => random.bytes(size);
}
