import { TokenSwapError } from '@tokenswap/core';
import type { FastifyInstance, HTTPMethods } from 'fastify';

/**
 * Answers every other method on a POST-only path with 405, an `Allow: POST` header and the JSON
 * error body (instead of a 404 that would hide a wrong method). OPTIONS is left to CORS when
 * CORS is on, so preflight requests keep working.
 */
export function methodNotAllowed(app: FastifyInstance, url: string, corsEnabled: boolean): void {
  const methods: HTTPMethods[] = ['GET', 'PUT', 'DELETE', 'PATCH'];
  if (!corsEnabled) methods.push('OPTIONS');
  app.route({
    method: methods,
    url,
    handler: async (request, reply) => {
      reply.header('allow', 'POST');
      throw new TokenSwapError(
        'invalid_request',
        `method ${request.method} is not allowed; use POST`,
        {
          status: 405,
        },
      );
    },
  });
}
