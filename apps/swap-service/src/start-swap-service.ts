import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { importKeyring } from '@tokenswap/core';
import type { MockAccounts } from '@tokenswap/mock-accounts';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from './app.js';
import { devHostProblems } from './config/dev-host.js';
import { parseConfig, parseListenAddress, type ServiceConfig, type ServiceMode } from './config.js';
import {
  type DevInfo,
  type HeldPort,
  holdPort,
  startDevEnvironment,
  wantsDevelopmentMode,
} from './dev/index.js';
import { type MetricsServer, startMetricsServer } from './metrics-server.js';
import { nodeAesGcm } from './node-aes-gcm.js';

/**
 * Start-up refused: every configuration problem, one per line in `message`.
 *
 * @example
 * ```ts
 * try { await startSwapService(); } catch (e) { if (e instanceof ConfigurationError) console.error(e.problems); }
 * ```
 */
export class ConfigurationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

/** Options of {@link startSwapService}. */
export interface StartSwapServiceOptions
  extends Pick<
    BuildAppOptions,
    'logger' | 'tokenClient' | 'legacyOpeners' | 'clock' | 'rateLimitRedis'
  > {
  /** The environment to configure from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides `PORT` (0: a free port). */
  port?: number;
  /** Overrides `HOST`. */
  host?: string;
}

/** A listening swap service. */
export interface SwapService {
  /** Origin, e.g. `http://127.0.0.1:3000` (a wildcard host is shown as 127.0.0.1). */
  readonly url: string;
  readonly swapUrl: string;
  readonly refreshUrl: string;
  /** Where `/metrics` is served: `${url}/metrics`, or the separate `METRICS_PORT` listener's. */
  readonly metricsUrl: string;
  readonly mode: ServiceMode;
  readonly config: ServiceConfig;
  readonly app: FastifyInstance;
  /** Development mode only: the in-process mock accounts service and what `GET /` shows. */
  readonly dev: { readonly mock: MockAccounts; readonly info: DevInfo } | undefined;
  /**
   * Stops: /readyz turns 503 and answers close their connections for `SHUTDOWN_DRAIN_MS` (a load
   * balancer's drain window) while requests are still served; then listening stops, connections
   * without a request in flight close, in-flight requests finish, and the mock stops
   * (development mode).
   */
  close(): Promise<void>;
}

/** How many ports past the default development mode tries when one is taken. */
const DEV_PORT_ATTEMPTS = 20;

/**
 * Validates the environment, builds the app and listens. Without Spotify credentials (and
 * `NODE_ENV` not `production`) it runs in development mode: an in-process mock accounts
 * service, an ephemeral sealing key, 127.0.0.1. Used by `server.ts`, tests, the conformance
 * suite and benches.
 *
 * @throws {ConfigurationError} naming every missing or bad variable.
 * @example
 * ```ts
 * const service = await startSwapService({ env: {}, port: 0, logger: false });
 * console.log(service.swapUrl, service.dev?.info.authorizeUrl);
 * await service.close();
 * ```
 */
