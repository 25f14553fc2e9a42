import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMockApp } from '../src/index.js';
import { BASIC } from './helpers.js';

const { app } = buildMockApp({ freezeClock: true });
afterAll(() => app.close());

const contentTypes = fc.constantFrom(
  undefined,
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded; charset=latin1',
  '',
);
const paramNames = fc.constantFrom(
  'grant_type',
  'code',
  'redirect_uri',
  'refresh_token',
  'client_id',
  'client_secret',
  'code_verifier',
  'scope',
);
const paramValues = fc.oneof(
  fc.constantFrom(
    'authorization_code',
    'refresh_token',
    'client_credentials',
    'tokenswap-demo-client',
  ),
  fc.string({ maxLength: 40 }),
);
const form = fc
  .array(fc.tuple(paramNames, paramValues), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());
const rawBody = fc.oneof(form, fc.string({ maxLength: 80 }));
const authorization = fc.constantFrom(
  undefined,
  BASIC,
  'Basic',
  'Basic !!!',
  'Bearer x',
  `Basic ${Buffer.from(':').toString('base64')}`,
);

describe('no input makes the mock answer 500', () => {
  it('POST /api/token answers a Spotify token error or tokens', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        contentTypes,
        authorization,
        form,
        async (body, type, auth, query) => {
          const headers: Record<string, string> = {};
          if (type !== undefined) headers['content-type'] = type;
          if (auth !== undefined) headers.authorization = auth;
          const res = await app.inject({
            method: 'POST',
            url: `/api/token?${query}`,
            headers,
            payload: body,
          });
          expect(res.statusCode).toBeLessThan(500);
          const json = res.json() as Record<string, unknown>;
          if (res.statusCode === 200) expect(json.token_type).toBe('Bearer');
          else expect(typeof json.error_description).toBe('string');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GET /v1/me and GET /authorize never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), form, async (auth, query) => {
        const me = await app
          .inject({ method: 'GET', url: '/v1/me', headers: { authorization: auth } })
          .catch(() => undefined);
        if (me) expect(me.statusCode).toBeLessThan(500);
        const authorize = await app.inject({ method: 'GET', url: `/authorize?${query}` });
        expect(authorize.statusCode).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });

  it('the control API answers invalid_request for junk JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/__mock/codes', '/__mock/clock', '/__mock/revoke', '/__mock/faults'),
        fc.oneof(fc.json(), fc.string({ maxLength: 40 })),
        async (url, payload) => {
          const res = await app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            payload,
          });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
