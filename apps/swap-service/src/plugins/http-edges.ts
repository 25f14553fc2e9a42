import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { errorAnswer, writeErrorToSocket } from '../answer-error.js';
import { serviceError } from '../errors.js';
import { logSocketAnswer } from '../request-log.js';

/** Methods answered on some path (the `Allow` of a CONNECT, which names no path). */
const SERVED_METHODS = 'GET, HEAD, POST';

/**
 * JSON errors for requests Node or a plugin would otherwise answer with an empty or text body:
 * - an HTTP/1.1 request without `Host` (400; Node's own check is turned off with
 *   `requireHostHeader: false` in `buildApp` so that this hook answers instead);
 * - an `Expect` other than `100-continue` (417);
 * - `CONNECT`, which Node hands to a 'connect' listener and otherwise drops unanswered (405);
 * - with CORS on, an `OPTIONS` that is not a preflight (400), which `@fastify/cors` answers in
 *   text/plain. Register this plugin before CORS so its hook runs first.
 */
export const httpEdgesPlugin = fp<{ corsEnabled: boolean }>(
  async (app: FastifyInstance, { corsEnabled }) => {
    app.addHook('onRequest', async (request) => {
      const { httpVersionMajor, httpVersionMinor } = request.raw;
      const http11 = httpVersionMajor > 1 || (httpVersionMajor === 1 && httpVersionMinor >= 1);
      if (http11 && request.headers.host === undefined) throw serviceError('hostRequired');
      const preflight =
        request.headers.origin !== undefined &&
        request.headers['access-control-request-method'] !== undefined;
      if (corsEnabled && request.method === 'OPTIONS' && !preflight) {
        throw serviceError('notPreflight');
      }
    });
    // Neither reaches Fastify, so each writes its own request line.
    app.server.on('checkExpectation', (request, response) => {
      const refused = serviceError('expectationFailed');
      const { status, headers, body } = errorAnswer(refused);
      response.writeHead(status, { ...headers, connection: 'close' });
      response.end(body);
      logSocketAnswer(app.log, request, refused);
    });
    app.server.on('connect', (request, socket) => {
      const refused = serviceError('methodNotAllowed', 'CONNECT');
      writeErrorToSocket(socket, refused, { allow: SERVED_METHODS });
      logSocketAnswer(app.log, request, refused);
    });
  },
  { name: 'tokenswap-http-edges', fastify: '5.x' },
);
