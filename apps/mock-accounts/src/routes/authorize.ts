import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { noteAudit } from '../internal/audit.js';
import { collectParams } from '../internal/params.js';
import { redirectWith } from '../internal/redirect.js';
import { splitScopes, unknownScopes } from '../scopes.js';
import { CONSENT_TTL_MS } from '../state/consents.js';
import type { MockState } from '../state/mock-state.js';
import { randomToken } from '../state/random-token.js';
import { renderConsentPage } from '../views/consent.js';
import { renderErrorPage } from '../views/error-page.js';
import { HTML_HEADERS } from '../views/html.js';
import { faultHook } from './apply-fault.js';

const CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/** Sends the HTML error page /authorize shows instead of redirecting. */
export function sendErrorPage(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).headers(HTML_HEADERS).send(renderErrorPage(message));
}

/** The OAuth error to redirect with for bad-but-redirectable parameters, if any. */
function redirectableProblem(
  p: Record<string, string | undefined>,
): { error: string; description: string } | undefined {
  const invalid = (description: string) => ({ error: 'invalid_request', description });
  if (p.response_type !== 'code') return invalid('response_type must be code');
  const method = p.code_challenge_method;
  const challenge = p.code_challenge;
  if (method !== undefined && method !== 'S256')
    return invalid('code_challenge_method must be S256');
  if (method !== undefined && challenge === undefined) return invalid('code_challenge required');
  if (challenge !== undefined && method === undefined)
    return invalid('code_challenge_method required');
  if (challenge !== undefined && !CHALLENGE.test(challenge)) {
    return invalid('code_challenge must be 43 to 128 base64url characters');
  }
  const unknown = unknownScopes(splitScopes(p.scope));
  if (unknown.length > 0) return { error: 'invalid_scope', description: `Invalid scope` };
  return undefined;
}

/**
 * GET /authorize (the consent page) and POST /authorize/consent (its Agree/Cancel form).
 * Unknown clients and unregistered redirect URIs get Spotify's error page, never a redirect.
 */
export async function authorizeRoutes(
  app: FastifyInstance,
  opts: { state: MockState; signal: AbortSignal },
) {
  const { state } = opts;
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  app.get(
    '/authorize',
    { onRequest: faultHook(state, 'authorize', opts.signal) },
    async (request, reply) => {
      const { params: p, duplicate } = collectParams(undefined, request.query);
      noteAudit(request, {
        paramsIn: 'query',
        ...(p.client_id === undefined ? {} : { clientId: p.client_id }),
        ...(p.redirect_uri === undefined ? {} : { redirectUri: p.redirect_uri }),
      });
      const client = state.findClient(p.client_id);
      if (!client) return sendErrorPage(reply, 400, 'INVALID_CLIENT: Invalid client');
      const redirectUri = p.redirect_uri;
      if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
        return sendErrorPage(reply, 400, 'INVALID_CLIENT: Invalid redirect URI');
      }
      const problem =
        duplicate === undefined
          ? redirectableProblem(p)
          : { error: 'invalid_request', description: `${duplicate} must not be repeated` };
      if (problem) {
        return reply.redirect(
          redirectWith(redirectUri, {
            error: problem.error,
            error_description: problem.description,
            state: p.state,
          }),
        );
      }
      const scopes = splitScopes(p.scope);
      const challenge = p.code_challenge === undefined ? {} : { codeChallenge: p.code_challenge };
      const firstUser = state.config.users[0];
      if (state.config.autoApprove && firstUser) {
        const code = state.storeCode({
          clientId: client.id,
          userId: firstUser.id,
          scopes,
          redirectUri,
          ...challenge,
        });
        return reply.redirect(redirectWith(redirectUri, { code, state: p.state }));
      }
      const consentId = randomToken('CN', 24, state.config.randomBytes);
      state.consents.set(consentId, {
        clientId: client.id,
        redirectUri,
        scopes,
        ...challenge,
        ...(p.state === undefined ? {} : { state: p.state }),
        expiresAt: state.clock.now() + CONSENT_TTL_MS,
      });
      return reply
        .headers(HTML_HEADERS)
        .send(renderConsentPage({ consentId, client, scopes, users: state.config.users }));
    },
  );

  app.post('/authorize/consent', async (request, reply) => {
    const { params: p } = collectParams(request.body, undefined);
    noteAudit(request, { paramsIn: 'body' });
    const now = state.clock.now();
    const consentId = p.consent_id;
    const consent = consentId === undefined ? undefined : state.consents.get(consentId, now);
    if (consentId === undefined || !consent || now >= consent.expiresAt) {
      return sendErrorPage(
        reply,
        400,
        'This authorization request has expired or was already answered.',
      );
    }
    noteAudit(request, { clientId: consent.clientId, redirectUri: consent.redirectUri });
    if (p.action === 'cancel') {
      state.consents.delete(consentId);
      return reply.redirect(
        redirectWith(consent.redirectUri, { error: 'access_denied', state: consent.state }),
      );
    }
    const user = state.findUser(p.user_id);
    if (p.action !== 'agree' || !user) {
      return sendErrorPage(reply, 400, 'Choose a user and Agree or Cancel.');
    }
    state.consents.delete(consentId);
    const code = state.storeCode({
      clientId: consent.clientId,
      userId: user.id,
      scopes: consent.scopes,
      redirectUri: consent.redirectUri,
      ...(consent.codeChallenge === undefined ? {} : { codeChallenge: consent.codeChallenge }),
    });
    return reply.redirect(redirectWith(consent.redirectUri, { code, state: consent.state }));
  });
}
