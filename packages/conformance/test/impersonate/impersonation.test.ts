import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname } from 'node:path';
import {
  buildMockApp,
  DEMO_CLIENT,
  type MockAccounts,
  startMockAccounts,
} from '@tokenswap/mock-accounts';
import { ProxyAgent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SYSTEM_CA_BUNDLE,
  type Impersonation,
  judgeUpstreamReach,
  startImpersonation,
} from '../../src/impersonate/index.js';

const REDIRECT_URI = DEMO_CLIENT.redirectUris[0] ?? '';
const BASIC = `Basic ${Buffer.from(`${DEMO_CLIENT.id}:${DEMO_CLIENT.secret}`).toString('base64')}`;

/** An undici client configured the way a proxied server would be: proxy + trusted CA. */
function proxiedAgent(imp: Impersonation, trustCa = true): ProxyAgent {
  return new ProxyAgent({
    uri: imp.proxyUrl,
    requestTls: trustCa ? { ca: readFileSync(imp.caCertPath, 'utf8') } : {},
  });
}

function tokenRequest(code: string, query = '') {
  return {
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: BASIC },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    }).toString(),
    query,
  };
}

/** Sends a raw proxy request (CONNECT or absolute-URI) and returns the proxy's status. */
function proxyStatus(proxyUrl: string, method: string, path: string): Promise<number> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: proxy.hostname, port: proxy.port, method, path });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startImpersonation with a mock URL', { timeout: 30_000 }, () => {
  let mock: MockAccounts;
  let imp: Impersonation;
  let agent: ProxyAgent;

  beforeAll(async () => {
    mock = await startMockAccounts();
    imp = await startImpersonation({ mockUrl: mock.url });
    agent = proxiedAgent(imp);
  }, 30_000);
  afterAll(async () => {
    await agent.close();
    await imp.close();
    await mock.close();
  });
  afterEach(() => imp.resetCounters());

  it("reaches the mock's /api/token as https://accounts.spotify.com through the proxy", async () => {
    expect(imp.reachedMock()).toBe(false);
    const code = mock.mintCode();
    const { query: _query, ...options } = tokenRequest(code);
    const response = await request('https://accounts.spotify.com/api/token', {
      ...options,
      dispatcher: agent,
    });
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    expect(imp.reachedMock()).toBe(true);
    expect(imp.hits()).toEqual([
      { host: 'accounts.spotify.com', count: 1, requests: 1, tlsFailures: 0 },
      { host: 'api.spotify.com', count: 0, requests: 0, tlsFailures: 0 },
    ]);
    // The mock saw the request as the server sent it: Basic auth, params in the body.
    const entry = mock.journal.entries().at(-1);
    expect(entry).toMatchObject({ path: '/api/token', clientAuth: 'basic', status: 200 });
    expect(judgeUpstreamReach(imp)).toMatchObject({ id: 'IMP-001', status: 'passed' });
  });

  it('serves api.spotify.com from the same mock', async () => {
    const response = await request('https://api.spotify.com/v1/me', {
      dispatcher: agent,
      headers: { authorization: 'Bearer not-a-token' },
    });
    const body = await response.body.json();
    expect(response.statusCode).toBe(401);
    expect(body).toEqual({ error: { status: 401, message: 'Invalid access token' } });
    expect(imp.requests()).toEqual([
      { host: 'api.spotify.com', method: 'GET', path: '/v1/me', status: 401 },
    ]);
  });

  it('records paths without their query string (it may carry a code)', async () => {
    const code = mock.mintCode();
    const search = new URLSearchParams({ grant_type: 'authorization_code', code }).toString();
    const response = await request(`https://accounts.spotify.com/api/token?${search}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: `redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(imp.requests())).not.toContain(code);
    expect(imp.requests()[0]?.path).toBe('/api/token');
  });

  it('refuses CONNECT to any other host or port with 403, and plain-HTTP proxying', async () => {
    expect(await proxyStatus(imp.proxyUrl, 'CONNECT', 'example.com:443')).toBe(403);
    expect(await proxyStatus(imp.proxyUrl, 'CONNECT', 'accounts.spotify.com:80')).toBe(403);
    expect(await proxyStatus(imp.proxyUrl, 'CONNECT', 'evil.accounts.spotify.com:443')).toBe(403);
    expect(await proxyStatus(imp.proxyUrl, 'GET', 'http://example.com/')).toBe(403);
    expect(await proxyStatus(imp.proxyUrl, 'GET', 'http://accounts.spotify.com/api/token')).toBe(
      403,
    );
    await expect(request('https://example.com/', { dispatcher: agent })).rejects.toThrow(/403/);
    expect(imp.refused()).toEqual([
      { target: 'example.com:443', count: 2 },
      { target: 'accounts.spotify.com:80', count: 1 },
      { target: 'evil.accounts.spotify.com:443', count: 1 },
      { target: 'http://example.com', count: 1 },
      { target: 'http://accounts.spotify.com', count: 1 },
    ]);
    expect(imp.reachedMock()).toBe(false);
  });

  it('counts a tunnel whose client does not trust the CA as a TLS failure, not a hit', async () => {
    const untrusting = proxiedAgent(imp, false);
    try {
      await expect(
        request('https://accounts.spotify.com/api/token', {
          method: 'POST',
          dispatcher: untrusting,
        }),
      ).rejects.toThrow(/certificate/i);
    } finally {
      await untrusting.close();
    }
    await imp.settle();
    expect(imp.hits()[0]?.tlsFailures).toBe(1);
    expect(imp.hits()[0]).toMatchObject({ count: 1, requests: 0 });
    expect(judgeUpstreamReach(imp)).toMatchObject({ status: 'failed', diagnosis: 'untrusted-ca' });
  });

  it("passes the mock's connection reset on as a reset", async () => {
    mock.faults.inject('token', { kind: 'reset' });
    const { query: _query, ...options } = tokenRequest(mock.mintCode());
    await expect(
      request('https://accounts.spotify.com/api/token', { ...options, dispatcher: agent }),
    ).rejects.toThrow();
    expect(imp.requests()).toEqual([
      { host: 'accounts.spotify.com', method: 'POST', path: '/api/token', status: 0 },
    ]);
  });

  it('hands out the environment a server under test needs', () => {
    expect(imp.env).toMatchObject({
      HTTPS_PROXY: imp.proxyUrl,
      https_proxy: imp.proxyUrl,
      HTTP_PROXY: imp.proxyUrl,
      http_proxy: imp.proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_USE_ENV_PROXY: '1',
      NODE_EXTRA_CA_CERTS: imp.caCertPath,
      SSL_CERT_FILE: imp.caBundlePath,
      REQUESTS_CA_BUNDLE: imp.caBundlePath,
      CURL_CA_BUNDLE: imp.caBundlePath,
    });
    const ca = readFileSync(imp.caCertPath, 'utf8');
    const bundle = readFileSync(imp.caBundlePath, 'utf8');
    expect(bundle.startsWith(ca)).toBe(true);
    if (existsSync(DEFAULT_SYSTEM_CA_BUNDLE)) {
      // SSL_CERT_FILE replaces the system roots: the bundle must keep them.
      expect(bundle).toContain(readFileSync(DEFAULT_SYSTEM_CA_BUNDLE, 'utf8'));
    }
  });
});

