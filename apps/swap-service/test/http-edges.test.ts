import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectableApp } from './helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await injectableApp({ COMPAT_ROUTES: 'true' });
});
afterAll(async () => {
  await app.close();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function expectTokenHeaders(headers: Record<string, unknown>) {
  expect(headers['cache-control']).toBe('no-store');
  expect(headers.pragma).toBe('no-cache');
  expect(headers['content-type']).toMatch(/^application\/json/);
}

describe('methods and paths', () => {
  it.each(['/swap', '/refresh', '/api/token', '/api/refresh_token'])(
    'other methods on %s are 405 with Allow: POST',
    async (url) => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const) {
        const answer = await app.inject({ method, url });
        expect(answer.statusCode, method).toBe(405);
        expect(answer.headers.allow).toBe('POST');
        expect(answer.headers['cache-control']).toBe('no-store');
        if (method !== 'HEAD') {
          expect(answer.json()).toEqual({
            error: 'invalid_request',
            error_description: `method ${method} is not allowed; use POST`,
          });
        }
      }
    },
  );

  it('unknown paths are 404 JSON without echoing the query', async () => {
    const answer = await app.inject({ method: 'POST', url: '/swapp?code=SECRETCODE' });
    expect(answer.statusCode).toBe(404);
    expectTokenHeaders(answer.headers);
    expect(answer.json()).toEqual({
      error: 'invalid_request',
      error_description: 'no endpoint at POST /swapp',
    });
  });

  it('a malformed URL is 400 JSON', async () => {
    const answer = await app.inject({ method: 'POST', url: '/swap%zz' });
    expect(answer.statusCode).toBe(400);
    expectTokenHeaders(answer.headers);
    expect(answer.json()).toEqual({
      error: 'invalid_request',
      error_description: 'request URL is not valid',
    });
  });

  it('a trailing slash on a token path still reaches the route', async () => {
    const answer = await app.inject({ method: 'POST', url: '/swap/', headers: FORM, payload: '' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error_description).toBe('code is missing');
  });

  it('in production / is 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
  });
});

describe('bodies', () => {
  it('415 for a media type other than form or JSON', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
      const answer = await app.inject({
        method: 'POST',
        url: '/swap',
        headers: { 'content-type': type },
        payload: 'code=abc',
      });
      expect(answer.statusCode, type).toBe(415);
      expectTokenHeaders(answer.headers);
      expect(answer.json()).toEqual({
        error: 'invalid_request',
        error_description:
          'Content-Type must be application/x-www-form-urlencoded or application/json',
      });
    }
  });

  it('413 for a body over 16 KiB', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/refresh',
      headers: FORM,
      payload: `refresh_token=${'a'.repeat(17 * 1024)}`,
    });
    expect(answer.statusCode).toBe(413);
    expectTokenHeaders(answer.headers);
    expect(answer.json()).toEqual({
      error: 'invalid_request',
      error_description: 'request body is larger than 16 KiB',
    });
  });

  it('an empty body or a missing field is 400 naming the field', async () => {
    for (const payload of ['', 'grant_type=authorization_code']) {
      const answer = await app.inject({ method: 'POST', url: '/swap', headers: FORM, payload });
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toEqual({
        error: 'invalid_request',
        error_description: 'code is missing',
      });
    }
    const noBody = await app.inject({ method: 'POST', url: '/refresh' });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().error_description).toBe('refresh_token is missing');
  });

  it('empty and repeated fields are 400 naming the field', async () => {
    const empty = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: FORM,
      payload: 'code=',
    });
    expect(empty.json()).toEqual({ error: 'invalid_request', error_description: 'code is empty' });
    const repeated = await app.inject({
      method: 'POST',
      url: '/refresh',
      headers: FORM,
      payload: 'refresh_token=a&refresh_token=b',
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token is repeated; send it once',
    });
  });

  it('JSON: invalid, non-object and wrongly typed bodies are 400, never echoing the body', async () => {
    const json = { 'content-type': 'application/json' };
    const invalid = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: json,
      payload: '{"code": SECRET',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({
      error: 'invalid_request',
      error_description: 'request body is not valid JSON',
    });
    expect(invalid.body).not.toContain('SECRET');
    for (const payload of ['[1,2]', '"code"', '42', 'null']) {
      const answer = await app.inject({ method: 'POST', url: '/swap', headers: json, payload });
      expect(answer.statusCode, payload).toBe(400);
      expect(answer.json().error).toBe('invalid_request');
    }
    const wrongType = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: json,
      payload: '{"code": 42}',
    });
    expect(wrongType.json()).toEqual({
      error: 'invalid_request',
      error_description: 'code must be a string',
    });
    const proto = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: json,
      payload: '{"__proto__": {"code": "x"}}',
    });
    expect(proto.statusCode).toBe(400);
    const empty = await app.inject({ method: 'POST', url: '/swap', headers: json, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toBe('invalid_request');
  });

  it('a bad code_verifier is 400 before anything goes upstream', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: FORM,
      payload: 'code=abc&code_verifier=short',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error_description).toMatch(/^code_verifier /);
  });

  it('carries a request id, taking a sane X-Request-Id from the caller', async () => {
    const given = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const junk = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\u0001' },
    });
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  it('is off by default and answers preflight for configured origins only', async () => {
    const off = await app.inject({
      method: 'POST',
      url: '/swap',
      headers: { ...FORM, origin: 'https://app.example' },
      payload: 'code=',
    });
    expect(off.headers['access-control-allow-origin']).toBeUndefined();

    const withCors = await injectableApp({ CORS_ORIGINS: 'https://app.example' });
    try {
      const preflight = await withCors.inject({
        method: 'OPTIONS',
        url: '/swap',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
      const other = await withCors.inject({
        method: 'POST',
        url: '/swap',
        headers: { ...FORM, origin: 'https://evil.example' },
        payload: 'code=',
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await withCors.close();
    }
  });
});
