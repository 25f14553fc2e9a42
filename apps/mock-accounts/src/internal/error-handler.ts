import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONTROL_ERROR_STATUS,
  MockAccountsError,
  TOKEN_ERRORS,
  type TokenError,
  WEB_API_ERRORS,
} from '../errors.js';
import { renderErrorPage } from '../views/error-page.js';
import { HTML_HEADERS } from '../views/html.js';

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;

function tokenErrorFor(error: FastifyError, status: number): TokenError {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return TOKEN_ERRORS.bodyTooLarge;
  return status < 500 ? TOKEN_ERRORS.malformedRequest : TOKEN_ERRORS.internal;
}

/**
 * The one error handler: whatever fails (body parsing, schemas, a bug), the client gets the
 * error shape of the endpoint it called — Spotify's token error, Web API error, the authorize
 * error page, or the control API's JSON — and never a stack trace. Details only go to the log.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500 && !(error instanceof MockAccountsError)) {
    request.log.error({ err: error }, 'unexpected error');
  }
  const path = pathOf(request);
  if (path === '/api/token') {
    const tokenError = tokenErrorFor(error, status);
    return reply.code(tokenError.status).send(tokenError.body);
  }
  if (path.startsWith('/v1/')) {
    const body =
      status < 500
        ? { error: { status: 400, message: 'Bad request' } }
        : WEB_API_ERRORS.internal.body;
    return reply.code(body.error.status).send(body);
  }
  if (path.startsWith('/authorize')) {
    return reply
      .code(status < 500 ? 400 : 500)
      .headers(HTML_HEADERS)
      .send(renderErrorPage(status < 500 ? 'Bad request' : 'Something went wrong'));
  }
  if (error instanceof MockAccountsError) {
    return reply
      .code(CONTROL_ERROR_STATUS[error.code])
      .send({ error: error.code, error_description: error.message });
  }
  if (status < 500) {
    // Schema and body-parser messages describe the request, never server state.
    return reply.code(status).send({ error: 'invalid_request', error_description: error.message });
  }
  return reply.code(500).send({ error: 'server_error', error_description: 'Unexpected error' });
}