describe('startImpersonation lifecycle', { timeout: 30_000 }, () => {
  it('serves a mock app that is not listening yet, and closes it and its temp dir on close', async () => {
    const { app, state } = buildMockApp();
    const imp = await startImpersonation({ mockApp: app, systemCaBundlePath: null });
    const agent = proxiedAgent(imp);
    try {
      expect(app.server.listening).toBe(true);
      // Certificates only: no key is ever written to disk.
      expect(readdirSync(dirname(imp.caCertPath)).sort()).toEqual([
        'impersonation-ca-bundle.pem',
        'impersonation-ca.pem',
      ]);
      expect(readFileSync(imp.caBundlePath, 'utf8')).toBe(readFileSync(imp.caCertPath, 'utf8'));
      const { query: _query, ...options } = tokenRequest(state.mintCode());
      const response = await request('https://accounts.spotify.com/api/token', {
        ...options,
        dispatcher: agent,
      });
      await response.body.text();
      expect(response.statusCode).toBe(200);
    } finally {
      await agent.close();
      await imp.close();
    }
    expect(app.server.listening).toBe(false);
    expect(existsSync(dirname(imp.caCertPath))).toBe(false);
    await expect(proxyStatus(imp.proxyUrl, 'CONNECT', 'accounts.spotify.com:443')).rejects.toThrow(
      /ECONNREFUSED/,
    );
    await imp.close(); // a second close is harmless
  });

  it('leaves a mock that was already listening running', async () => {
    const mock = await startMockAccounts();
    const imp = await startImpersonation({ mockApp: mock.app });
    await imp.close();
    expect(mock.app.server.listening).toBe(true);
    await mock.close();
  });

  it('rejects unusable options before starting anything', async () => {
    await expect(startImpersonation({})).rejects.toThrow(/exactly one of mockUrl or mockApp/);
    await expect(startImpersonation({ mockUrl: 'https://127.0.0.1:1' })).rejects.toThrow(
      /plain http/,
    );
    await expect(startImpersonation({ mockUrl: 'not a url' })).rejects.toThrow(/not a URL/);
    await expect(
      startImpersonation({ mockUrl: 'http://127.0.0.1:1', hosts: ['bad host'] }),
    ).rejects.toThrow(/not a host name/);
    await expect(startImpersonation({ mockUrl: 'http://127.0.0.1:1', hosts: [] })).rejects.toThrow(
      /hosts is empty/,
    );
  });
});
