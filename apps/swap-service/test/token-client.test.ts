import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildRefreshTokenRequest } from '@tokenswap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenClient } from '../src/upstream/token-client.js';
import { UndiciPool } from '../src/upstream/undici-pool.js';

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

/** Sends one call and returns its answer and how long it took, in ms. */
async function timedSend(client: ReturnType<typeof createTokenClient>, url: string) {
  const started = performance.now();
  const answer = await client.send(request(url));
  return { answer, elapsed: performance.now() - started };
}

describe('createTokenClient: one total time budget', () => {
  const TIMEOUT_MS = 300;
  // Never before the budget; after it, only as late as a loaded machine makes a timer.
  const expectTimedOut = ({ answer, elapsed }: Awaited<ReturnType<typeof timedSend>>) => {
    expect(answer.ok ? 'ok' : answer.error.status).toBe(504);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 700);
  };

  it('a body trickling in under the per-chunk timeout still ends at the total', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS });
    expectTimedOut(await timedSend(client, url));
    await client.close();
  });

  it('headers sent just before the budget, then a slow body: still the total', async () => {
    const url = await upstream((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"access_token":');
      }, TIMEOUT_MS * 0.9);
      const end = setTimeout(() => res.end('"late","expires_in":3600}'), TIMEOUT_MS * 1.8);
      res.on('close', () => clearTimeout(end));
    });
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS });
    expectTimedOut(await timedSend(client, url));
    await client.close();
  });

  it('no headers at all → 504 at the budget', async () => {
    const url = await upstream(() => {});
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS });
    expectTimedOut(await timedSend(client, url));
    await client.close();
  });

  it('a body that stalls half way → 504 at the budget', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"access_token":"');
    });
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS });
    expectTimedOut(await timedSend(client, url));
    await client.close();
  });

  it('a call still waiting for a free connection of the pool ends at its budget too', async () => {
    const url = await upstream(() => {});
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS, connections: 1 });
    const [first, queued] = await Promise.all([timedSend(client, url), timedSend(client, url)]);
    expectTimedOut(first);
    expectTimedOut(queued);
    await client.close();
  });

  it('a timed-out call leaves the client working: the next call on a good upstream answers', async () => {
    let calls = 0;
    const url = await upstream((_req, res) => {
      calls += 1;
      if (calls === 1) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const client = createTokenClient({ timeoutMs: TIMEOUT_MS });
    expectTimedOut(await timedSend(client, url));
    const next = await client.send(request(url));
    expect(next.ok && next.value.bodyText).toBe('{"ok":true}');
    await client.close();
  });
});

describe('createTokenClient: answers', () => {
  it('an answer longer than maxBodyBytes keeps its status and headers, with an empty body', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '5' });
      res.end(`<html>${'x'.repeat(10_000)}</html>`);
    });
    const client = createTokenClient({ timeoutMs: 2_000, maxBodyBytes: 1_000 });
    const answer = await client.send(request(url));
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      expect(answer.value.status).toBe(503);
      expect(answer.value.headers['retry-after']).toBe('5');
      expect(answer.value.bodyText).toBe('');
    }
    await client.close();
  });

  it('an answer of exactly maxBodyBytes, in several chunks, is read whole', async () => {
    const body = `{"access_token":"${'a'.repeat(1_000 - 20)}"}`;
    const url = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.slice(0, 300));
      setTimeout(() => res.end(body.slice(300)), 20);
    });
    const client = createTokenClient({ timeoutMs: 2_000, maxBodyBytes: body.length });
    const answer = await client.send(request(url));
    expect(answer.ok && answer.value.bodyText).toBe(body);
    await client.close();
  });

  it('a connection refused → 502 temporarily_unavailable', async () => {
    const url = await upstream(() => {});
    server?.close();
    const client = createTokenClient({ timeoutMs: 2_000 });
    const answer = await client.send(request(url));
    expect(answer.ok ? 'ok' : [answer.error.status, answer.error.code]).toEqual([
      502,
      'temporarily_unavailable',
    ]);
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
    expect(answer.ok && answer.value.bodyText).toBe('{"error":"invalid_grant"}');
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/token');
    expect(seen.auth).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(seen.type).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(seen.body).get('grant_type')).toBe('refresh_token');
    await client.close();
  });
});

describe('createTokenClient: undici', () => {
  it('pools with the Pool class of undici’s main entry, loaded from its own file', async () => {
    const { Pool } = await import('undici');
    expect(UndiciPool).toBe(Pool);
  });

  it('a production start of the bundled entry does not evaluate undici’s fetch', async () => {
    // The bundle keeps the dev-only proxy (fetch, Agent) behind a dynamic import; a production
    // start must not reach undici's main entry, which is most of its start-up cost.
    const bundle = readFileSync(
      join(import.meta.dirname, '..', 'dist', 'server.bundle.js'),
      'utf8',
    );
    expect(bundle).toMatch(/var require_pool = __commonJS\(/);
    // esbuild evaluates a CommonJS file when its require_x() runs; the main entry's runs only
    // inside the dev proxy's lazily initialised module.
    const mainEntryCalls = [...bundle.matchAll(/require_undici\(\)/g)].map((m) => m.index ?? 0);
    const devProxyInit = bundle.indexOf('var init_dev_proxy = __esm(');
    expect(devProxyInit).toBeGreaterThan(-1);
    for (const at of mainEntryCalls) expect(at).toBeGreaterThan(devProxyInit);
  });
});
