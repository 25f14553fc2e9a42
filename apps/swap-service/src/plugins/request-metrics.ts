import fp from 'fastify-plugin';
import type { ServiceMetrics } from '../metrics.js';

/**
 * Counts every answer by route pattern (never the raw URL, which is unbounded and may carry
 * values), method (Node's parser answers 400 to a method it does not know, so the set is
 * bounded) and status; unknown paths count as `not_found`.
 */
export const requestMetricsPlugin = fp<{ metrics: ServiceMetrics }>(
  async (app, { metrics }) => {
    app.addHook('onResponse', async (request, reply) => {
      metrics.countRequest(
        request.routeOptions.url ?? 'not_found',
        request.method,
        reply.statusCode,
      );
    });
  },
  { name: 'tokenswap-request-metrics', fastify: '5.x' },
);
