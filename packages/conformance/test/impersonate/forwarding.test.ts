import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProxyAgent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Impersonation, startImpersonation } from '../../src/impersonate/index.js';

// The TLS endpoint must hand the mock exactly what the server sent. An origin that echoes the
// request it received makes that visible (the mock itself keeps only a summary in its journal).

describe('forwarding to the mock origin', { timeout: 30_000 }, () => {
  let origin: Server;
  let originUrl: string;
  let imp: Impersonation;
  let agent: ProxyAgent;

  beforeAll(async () => {
    origin = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(302, [
          'Location',
          `${originUrl}/callback?code=x`,
          'X-Dup',
          'one',
          'x-dup',
          'two',
          'Content-Type',
          'application/json',
        ]);
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            rawHeaders: req.rawHeaders,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    imp = await startImpersonation({ mockUrl: originUrl });
    agent = new ProxyAgent({
      uri: imp.proxyUrl,
      requestTls: { ca: readFileSync(imp.caCertPath, 'utf8') },
    });
  }, 30_000);
  afterAll(async () => {
    await agent.close();
    await imp.close();
    await new Promise((resolve) => origin.close(resolve));
  });

  it('passes method, path, query, header spelling, repeats and body through unchanged', async () => {
    const response = await request('https://accounts.spotify.com/api/token?grant_type=x&a=1', {
      method: 'POST',
      dispatcher: agent,
      headers: [
        'Authorization',
        'Basic abc',
        'X-Repeated',
        'first',
        'x-repeated',
        'second',
        'Content-Type',
        'application/x-www-form-urlencoded',
      ],
      body: 'code=abc&redirect_uri=x',
    });
    const echo = (await response.body.json()) as {
      method: string;
      url: string;
      rawHeaders: string[];
      body: string;
    };
    expect(echo.method).toBe('POST');
    expect(echo.url).toBe('/api/token?grant_type=x&a=1');
    expect(echo.body).toBe('code=abc&redirect_uri=x');
    const pairs = [];
    for (let i = 0; i < echo.rawHeaders.length; i += 2) {
      pairs.push(`${echo.rawHeaders[i]}: ${echo.rawHeaders[i + 1]}`);
    }
    expect(pairs).toEqual(
      expect.arrayContaining([
        'host: accounts.spotify.com',
        'Authorization: Basic abc',
        'X-Repeated: first',
        'x-repeated: second',
        'Content-Type: application/x-www-form-urlencoded',
      ]),
    );
    expect(pairs.indexOf('X-Repeated: first')).toBeLessThan(pairs.indexOf('x-repeated: second'));
    expect(imp.requests()).toEqual([
      { host: 'accounts.spotify.com', method: 'POST', path: '/api/token', status: 302 },
    ]);
  });

  it("passes the answer back, pointing the origin's own redirects at the impersonated host", async () => {
    const response = await request('https://accounts.spotify.com/authorize', {
      dispatcher: agent,
    });
    await response.body.text();
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://accounts.spotify.com/callback?code=x');
    expect(response.headers['x-dup']).toEqual(['one', 'two']);
    expect(typeof response.headers.date).toBe('string'); // one Date, the origin's
  });
});
