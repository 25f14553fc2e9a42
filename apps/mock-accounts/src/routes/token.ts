import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TOKEN_ERRORS, type TokenError } from '../errors.js';
import { exchangeToken } from '../grants/exchange-token.js';
import { noteAudit } from '../internal/audit.js';
import { collectParams } from '../internal/params.js';
import type { MockState } from '../state/mock-state.js';
import { faultHook } from './apply-fault.js';

/** Spotify sends these with every token answer; clients must not cache tokens. */
const TOKEN_HEADERS = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

const isJsonContentType = (request: FastifyRequest): boolean =>
  /^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? '');

/** Sends a Spotify token error. Exported for the error handler. */
export function sendTokenError(reply: FastifyReply, error: TokenError) {
  return reply.code(error.status).headers(TOKEN_HEADERS).send(error.body);
}

/**
 * POST /api/token. Runs in its own plugin context, so its body parsing differs from the rest:
 * form bodies are parsed, any other content type is accepted and ignored (the parameters may
 * be in the query string), and JSON gets Spotify's 415.
 */
export async function tokenRoutes(
  app: FastifyInstance,
  opts: { state: MockState; signal: AbortSignal },
) {
  const { state } = opts;
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Anything else is read (so body limits apply) and ignored, as Spotify ignores it.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, _body, done) =>
    done(null, undefined),
  );

  app.post(
    '/api/token',
    { onRequest: faultHook(state, 'token', opts.signal) },
    async (request, reply) => {
      if (isJsonContentType(request)) return sendTokenError(reply, TOKEN_ERRORS.jsonContentType);
      const collected = collectParams(request.body, request.query);
      noteAudit(request, { paramsIn: collected.paramsIn });
      if (collected.duplicate !== undefined) {
        return sendTokenError(reply, TOKEN_ERRORS.duplicateParameter);
      }
      const outcome = exchangeToken(state, {
        params: collected.params,
        ...(request.headers.authorization === undefined
          ? {}
          : { authorization: request.headers.authorization }),
      });
      noteAudit(request, outcome.audit);
      return reply.code(outcome.status).headers(TOKEN_HEADERS).send(outcome.body);
    },
  );
}
