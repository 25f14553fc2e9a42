import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRefreshTokenRequest } from '@tokenswap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenClient } from '../src/upstream/token-client.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A raw HTTP server standing in for misbehaving accounts services. */
async function upstream(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function request(accountsUrl: string) {
  return buildRefreshTokenRequest({
    accountsUrl,
    client: { clientId: 'id', clientSecret: 'secret' },
    refreshToken: 'rt',
  });
}

describe('createTokenClient', () => {
  it('bounds the whole call: a body trickling in under the per-chunk timeout still ends at the total', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const client = createTokenClient({ timeoutMs: 300 });
    const started = performance.now();
    const answer = await client.send(request(url));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.status).toBe(504);
    await client.close();
  });

  it('reads at most maxBodyBytes of an answer', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"access_token":"${'a'.repeat(10_000)}"}`);
    });
    const client = createTokenClient({ timeoutMs: 2_000, maxBodyBytes: 1_000 });
    const answer = await client.send(request(url));
    expect(answer.ok && answer.value.bodyText.length).toBe(1_000);
    await client.close();
  });

  it('sends core’s request as is: method, path, headers, body', async () => {
    let seen: { method?: string; url?: string; auth?: string; type?: string; body: string } = {
      body: '',
    };
    const url = await upstream((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        seen = {
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          type: req.headers['content-type'],
          body,
        };
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
      });
    });
    const client = createTokenClient({ timeoutMs: 2_000 });
    const answer = await client.send(request(url));
    expect(answer.ok && answer.value.status).toBe(400);
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/token');
    expect(seen.auth).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(seen.type).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(seen.body).get('grant_type')).toBe('refresh_token');
    await client.close();
  });
});
