import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from '../metrics.js';

/** `GET /metrics`: the app's counters and histograms in Prometheus text format. */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
