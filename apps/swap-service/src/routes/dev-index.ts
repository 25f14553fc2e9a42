import type { FastifyInstance } from 'fastify';

/** What development mode tells a visitor of `GET /`. */
export interface DevInfo {
  /** Origin of the in-process mock accounts service. */
  mockUrl: string;
  /** The mock's authorize URL for the demo client, to open in a browser. */
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
}

/**
 * `GET /` in development mode: where things are, as JSON. This is the placeholder the
 * playground page (a later issue) replaces; in production `/` stays a 404.
 */
export function registerDevIndexRoute(app: FastifyInstance, info: DevInfo): void {
  app.get('/', async () => ({
    mode: 'development',
    note: 'tokenswap swap service running against the in-process mock accounts service',
    ...info,
  }));
}
