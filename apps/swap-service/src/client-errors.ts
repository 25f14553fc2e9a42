import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { writeErrorToSocket } from './answer-error.js';
import { serviceError } from './errors.js';
import { afterPendingResponses } from './plugins/connections.js';

/** What Node's HTTP server passes to 'clientError': its parser's error, or a timeout. */
interface ClientError extends Error {
  code?: string;
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser could not read — a head over the
 * size limit (431), a head that did not arrive within the headers timeout (408), anything else
 * it refuses (400: a garbage request line, a bad chunk, `Transfer-Encoding` with
 * `Content-Length`, duplicate `Content-Length`, a NUL or bare LF in a head, an HTTP/2 preface)
 * — answered with the service's JSON error and `Connection: close`.
 *
 * Logged once, at info like a request line (no route answered it, so no other line does), with
 * the parser's error code and reason, the status and the client's address only: Node's error
 * carries the request's bytes (`rawPacket`), which Fastify's default handler logs at trace.
 */
export function createClientErrorHandler(
  headersTimeoutMs: number,
): (this: FastifyInstance, error: ClientError, socket: Duplex) => void {
  return function clientErrorHandler(this: FastifyInstance, error, socket) {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const answer =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? serviceError('headersTooLarge')
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? serviceError('headersTimeout', headersTimeoutMs)
          : serviceError('notHttp');
    this.log.info(
      {
        parserError: error.code,
        reason: reasonOf(error),
        statusCode: answer.status,
        remoteAddress: (socket as { remoteAddress?: string }).remoteAddress,
      },
      'client error',
    );
    afterPendingResponses(socket, () => writeErrorToSocket(socket, answer));
  };
}

/** llhttp's reason ("Invalid header value char"): a fixed string that never quotes the bytes. */
function reasonOf(error: ClientError): string | undefined {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason.length <= 80 ? reason : undefined;
}
