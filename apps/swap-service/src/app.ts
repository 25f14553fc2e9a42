import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Keyring } from '@tokenswap/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorHandlerPlugin, sendError } from './answer-error.js';
import type { AppContext } from './app-context.js';
import { createClientErrorHandler } from './client-errors.js';
import { openStoreOf } from './config/reference-config.js';
import type { ServiceConfig } from './config.js';
import { type DevInfo, playgroundPlugin } from './dev/index.js';
import { BODY_LIMIT_BYTES, serviceError, toTokenSwapError } from './errors.js';
import { createLegacyOpeners, type LegacyOpener } from './legacy/index.js';
import { legacyGuardPlugin } from './legacy/legacy-guard.js';
import { type LoggerOption, loggerOptions, requestId } from './logging.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { COMPAT_PATHS } from './paths.js';
import { connectionsPlugin, isLastOnConnection } from './plugins/connections.js';
import { httpEdgesPlugin } from './plugins/http-edges.js';
import { inFlightPlugin } from './plugins/in-flight.js';
import { noStorePlugin } from './plugins/no-store.js';
import { REQUEST_TIMEOUT_MS, requestDeadlinePlugin } from './plugins/request-deadline.js';
import { requestMetricsPlugin } from './plugins/request-metrics.js';
import { strictJsonPlugin } from './plugins/strict-json.js';
import { openReferenceMode } from './reference/open-reference-mode.js';
import { handleTokenKind, registerRevokeRoutes } from './reference-plugin/index.js';
import { logRequestLine, RequestLogController } from './request-log.js';
import { type Readiness, registerHealthRoutes } from './routes/health.js';
import { routeEveryMethod } from './routes/method-not-allowed.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { registerRefreshRoutes } from './routes/refresh.js';
import { registerSwapRoutes } from './routes/swap.js';
import { createTokenClient, type TokenClient } from './upstream/token-client.js';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  config: ServiceConfig;
  /** Imported from `config.keySpecs` with core's `importKeyring`. */
  keyring: Keyring;
  /** Logging; default level `config.logLevel` to stdout. `false` for none. */
  logger?: LoggerOption;
  /** Sends upstream requests; default one made from the config (closed with the app). */
  tokenClient?: TokenClient;
  /** Legacy token openers; default made from `config.legacy` when secrets are set. */
  legacyOpeners?: LegacyOpener;
  /** Clock, ms since epoch; default `Date.now`. */
  clock?: () => number;
  /**
   * A Redis client (ioredis) for the rate limiter, so replicas share one count per client IP;
   * default an in-memory store per process. See the README's deployment section.
   */
  rateLimitRedis?: RateLimitPluginOptions['redis'];
  /** Development mode: the mock behind the playground at `GET /` (absent in production). */
  devInfo?: DevInfo;
}

/** What `buildApp` hangs on the instance for the server and tests. */
export interface SwapServiceState {
  readonly metrics: ServiceMetrics;
  /** Requests being handled right now. */
  readonly inFlight: { readonly count: number };
  readonly readiness: Readiness;
}

declare module 'fastify' {
  interface FastifyInstance {
    tokenswap: SwapServiceState;
  }
}

