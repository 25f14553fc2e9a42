import fp from 'fastify-plugin';
import type { ServiceMetrics } from '../metrics.js';

/**
 * Counts every answer by route pattern (never the raw URL, which is unbounded and may carry
 * values), method and status; unknown paths count as `not_found`.
 */
export const requestMetricsPlugin = fp<{ metrics: ServiceMetrics }>(
  async (app, { metrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'not_found';
      metrics.httpRequests.inc({
        route,
        method: request.method,
        status: String(reply.statusCode),
      });
    });
  },
  { name: 'tokenswap-request-metrics', fastify: '5.x' },
);
