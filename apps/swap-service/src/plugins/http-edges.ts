import { TOKEN_RESPONSE_HEADERS, TokenSwapError } from '@tokenswap/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * JSON errors for two requests Node would otherwise answer itself with an empty body: an
 * HTTP/1.1 request without `Host` (400; Node's own check is turned off with `requireHostHeader:
 * false` in `buildApp` so that this hook answers instead) and an `Expect` other than
 * `100-continue` (417).
 */
export const httpEdgesPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      const { httpVersionMajor, httpVersionMinor } = request.raw;
      const http11 = httpVersionMajor > 1 || (httpVersionMajor === 1 && httpVersionMinor >= 1);
      if (http11 && request.headers.host === undefined) {
        throw new TokenSwapError('invalid_request', 'the Host header is required', { status: 400 });
      }
    });
    app.server.on('checkExpectation', (_request, response) => {
      const error = new TokenSwapError('invalid_request', 'Expect must be 100-continue', {
        status: 417,
      });
      response.writeHead(417, {
        'content-type': 'application/json; charset=utf-8',
        ...TOKEN_RESPONSE_HEADERS,
        connection: 'close',
      });
      response.end(JSON.stringify(error.toJSON()));
    });
  },
  { name: 'tokenswap-http-edges', fastify: '5.x' },
);
