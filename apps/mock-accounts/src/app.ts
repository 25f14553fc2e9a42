import Fastify, { type FastifyInstance } from 'fastify';
import type { MockAccountsOptions } from './config.js';
import { WEB_API_ERRORS } from './errors.js';
import { journalEntryFor, noteArrival } from './internal/audit.js';
import { handleError } from './internal/error-handler.js';
import { resolveConfig } from './resolve-config.js';
import { authorizeRoutes } from './routes/authorize.js';
import { controlRoutes } from './routes/control.js';
import { meRoutes } from './routes/me.js';
import { tokenRoutes } from './routes/token.js';
import { createMockState, type MockState } from './state/mock-state.js';

/** The Fastify app and the state behind it, as {@link buildMockApp} returns them. */
export interface MockApp {
  app: FastifyInstance;
  state: MockState;
}

/** The routes whose requests go into the journal (the control API does not). */
const JOURNALED = new Set(['/api/token', '/v1/me', '/authorize', '/authorize/consent']);

/** How often (real time) expired entries are purged, besides on every clock jump. */
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Builds the mock accounts service as a Fastify app that does not listen — for `app.inject`
 * tests, or to mount behind your own server. Options are validated here (throws
 * `MockConfigError`).
 *
 * @example
 * const { app, state } = buildMockApp({ freezeClock: true });
 * const code = state.mintCode({ scopes: ['user-read-email'] });
 * const res = await app.inject({ method: 'POST', url: '/api/token', payload: '...' });
 */
export function buildMockApp(options: MockAccountsOptions = {}): MockApp {
  const config = resolveConfig(options);
  const state = createMockState(config);
  const app = Fastify({
    logger: config.logger
      ? {
          ...(config.logStream === undefined ? {} : { stream: config.logStream }),
          // Query strings may carry codes and secrets (bih's server sends them there): log paths.
          serializers: {
            req: (req) => ({ method: req.method, path: req.url.split('?')[0] }),
          },
        }
      : false,
    bodyLimit: 256 * 1024,
    // Control-API bodies are checked strictly: no type coercion, unknown fields refused.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // A mock must close at once (tests close it between cases): drop keep-alive and in-flight
    // connections instead of waiting for them.
    forceCloseConnections: true,
  });
  const closing = new AbortController();
  const sweeper = setInterval(state.sweep, SWEEP_INTERVAL_MS);
  sweeper.unref();
  app.addHook('preClose', async () => {
    closing.abort();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
  });

  app.addHook('onRequest', async (request) => {
    noteArrival(request, state.clock.now());
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!JOURNALED.has(request.routeOptions.url ?? '')) return;
    state.journal.record(journalEntryFor(request, reply.statusCode, state.clock.now()));
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(WEB_API_ERRORS.notFound.body));

  const routeOptions = { state, signal: closing.signal };
  app.register(tokenRoutes, routeOptions);
  app.register(meRoutes, routeOptions);
  app.register(authorizeRoutes, routeOptions);
  app.register(controlRoutes, { state });
  return { app, state };
}