/**
 * Builds the swap service's Fastify instance without listening: ecosystem plugins first (body
 * parsing, CORS), then ours (errors, headers, metrics), then the routes, each token route with
 * its rate limit. The caller listens (`server.ts`, `startSwapService`) or uses `app.inject`.
 *
 * @example
 * ```ts
 * const parsed = parseConfig(process.env);
 * if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
 * const keyring = await importKeyring(parsed.config.keySpecs);
 * if (!keyring.ok) throw keyring.error;
 * const app = await buildApp({ config: parsed.config, keyring: keyring.value });
 * await app.listen({ port: 3000 });
 * ```
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(options.logger ?? { level: config.logLevel }, config.mode),
    // One line per request instead of Fastify's two (request-log.ts).
    logController: new RequestLogController(),
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.trustProxy),
    // An app configured with `https://host/swap/` must not get a 404.
    routerOptions: { ignoreTrailingSlash: true },
    // `connectionsPlugin` answers requests during a stop (JSON 503 with Retry-After) and closes
    // every connection without a request in flight, not only idle keep-alive ones.
    return503OnClosing: false,
    forceCloseConnections: false,
    http: {
      // `httpEdgesPlugin` answers a missing Host with a JSON 400 instead of Node's empty one.
      requireHostHeader: false,
      // Slow or silent heads are cut (408) by Node's checker, which runs every second at most.
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    },
    // What Node's parser refuses (431, 400) or times out (408), as the service's JSON errors.
    clientErrorHandler: createClientErrorHandler(config.headersTimeoutMs),
    // Router-level errors (a malformed URL) never reach the error handler nor the request
    // line: map and log them here.
    frameworkErrors: (error, request, reply) => {
      sendError(reply, toTokenSwapError(error));
      logRequestLine(request, reply);
    },
  });
  routeEveryMethod(app);
  const ownsTokenClient = options.tokenClient === undefined;
  const tokenClient =
    options.tokenClient ?? createTokenClient({ timeoutMs: config.upstreamTimeoutMs });

  // The first log line says which mode and store this process runs (never the store's password).
  app.log.info(
    { tokenMode: config.tokenMode, tokenStore: config.reference?.storeDescription },
    config.reference === null
      ? 'token mode: sealed'
      : `token mode: reference, store ${config.reference.storeDescription}`,
  );
  const metrics = createMetrics();
  // Reference mode opens its store (connects to Redis, opens the SQLite file) here, so a store
  // that cannot be opened stops start-up with a `TOKEN_STORE: …` message.
  const reference =
    config.reference === null
      ? undefined
      : await openReferenceMode(config.reference, {
          openStore: openStoreOf(config.reference),
          keyring: options.keyring,
          upstreamTimeoutMs: config.upstreamTimeoutMs,
          clock: options.clock ?? Date.now,
          onPurgeError: (error) => app.log.warn({ err: error }, 'purging expired handles failed'),
          registry: metrics.registry,
        });
  for (const warning of reference?.store.warnings ?? []) app.log.warn(`token store: ${warning}`);
  const ctx: AppContext = {
    config,
    keyring: options.keyring,
    tokenClient,
    metrics,
    legacy: options.legacyOpeners ?? legacyOpenersFor(config),
    now: options.clock ?? Date.now,
    handles: reference === undefined ? undefined : handleTokenKind(reference.tokens),
  };
  const inFlight = { count: 0 };
  const readiness: Readiness = {
    listening: false,
    closing: false,
    ...(reference === undefined ? {} : { storeReady: reference.ready }),
  };
  app.decorate('tokenswap', { metrics: ctx.metrics, inFlight, readiness });
  app.addHook('onListen', async () => {
    readiness.listening = true;
  });
  app.addHook('preClose', async () => {
    readiness.closing = true;
  });
  app.addHook('onClose', async () => {
    if (ownsTokenClient) await tokenClient.close();
    await reference?.close();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // A response finished while draining or shutting down closes its connection: clients open
    // a new one (which a load balancer sends elsewhere) instead of reusing one about to close.
    if (readiness.closing && isLastOnConnection(request.raw)) reply.header('connection', 'close');
    return payload;
  });

  // First: routes take the error handler in force when they are added (CORS adds OPTIONS *).
  await app.register(errorHandlerPlugin);
  await app.register(connectionsPlugin, { maxConnections: config.maxConnections });
  // Before CORS: its hook must not answer a non-preflight OPTIONS in text/plain first.
  await app.register(httpEdgesPlugin, { corsEnabled: config.corsOrigins.length > 0 });
  // The contract's bodies are forms; JSON is accepted too. Nothing else: Fastify's built-in
  // text/plain parser would hand a string to the routes, so it goes (→ 415).
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(strictJsonPlugin);
  app.removeContentTypeParser('text/plain');
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
      methods: ['POST'],
    });
  }
  await app.register(noStorePlugin);
  await app.register(inFlightPlugin, { counter: inFlight });
  await app.register(requestDeadlinePlugin, { timeoutMs: REQUEST_TIMEOUT_MS });
  await app.register(requestMetricsPlugin, { metrics: ctx.metrics });

  registerHealthRoutes(app, readiness);
  // With METRICS_PORT, /metrics is served by its own listener (metrics-server.ts), not here.
  if (config.metrics.port === null) registerMetricsRoute(app, ctx.metrics, config.metrics.token);
  // Development mode only: the playground page and its dev-only routes; in production `/` is 404.
  const devClient = config.clients[0];
  if (options.devInfo !== undefined && devClient !== undefined) {
    await app.register(playgroundPlugin, {
      mockUrl: options.devInfo.mockUrl,
      clientId: devClient.clientId,
      swapPath: config.paths.swap,
      refreshPath: config.paths.refresh,
      redirectUri: devClient.redirectUris[0] as string,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
    });
  }
  await app.register(async (tokenRoutes) => {
    if (config.rateLimit !== null) {
      await tokenRoutes.register(rateLimit, {
        max: config.rateLimit.max,
        timeWindow: config.rateLimit.windowMs,
        ...(options.rateLimitRedis === undefined ? {} : { redis: options.rateLimitRedis }),
        errorResponseBuilder: (_request, context) =>
          serviceError('rateLimited', Math.ceil(context.ttl / 1000)),
      });
    }
    // Legacy tokens: the createCipher oracle's failure budget and the sunset date.
    if (ctx.legacy !== undefined) await tokenRoutes.register(legacyGuardPlugin, { ctx });
    registerSwapRoutes(tokenRoutes, ctx, [
      config.paths.swap,
      ...(config.compatRoutes ? [COMPAT_PATHS.swap] : []),
    ]);
    registerRefreshRoutes(tokenRoutes, ctx, [
      config.paths.refresh,
      ...(config.compatRoutes ? [COMPAT_PATHS.refresh] : []),
    ]);
    if (reference !== undefined) registerRevokeRoutes(tokenRoutes, ctx, reference.tokens);
  });
  return app;
}

function legacyOpenersFor(config: ServiceConfig): LegacyOpener | undefined {
  if (config.legacy.secrets.length === 0) return undefined;
  return createLegacyOpeners({
    secrets: config.legacy.secrets,
    createCipherMethod: config.legacy.createCipherMethod,
  });
}

/** Fastify's `trustProxy` from the config; a hop count becomes the equivalent function. */
function trustProxyOption(
  value: ServiceConfig['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return typeof value === 'boolean' ? value : [...value];
}
