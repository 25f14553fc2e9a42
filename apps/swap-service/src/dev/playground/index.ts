import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { playgroundFaults } from './faults.js';
import { PLAYGROUND_CSP, renderPlaygroundPage } from './page.js';
import { playgroundRedirectUri } from './redirect-uri.js';
import { PLAYGROUND_ROUTES } from './routes.js';
import { PLAYGROUND_CSS } from './styles.js';

export { type PlaygroundFaultName, playgroundFaults } from './faults.js';
export { playgroundRedirectUri } from './redirect-uri.js';
export { PLAYGROUND_ROUTES } from './routes.js';

/** Options of {@link playgroundPlugin}. */
export interface PlaygroundOptions {
  /** Origin of the (in-process) mock accounts service. */
  mockUrl: string;
  /** The demo client's id; the mock must list the playground URL among its redirect URIs. */
  clientId: string;
  /** The service's swap path, e.g. `/swap`. */
  swapPath: string;
  /** The service's refresh path, e.g. `/refresh`. */
  refreshPath: string;
  /**
   * The redirect URI the page sends to `/authorize`; it must equal the service's
   * `SPOTIFY_REDIRECT_URI`. Default: {@link playgroundRedirectUri} of the request's own origin.
   */
  redirectUri?: string;
  /** Scopes to ask for; default `user-read-email user-read-private` (the full `/v1/me`). */
  scopes?: readonly string[];
  /** The service's upstream timeout, so the "slow" fault outlasts it; default 10 000 ms. */
  upstreamTimeoutMs?: number;
}

/**
 * The page's browser script: a real file (`public/playground.js`, linted and type-checked with the
 * rest), read when the plugin registers — only in development mode. It is three folders up from
 * this module in `src/dev/playground/` and `dist/dev/playground/`, one up from the bundled entry
 * `dist/server.bundle.js` (scripts/bundle-server.mjs) that this code also runs in.
 */
function findScriptFile(): URL {
  const candidates = ['../../../', '../'].map(
    (up) => new URL(`${up}public/playground.js`, import.meta.url),
  );
  return candidates.find((file) => existsSync(file)) ?? (candidates[0] as URL);
}

const DEFAULT_SCOPES = ['user-read-email', 'user-read-private'] as const;
const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * The development-mode playground: `GET /` (the page), `GET /playground.js`,
 * `GET /playground.css`, and the dev-only proxy routes under `/__playground/` that reach the
 * mock (`/v1/me`, its clock, its faults). Register it only in development mode: in production
 * none of these routes exist and `/` answers 404.
 *
 * @example
 * ```ts
 * await app.register(playgroundPlugin, {
 *   mockUrl: mock.url,
 *   clientId: 'tokenswap-demo-client',
 *   swapPath: '/swap',
 *   refreshPath: '/refresh',
 * });
 * ```
 */
export async function playgroundPlugin(
  app: FastifyInstance,
  options: PlaygroundOptions,
): Promise<void> {
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const script = readFileSync(findScriptFile(), 'utf8');
  const faults = playgroundFaults(upstreamTimeoutMs);
  const fixedPage =
    options.redirectUri === undefined ? undefined : pageFor(options, options.redirectUri, faults);

  app.get(PLAYGROUND_ROUTES.page, async (request, reply) => {
    const page =
      fixedPage ??
      pageFor(options, playgroundRedirectUri(`${request.protocol}://${request.host}`), faults);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PLAYGROUND_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .send(page);
  });
  app.get(PLAYGROUND_ROUTES.script, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(script),
  );
  app.get(PLAYGROUND_ROUTES.styles, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(PLAYGROUND_CSS),
  );
  // Imported here, in development mode only: it uses undici's main entry (fetch, Agent), which a
  // production start does not load (see `upstream/undici-pool.ts`).
  const { registerDevProxyRoutes } = await import('./dev-proxy.js');
  await registerDevProxyRoutes(app, { mockUrl: options.mockUrl, upstreamTimeoutMs });
}

function pageFor(
  options: PlaygroundOptions,
  redirectUri: string,
  faults: ReturnType<typeof playgroundFaults>,
): string {
  return renderPlaygroundPage({
    mockUrl: options.mockUrl,
    clientId: options.clientId,
    redirectUri,
    swapPath: options.swapPath,
    refreshPath: options.refreshPath,
    scopes: options.scopes ?? DEFAULT_SCOPES,
    faults,
  });
}
