import type { FastifyInstance } from 'fastify';

/** Whether the app may take traffic: set by `buildApp`'s listen and close hooks. */
export interface Readiness {
  listening: boolean;
  closing: boolean;
}

const statusSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
} as const;

/**
 * `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: listening with a
 * valid configuration — there is no app without one — and not shutting down; 503 otherwise, so
 * a load balancer stops sending traffic before the process exits). With `storeReady` (reference
 * mode), `/readyz` is also 503 while the token store cannot take a write; `/healthz` never
 * looks at the store (a store outage is not a reason to restart the process).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  readiness: Readiness,
  storeReady?: () => Promise<boolean>,
): void {
  app.get('/healthz', { schema: { response: { 200: statusSchema } } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { response: { 200: statusSchema, 503: statusSchema } } },
    async (_request, reply) => {
      if (readiness.closing) return reply.code(503).send({ status: 'shutting down' });
      if (!readiness.listening) return reply.code(503).send({ status: 'starting' });
      if (storeReady !== undefined && !(await storeReady())) {
        return reply.code(503).send({ status: 'token store unavailable' });
      }
      return { status: 'ready' };
    },
  );
}
