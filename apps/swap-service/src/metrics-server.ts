import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { ServiceConfig } from './config.js';
import { errorHandlerPlugin } from './errors.js';
import type { ServiceMetrics } from './metrics.js';
import { noStorePlugin } from './plugins/no-store.js';
import { registerMetricsRoute } from './routes/metrics.js';

/** The separate `/metrics` listener (`METRICS_PORT`). */
export interface MetricsServer {
  /** Origin, e.g. `http://127.0.0.1:9464`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` alone on `METRICS_HOST:METRICS_PORT` (127.0.0.1 by default), so the
 * public port never answers it and a scraper on the same host or private network reaches it.
 * Every other path is the service's JSON 404; `METRICS_TOKEN`, if set, applies here too.
 *
 * @example
 * ```ts
 * const server = await startMetricsServer(config.metrics, app.tokenswap.metrics);
 * console.log(`${server.url}/metrics`); await server.close();
 * ```
 */
export async function startMetricsServer(
  settings: ServiceConfig['metrics'] & { port: number },
  metrics: ServiceMetrics,
): Promise<MetricsServer> {
  const app = Fastify({ logger: false });
  await app.register(errorHandlerPlugin);
  await app.register(noStorePlugin);
  registerMetricsRoute(app, metrics, settings.token);
  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => app.close() };
}
