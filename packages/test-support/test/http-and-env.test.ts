import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, postJson, probeUntilStatusChanges, send, swapServiceEnv } from '../src/index.js';

// A real server that echoes what it received, so the helpers are checked on the wire.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const echo = { method: request.method, type: request.headers['content-type'], body };
    response.setHeader('content-type', request.url === '/text' ? 'text/plain' : 'application/json');
    response.end(request.url === '/text' ? 'not json' : JSON.stringify(echo));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('HTTP helpers', () => {
  it('post encodes a form object', async () => {
    const answer = await post(`${url}/`, { code: 'a b&c', state: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'code=a+b%26c&state=x',
    });
  });

  it('post sends a raw string with the content type given, plus extra headers', async () => {
    const answer = await post(`${url}/`, '{"code":1}', 'application/json', { 'x-extra': '1' });
    expect(answer.json).toEqual({ method: 'POST', type: 'application/json', body: '{"code":1}' });
  });

  it('postJson serialises, send defaults to GET, and a body that is not JSON leaves json undefined', async () => {
    expect((await postJson(`${url}/`, { a: 1 })).json.body).toBe('{"a":1}');
    expect((await send(`${url}/`)).json.method).toBe('GET');
    const text = await send(`${url}/text`);
    expect(text.text).toBe('not json');
    expect(text.json).toBeUndefined();
    expect(text.headers['content-type']).toBe('text/plain');
  });
});

describe('swapServiceEnv', () => {
  it('configures one client, the keys and 127.0.0.1 with the rate limit off; extra wins', () => {
    const client = { id: 'id', secret: 'secret', redirectUris: ['app://cb', 'app://other'] };
    expect(swapServiceEnv('http://127.0.0.1:9', client, 'k1:key', { RATE_LIMIT_MAX: '5' })).toEqual(
      {
        SPOTIFY_CLIENT_ID: 'id',
        SPOTIFY_CLIENT_SECRET: 'secret',
        SPOTIFY_REDIRECT_URI: 'app://cb',
        SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:9',
        TOKEN_ENCRYPTION_KEYS: 'k1:key',
        RATE_LIMIT_MAX: '5',
        HOST: '127.0.0.1',
      },
    );
  });
});

describe('probeUntilStatusChanges', () => {
  it('asks until the status changes and resolves with the new one; fails at its deadline', async () => {
    let asked = 0;
    const readiness = createServer((_request, response) => {
      asked += 1;
      response.statusCode = asked < 3 ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => readiness.listen(0, '127.0.0.1', resolve));
    const pool = new Pool(`http://127.0.0.1:${(readiness.address() as { port: number }).port}`);
    try {
      expect(await probeUntilStatusChanges(pool, '/readyz', 200, { intervalMs: 1 })).toBe(503);
      expect(asked).toBe(3);
      await expect(
        probeUntilStatusChanges(pool, '/readyz', 503, { intervalMs: 10, timeoutMs: 100 }),
      ).rejects.toThrow('timed out after 100 ms waiting for /readyz to stop answering 503');
    } finally {
      await pool.close();
      await new Promise((resolve) => readiness.close(resolve));
    }
  });
});
