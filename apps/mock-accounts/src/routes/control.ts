import type { FastifyInstance } from 'fastify';
import { MockAccountsError } from '../errors.js';
import { parseFault, parseFaultCount, parseFaultEndpoint } from '../faults.js';
import type { MintCodeParams, MockState } from '../state/mock-state.js';

const bad = (message: string) => new MockAccountsError('invalid_request', message);

const objectBody = (properties: Record<string, unknown>, required: string[] = []) => ({
  body: { type: 'object', properties, required, additionalProperties: false },
});

const refreshTokenBody = objectBody({ refreshToken: { type: 'string', minLength: 1 } }, [
  'refreshToken',
]);

/**
 * The control API under /__mock/: the library's operations over HTTP with JSON, for tests and
 * tools in other processes. Errors are `{ error, error_description }` with status 400.
 */
export async function controlRoutes(app: FastifyInstance, opts: { state: MockState }) {
  const { state } = opts;

  app.post(
    '/__mock/codes',
    {
      schema: objectBody({
        clientId: { type: 'string' },
        userId: { type: 'string' },
        scopes: { type: 'array', items: { type: 'string' }, maxItems: 100 },
        redirectUri: { type: 'string' },
        codeChallenge: { type: 'string' },
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
      if (body.set !== undefined) state.clock.set(body.set);
      if (body.advance !== undefined) state.clock.advance(body.advance);
      return { now: state.clock.now() };
    },
  );

  app.post('/__mock/revoke', { schema: refreshTokenBody }, async (request) => {
    const { refreshToken } = request.body as { refreshToken: string };
    return { revoked: state.revokeRefreshToken(refreshToken) };
  });
  app.post('/__mock/issued', { schema: refreshTokenBody }, async (request) => {
    const { refreshToken } = request.body as { refreshToken: string };
    return { issued: state.isIssuedRefreshToken(refreshToken) };
  });

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
