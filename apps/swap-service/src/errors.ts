import { isTokenSwapError, TOKEN_RESPONSE_HEADERS, TokenSwapError } from '@tokenswap/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Largest request body accepted, in bytes (the contract's bodies are a few hundred bytes). */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Turns anything thrown in a request into the `{ error, error_description }` body and status of
 * a `TokenSwapError`. Framework errors (body parsing, size, media type) become `invalid_request`
 * with their precise status; anything unexpected is logged in full and answered as a generic
 * `server_error` — never a stack trace, never a value from the request.
 *
 * @example
 * ```ts
 * app.setErrorHandler((error, _request, reply) => sendError(reply, toTokenSwapError(error)));
 * ```
 */
export function toTokenSwapError(error: unknown): TokenSwapError {
  if (isTokenSwapError(error)) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new TokenSwapError(
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded or application/json',
        { status: 415 },
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new TokenSwapError(
        'invalid_request',
        `request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB`,
        { status: 413 },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new TokenSwapError('invalid_request', 'request body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new TokenSwapError('invalid_request', 'Content-Length does not match the body');
    case 'FST_ERR_BAD_URL':
      return new TokenSwapError('invalid_request', 'request URL is not valid');
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // JSON syntax errors (and proto-poisoning) arrive as SyntaxError/400 from the JSON parser;
    // their message quotes the body, so it is replaced, not passed on.
    const description =
      error instanceof SyntaxError || fastifyError?.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'request body is not valid JSON'
        : 'the request could not be read';
    return new TokenSwapError('invalid_request', description, { status, cause: error });
  }
  return new TokenSwapError('server_error', 'internal error', { status: 500, cause: error });
}

/** Sends a `TokenSwapError` as JSON, with `Retry-After` when it carries one. */
export function sendError(reply: FastifyReply, error: TokenSwapError): FastifyReply {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
  // Also set here (not only by the no-store plugin): router-level errors skip onSend hooks.
  reply.headers(TOKEN_RESPONSE_HEADERS);
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.toJSON());
}

function logError(request: FastifyRequest, error: TokenSwapError): void {
  if (error.status >= 500) {
    // Upstream trouble and bugs: keep the detail (cause) for operators. Causes are network or
    // programming errors, never request values.
    request.log.error(
      { err: error.cause ?? error, errorCode: error.code, status: error.status },
      error.description,
    );
  } else {
    request.log.info({ errorCode: error.code, status: error.status }, error.description);
  }
}

/**
 * The one error handler and the JSON not-found handler. Registered with `fastify-plugin` so
 * they apply to the whole app.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const mapped = toTokenSwapError(error);
      logError(request, mapped);
      return sendError(reply, mapped);
    });
    app.setNotFoundHandler((request, reply) => {
      const error = new TokenSwapError(
        'invalid_request',
        `no endpoint at ${request.method} ${pathOf(request.url)}`,
        { status: 404 },
      );
      return sendError(reply, error);
    });
  },
  { name: 'tokenswap-errors', fastify: '5.x' },
);

/** The path of a request URL, without the query (which may hold values not to echo or log). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}
