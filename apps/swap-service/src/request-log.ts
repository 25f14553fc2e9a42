import type { IncomingMessage } from 'node:http';
import type { TokenSwapError } from '@tokenswap/core';
import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { answeredErrorOf } from './answer-error.js';
import { pathOf } from './errors.js';

/** The message of the one line per answered request. */
export const REQUEST_LINE = 'request completed';
/** The debug line of a request whose head has arrived (to see what is in flight). */
export const RECEIVED_LINE = 'request received';

/**
 * Fastify's request logging, cut to one line per request (Fastify writes two: "incoming request"
 * when the head arrives, "request completed" when the answer is sent): method, route (the
 * route's pattern, or the path of an unrouted request — never the query string, which may
 * carry a code), status, duration in ms and client address, and for an error answer its
 * `errorCode` and `errorDescription`; `reqId` comes from the request's child logger. No hook is added: Fastify calls this controller where it logged before.
 *
 * Level: info, and warn for a 5xx answer or a response that failed on the way out, so
 * `LOG_LEVEL=warn` still shows failed requests with their duration (a 5xx's cause is on its own
 * error line, from the error handler). At debug, "request received" marks each request whose
 * head has arrived, to see what is in flight.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!levelEnabled(request.log, 'debug')) return;
    request.log.debug({ method: request.method, url: pathOf(request.url) }, RECEIVED_LINE);
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    logRequestLine(request, reply, error);
  }

  /** Fastify's default 404 handler would log the raw URL, query included (ours is used). */
  override routeNotFound(): void {}
}

/**
 * Writes the request line; also called where Fastify does not call the controller (an answer
 * from `frameworkErrors`: a malformed URL never reaches a route).
 */
export function logRequestLine(
  request: FastifyRequest,
  reply: FastifyReply,
  error?: Error | null,
): void {
  writeLine(request.log, reply.statusCode, error, () => ({
    method: request.method,
    url: request.routeOptions.url ?? pathOf(request.url),
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    remoteAddress: request.ip,
    ...errorFields(answeredErrorOf(request)),
    ...(error ? { err: error } : {}),
  }));
}

/**
 * The request line of an answer written on the socket, without a reply: a CONNECT, an
 * `Expect` refused, a body that did not arrive in time. `log` is the request's logger when
 * Fastify made one (it carries `reqId`), else the app's.
 */
export function logSocketAnswer(
  log: FastifyBaseLogger,
  raw: IncomingMessage,
  answered: TokenSwapError,
): void {
  writeLine(log, answered.status, undefined, () => ({
    method: raw.method,
    url: pathOf(raw.url ?? '/'),
    statusCode: answered.status,
    remoteAddress: raw.socket.remoteAddress,
    ...errorFields(answered),
  }));
}

/** Info, or warn for a 5xx or a failed response; the fields are built only when it is written. */
function writeLine(
  log: FastifyBaseLogger,
  status: number,
  error: Error | null | undefined,
  fields: () => object,
): void {
  const level = status >= 500 || (error !== null && error !== undefined) ? 'warn' : 'info';
  if (levelEnabled(log, level)) log[level](fields(), REQUEST_LINE);
}

/** An error answer's code and description (its only log line below 5xx). */
function errorFields(answered: TokenSwapError | undefined): {
  errorCode?: string;
  errorDescription?: string;
} {
  return answered === undefined
    ? {}
    : { errorCode: answered.code, errorDescription: answered.description };
}

/** pino's `isLevelEnabled`; false for the no-op logger Fastify uses with `logger: false`. */
function levelEnabled(log: FastifyBaseLogger, level: string): boolean {
  const check = (log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return check?.call(log, level) === true;
}
