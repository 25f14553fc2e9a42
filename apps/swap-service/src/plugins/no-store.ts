import { TOKEN_RESPONSE_HEADERS } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * `Cache-Control: no-store` and `Pragma: no-cache` on every answer (RFC 6749 §5.1 asks it of
 * token answers; errors and the other endpoints carry nothing worth caching either). An onSend
 * hook, so answers from the error handler, 405s and 429s carry them too.
 */
export const noStorePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(TOKEN_RESPONSE_HEADERS);
      return payload;
    });
  },
  { name: 'tokenswap-no-store', fastify: '5.x' },
);
