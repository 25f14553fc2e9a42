import type { FastifyInstance } from 'fastify';

/** Whether the app may take traffic: set by `buildApp`'s listen and close hooks. */
export interface Readiness {
  listening: boolean;
  closing: boolean;
  /**
   * Reference mode: whether the token store can take a write; `/readyz` is 503 while it cannot.
   * `/healthz` never asks it (a store outage is no reason to restart the process).
   */
  storeReady?: () => Promise<boolean>;
}

const statusSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
} as const;

/**
 * `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: listening with a
 * valid configuration — there is no app without one — and not shutting down; 503 otherwise).
 * A stop sets `closing` first and keeps serving for `SHUTDOWN_DRAIN_MS`, so a load balancer
 * stops sending traffic before listening stops.
 */
export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  app.get('/healthz', { schema: { response: { 200: statusSchema } } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { response: { 200: statusSchema, 503: statusSchema } } },
    async (_request, reply) => {
      if (readiness.closing) return reply.code(503).send({ status: 'shutting down' });
      if (!readiness.listening) return reply.code(503).send({ status: 'starting' });
      if (readiness.storeReady !== undefined && !(await readiness.storeReady())) {
        return reply.code(503).send({ status: 'token store unavailable' });
      }
      return { status: 'ready' };
    },
  );
}
