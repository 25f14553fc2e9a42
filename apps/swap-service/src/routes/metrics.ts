import { createHash, timingSafeEqual } from 'node:crypto';
import { TokenSwapError } from '@tokenswap/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../errors.js';
import type { ServiceMetrics } from '../metrics.js';

/**
 * `GET /metrics`: the app's counters and histograms in Prometheus text format. With a `token`
 * (`METRICS_TOKEN`), only for `Authorization: Bearer <token>`; anything else is 401 with
 * `WWW-Authenticate: Bearer` and the usual JSON error body.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: ServiceMetrics,
  token: string | null = null,
): void {
  app.get('/metrics', async (request, reply) => {
    if (token !== null && !bearerMatches(request, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendError(
        reply,
        new TokenSwapError(
          'invalid_request',
          'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
          {
            status: 401,
          },
        ),
      );
    }
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}

/** Compares digests in constant time, so the answer's timing says nothing about the token. */
function bearerMatches(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(request.headers.authorization ?? '');
  if (match === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1] as string), digest(token));
}
