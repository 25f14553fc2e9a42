import type { FastifyInstance } from 'fastify';
import { MockAccountsError } from '../errors.js';
import { parseFault, parseFaultCount, parseFaultEndpoint } from '../faults.js';
import type { MintCodeParams, MockState } from '../state/mock-state.js';

const bad = (message: string) => new MockAccountsError('invalid_request', message);

const objectBody = (properties: Record<string, unknown>, required: string[] = []) => ({
  body: { type: 'object', properties, required, additionalProperties: false },
});

// `refreshToken` is documented; `refresh_token` and `token` are accepted too, so a caller
// guessing the OAuth spelling is not refused.
const refreshTokenBody = objectBody({
  refreshToken: { type: 'string', minLength: 1 },
  refresh_token: { type: 'string', minLength: 1 },
  token: { type: 'string', minLength: 1 },
});

function refreshTokenOf(body: unknown): string {
  const b = (body ?? {}) as { refreshToken?: string; refresh_token?: string; token?: string };
  const given = [b.refreshToken, b.refresh_token, b.token].filter((v) => v !== undefined);
  if (given.length !== 1 || given[0] === undefined) throw bad('give "refreshToken"');
  return given[0];
}

/**
 * The control API under /__mock/: the library's operations over HTTP with JSON, for tests and
 * tools in other processes. Errors are `{ error, error_description }` with status 400.
 */
export async function controlRoutes(app: FastifyInstance, opts: { state: MockState }) {
  const { state } = opts;
  // An empty body means "all defaults" (e.g. POST /__mock/codes mints for the demo client),
  // whether or not the caller set a JSON content type.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, {});
      return;
    }
    parseJson(request, body.toString(), done);
  });
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && request.body === undefined) request.body = {};
  });

  app.post(
    '/__mock/codes',
    {
      schema: objectBody({
        clientId: { type: 'string' },
        userId: { type: 'string' },
        scopes: { type: 'array', items: { type: 'string' }, maxItems: 100 },
        redirectUri: { type: 'string' },
        codeChallenge: { type: 'string' },
        rotate: { type: 'boolean' },
      }),
    },
    async (request, reply) => {
      const code = state.mintCode((request.body ?? {}) as MintCodeParams);
      return reply.code(201).send({ code });
    },
  );

  app.get('/__mock/clock', async () => ({ now: state.clock.now() }));
  app.post(
    '/__mock/clock',
    { schema: objectBody({ advance: { type: 'number' }, set: { type: 'integer', minimum: 0 } }) },
    async (request) => {
      const body = (request.body ?? {}) as { advance?: number; set?: number };
      if ((body.advance === undefined) === (body.set === undefined)) {
        throw bad('give exactly one of "advance" (seconds) or "set" (ms since the epoch)');
      }
      try {
        if (body.set !== undefined) state.clock.set(body.set);
        if (body.advance !== undefined) state.clock.advance(body.advance);
      } catch (error) {
        throw new MockAccountsError('invalid_request', (error as Error).message, { cause: error });
      }
      return { now: state.clock.now() };
    },
  );

  app.post('/__mock/revoke', { schema: refreshTokenBody }, async (request) => {
    return { revoked: state.revokeRefreshToken(refreshTokenOf(request.body)) };
  });
  app.post('/__mock/issued', { schema: refreshTokenBody }, async (request) => {
    return { issued: state.isIssuedRefreshToken(refreshTokenOf(request.body)) };
  });

  app.post(
    '/__mock/unused',
    { schema: objectBody({ code: { type: 'string', minLength: 1 } }, ['code']) },
    async (request) => ({ unused: state.isUnusedCode((request.body as { code: string }).code) }),
  );

  app.get('/__mock/faults', async () => ({ pending: state.faults.pending() }));
  app.post(
    '/__mock/faults',
    {
      schema: objectBody(
        { endpoint: { type: 'string' }, fault: { type: 'object' }, count: { type: 'integer' } },
        ['endpoint', 'fault'],
      ),
    },
    async (request, reply) => {
      const body = request.body as { endpoint: unknown; fault: unknown; count?: unknown };
      state.faults.inject(
        parseFaultEndpoint(body.endpoint),
        parseFault(body.fault),
        parseFaultCount(body.count),
      );
      return reply.code(201).send({ pending: state.faults.pending() });
    },
  );
  app.delete('/__mock/faults', async () => {
    state.faults.clear();
    return { pending: 0 };
  });

  app.get('/__mock/journal', async () => ({ entries: state.journal.entries() }));
  app.delete('/__mock/journal', async () => {
    state.journal.clear();
    return { entries: [] };
  });

  app.get('/__mock/stats', async () => state.stats());
  app.get('/__mock/config', async () => ({
    // Secrets stay out: the control API may be reachable by more than the test that started it.
    clients: state.config.clients.map(({ secret: _secret, ...rest }) => rest),
    users: state.config.users,
    rotation: state.config.rotation,
    autoApprove: state.config.autoApprove,
  }));
  app.post('/__mock/reset', async () => {
    state.reset();
    return { reset: true };
  });
}