export async function startSwapService(
  options: StartSwapServiceOptions = {},
): Promise<SwapService> {
  const baseEnv = options.env ?? process.env;
  const development = wantsDevelopmentMode(baseEnv);
  // Refused before anything binds: development mode never listens beyond this machine.
  const hostProblems = development
    ? devHostProblems({ ...baseEnv, HOST: options.host ?? baseEnv.HOST })
    : [];
  if (hostProblems.length > 0) throw new ConfigurationError(hostProblems);
  // Development: the playground's URL must be a redirect URI of the mock's client before the
  // mock starts, so the service's port is taken first and listened on below.
  const held = development ? await holdDevPort(baseEnv, options) : undefined;
  const devEnv = development
    ? await startDevEnvironment(baseEnv, held === undefined ? {} : { serviceUrl: held.url }).catch(
        async (error: unknown) => {
          await held?.release();
          throw error;
        },
      )
    : undefined;
  if (devEnv !== undefined && !devEnv.ok) {
    await held?.release();
    throw new ConfigurationError(devEnv.problems);
  }
  const dev = devEnv?.ok === true ? devEnv.value : undefined;
  try {
    const parsed = parseConfig(dev?.env ?? baseEnv, { development });
    if (!parsed.ok) throw new ConfigurationError(parsed.problems);
    const config = parsed.config;
    const keyring = await importKeyring(config.keySpecs, { aesGcm: nodeAesGcm });
    if (!keyring.ok)
      throw new ConfigurationError([`TOKEN_ENCRYPTION_KEYS: ${keyring.error.description}`]);
    const app = await buildApp({
      config,
      keyring: keyring.value,
      ...pickAppOptions(options),
      ...(dev === undefined ? {} : { devInfo: dev.info }),
    });
    const host = options.host ?? config.host;
    const movable = development && options.port === undefined && !config.portExplicit;
    if (held !== undefined) await held.release();
    const address =
      held === undefined
        ? await listen(app, host, options.port ?? config.port, movable)
        : await listen(app, held.host, held.port, false);
    const url = originOf(address);
    for (const warning of config.warnings) app.log.warn(warning);
    const metricsServer = await startMetricsListener(config, app);
    return {
      url,
      swapUrl: `${url}${config.paths.swap}`,
      refreshUrl: `${url}${config.paths.refresh}`,
      metricsUrl: `${metricsServer?.url ?? url}/metrics`,
      mode: config.mode,
      config,
      app,
      dev: dev === undefined ? undefined : { mock: dev.mock, info: dev.info },
      close: async () => {
        app.tokenswap.readiness.closing = true;
        if (config.shutdownDrainMs > 0) await delay(config.shutdownDrainMs);
        await app.close();
        await metricsServer?.close();
        await dev?.mock.close();
      },
    };
  } catch (error) {
    await held?.release();
    await dev?.mock.close();
    throw error;
  }
}

/** The separate metrics listener when `METRICS_PORT` is set; stops the app if it cannot bind. */
async function startMetricsListener(
  config: ServiceConfig,
  app: FastifyInstance,
): Promise<MetricsServer | undefined> {
  const { port } = config.metrics;
  if (port === null) return undefined;
  try {
    return await startMetricsServer({ ...config.metrics, port }, app.tokenswap.metrics);
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Takes the development port ahead of the config, with `HOST`/`PORT` read by the config's
 * schema (`parseListenAddress`). Undefined when they are malformed or cannot be bound for
 * another reason than "in use": the config check or `listen` then reports the problem as before.
 */
async function holdDevPort(
  env: Readonly<Record<string, string | undefined>>,
  options: StartSwapServiceOptions,
): Promise<HeldPort | undefined> {
  const address = parseListenAddress(env, { development: true });
  if (address === undefined) return undefined;
  const port = options.port ?? address.port;
  const host = options.host ?? address.host;
  const movable = options.port === undefined && !address.portExplicit;
  try {
    return await holdPort(host, port, { attempts: movable ? DEV_PORT_ATTEMPTS : 1 });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EADDRINUSE') throw error;
    return undefined;
  }
}

function pickAppOptions(options: StartSwapServiceOptions): Partial<BuildAppOptions> {
  const picked: Partial<BuildAppOptions> = {};
  if (options.logger !== undefined) picked.logger = options.logger;
  if (options.tokenClient !== undefined) picked.tokenClient = options.tokenClient;
  if (options.legacyOpeners !== undefined) picked.legacyOpeners = options.legacyOpeners;
  if (options.clock !== undefined) picked.clock = options.clock;
  if (options.rateLimitRedis !== undefined) picked.rateLimitRedis = options.rateLimitRedis;
  return picked;
}

/** Listens; in development an occupied default port moves on to the next free one. */
async function listen(
  app: FastifyInstance,
  host: string,
  port: number,
  movable: boolean,
): Promise<AddressInfo> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await app.listen({ host, port: port + attempt });
      return app.server.address() as AddressInfo;
    } catch (error) {
      const inUse = (error as { code?: unknown }).code === 'EADDRINUSE';
      if (!movable || !inUse || attempt + 1 >= DEV_PORT_ATTEMPTS || port === 0) {
        await app.close();
        throw error;
      }
    }
  }
}

function originOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
