import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { TOKEN_RESPONSE_HEADERS, type TokenSwapError } from '@tokenswap/core';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { answeredErrors, pathOf, serviceError, toTokenSwapError } from './errors.js';

/**
 * The one error writer: every error the service answers — from a route, a plugin, Fastify or
 * Node's HTTP parser — goes out as `{ error, error_description }` JSON with its status,
 * `Cache-Control: no-store`, `Pragma: no-cache` and `Retry-After` when the error has one.
 * {@link sendError} writes it through a Fastify reply; {@link writeErrorToSocket} writes it as
 * raw bytes where no reply exists (a request Node could not parse, CONNECT).
 */
export function errorAnswer(error: TokenSwapError): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...TOKEN_RESPONSE_HEADERS,
      ...(error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) }),
    },
    body: JSON.stringify(error.toJSON()),
  };
}

const ANSWERED = answeredErrors();

/** The error each request was answered with, for its request line (request-log.ts). */
const answeredWith = new WeakMap<FastifyRequest, TokenSwapError>();

/** The error `request` was answered with through {@link sendError}, if any. */
export function answeredErrorOf(request: FastifyRequest): TokenSwapError | undefined {
  return answeredWith.get(request);
}

/** Sends a `TokenSwapError` through a reply (see {@link errorAnswer}). */
export function sendError(reply: FastifyReply, error: TokenSwapError): FastifyReply {
  answeredWith.set(reply.request, error);
  if (!ANSWERED.has(`${error.status} ${error.code}`)) {
    // A new error path that the README's error table (and the catalogue) does not list yet.
    reply.log.error({ status: error.status, errorCode: error.code }, 'error not in the catalogue');
  }
  const { status, headers, body } = errorAnswer(error);
  // Headers set here too (not only by the no-store plugin): router-level errors skip onSend.
  return reply.code(status).headers(headers).send(body);
}

/** How long a socket that got a raw error may stay half-closed before it is destroyed. */
const LINGER_MS = 1_000;

/**
 * Writes a `TokenSwapError` as a whole HTTP/1.1 response on a raw socket and closes it
 * (`Connection: close`: after a parse error nothing more on it can be read). The socket is
 * ended, not destroyed, so the peer reads the answer even if it is still sending; it is
 * destroyed after a short linger in case the peer never closes its side.
 */
export function writeErrorToSocket(
  socket: Duplex,
  error: TokenSwapError,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  if (socket.destroyed) return;
  if (!socket.writable || socket.writableEnded) {
    socket.destroy();
    return;
  }
  const { status, headers, body } = errorAnswer(error);
  const head = Object.entries({
    ...headers,
    ...extraHeaders,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/**
 * Logs a 5xx's cause for operators (upstream trouble and bugs; causes are network or
 * programming errors, never request values). Other errors get no line of their own: the
 * request line carries their code and description (request-log.ts).
 */
export function logAnswered(log: FastifyBaseLogger, error: TokenSwapError): void {
  if (error.status < 500) return;
  log.error(
    { err: error.cause ?? error, errorCode: error.code, status: error.status },
    error.description,
  );
}

/**
 * The one error handler and the JSON not-found handler. Registered with `fastify-plugin` so
 * they apply to the whole app.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request: FastifyRequest, reply) => {
      const mapped = toTokenSwapError(error);
      logAnswered(request.log, mapped);
      return sendError(reply, mapped);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(
        reply,
        serviceError('notFound', { method: request.method, path: pathOf(request.url) }),
      ),
    );
  },
  { name: 'tokenswap-errors', fastify: '5.x' },
);
