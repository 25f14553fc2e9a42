import { fileURLToPath } from 'node:url';
import { DEMO_CLIENT, type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { post } from '@tokenswap/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseFailure } from '../../src/checks.js';
import type { CaseContext } from '../../src/context.js';
import {
  type Impersonation,
  judgeUpstreamReach,
  startImpersonation,
  upstreamReachCase,
} from '../../src/impersonate/index.js';
import { findOnPath, nodeSupportsEnvProxy, spawnFixture } from './spawn-fixture.js';

// Unmodified swap servers that hard-code https://accounts.spotify.com, started with the
// impersonation environment (and the mock's demo client under their own variable names): a
// swap with a code minted by the mock must come back with tokens, and IMP-001 must see it.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const REDIRECT_URI = DEMO_CLIENT.redirectUris[0] ?? '';
const NODE_CLIENT_ENV = {
  SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
  SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret ?? '',
  SPOTIFY_CLIENT_CALLBACK: REDIRECT_URI,
  PORT: '0',
};

/** A Node whose `https` honours NODE_USE_ENV_PROXY: this one, or TOKENSWAP_TEST_NODE24. */
const envProxyNode = nodeSupportsEnvProxy(process.version)
  ? process.execPath
  : process.env.TOKENSWAP_TEST_NODE24;
const ruby = findOnPath('ruby');
const inCi = Boolean(process.env.CI);

describe('impersonation end to end (unmodified servers)', { timeout: 60_000 }, () => {
  let mock: MockAccounts;
  let imp: Impersonation;

  beforeAll(async () => {
    mock = await startMockAccounts();
    imp = await startImpersonation({ mockUrl: mock.url });
  }, 30_000);
  afterAll(async () => {
    await imp?.close();
    await mock?.close();
  });
  beforeEach(() => imp.resetCounters());

  /**
   * The two context moves IMP-001 uses, done for real against the server under test and the
   * mock (the suite's full CaseContext needs a whole run's options).
   */
  function contextFor(serverUrl: string): CaseContext {
    const ctx = {
      authorizeCode: async () => mock.mintCode(),
      swap: (code: string) => post(`${serverUrl}/swap`, { code }),
    };
    return ctx as unknown as CaseContext;
  }

  /** Swap a minted code, then refresh the returned token, through the server under test. */
  async function swapAndRefresh(serverUrl: string): Promise<void> {
    const swap = await post(`${serverUrl}/swap`, { code: mock.mintCode() });
    expect(swap.status, swap.text).toBe(200);
    expect(swap.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof swap.json?.access_token).toBe('string');
    const refreshToken = swap.json?.refresh_token;
    expect(typeof refreshToken).toBe('string');
    expect(mock.isIssuedRefreshToken(String(refreshToken))).toBe(true);

    const refresh = await post(`${serverUrl}/refresh`, { refresh_token: String(refreshToken) });
    expect(refresh.status, refresh.text).toBe(200);
    expect(typeof refresh.json?.access_token).toBe('string');

    expect(imp.reachedMock()).toBe(true);
    expect(imp.requests().map((r) => `${r.host} ${r.method} ${r.path} ${r.status}`)).toEqual([
      'accounts.spotify.com POST /api/token 200',
      'accounts.spotify.com POST /api/token 200',
    ]);
    expect(mock.journal.entries().slice(-2)).toMatchObject([
      { grantType: 'authorization_code', clientAuth: 'basic', redirectUri: REDIRECT_URI },
      { grantType: 'refresh_token', clientAuth: 'basic' },
    ]);
    expect(judgeUpstreamReach(imp)).toMatchObject({ id: 'IMP-001', status: 'passed' });
  }

  it("a Node server using undici's EnvHttpProxyAgent reaches the mock", async () => {
    const server = await spawnFixture(process.execPath, [fixture('node-undici-server.mjs')], {
      ...imp.env,
      ...NODE_CLIENT_ENV,
    });
    try {
      await swapAndRefresh(server.url);
      await expect(upstreamReachCase(imp).run(contextFor(server.url))).resolves.toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it.skipIf(envProxyNode === undefined)(
    `a Node server using node:https reaches the mock under NODE_USE_ENV_PROXY=1${
      envProxyNode === undefined
        ? ` (skipped: Node ${process.version} lacks it; set TOKENSWAP_TEST_NODE24 to a Node >= 24.5)`
        : ''
    }`,
    async () => {
      const server = await spawnFixture(envProxyNode ?? '', [fixture('node-https-server.mjs')], {
        ...imp.env,
        ...NODE_CLIENT_ENV,
      });
      try {
        await swapAndRefresh(server.url);
      } finally {
        await server.stop();
      }
    },
  );

  const rubyTest = (title: string, body: (rubyPath: string) => Promise<void>) =>
    it.skipIf(ruby === undefined && !inCi)(
      `${title}${ruby === undefined ? ' (skipped: ruby is not installed; apt-get install -y ruby)' : ''}`,
      async () => {
        if (ruby === undefined) throw new Error('ruby is required in CI: apt-get install -y ruby');
        await body(ruby);
      },
    );
  const RUBY_CLIENT_ENV = {
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret ?? '',
    SPOTIFY_CLIENT_CALLBACK_URL: REDIRECT_URI,
    PORT: '0',
  };

  rubyTest('a Ruby server using Net::HTTP reaches the mock', async (rubyPath) => {
    const server = await spawnFixture(rubyPath, [fixture('ruby-net-http-server.rb')], {
      ...imp.env,
      ...RUBY_CLIENT_ENV,
    });
    try {
      await swapAndRefresh(server.url);
    } finally {
      await server.stop();
    }
  });

  rubyTest('a Ruby server is told apart when it does not get SSL_CERT_FILE', async (rubyPath) => {
    const { SSL_CERT_FILE: _dropped, ...env } = imp.env;
    const server = await spawnFixture(rubyPath, [fixture('ruby-net-http-server.rb')], {
      ...env,
      ...RUBY_CLIENT_ENV,
    });
    try {
      const swap = await post(`${server.url}/swap`, { code: mock.mintCode() });
      expect(swap.status).toBe(500);
      expect(server.stderr()).toContain('certificate verify failed');
    } finally {
      await server.stop();
    }
    await imp.settle();
    expect(judgeUpstreamReach(imp)).toMatchObject({ status: 'failed', diagnosis: 'untrusted-ca' });
  });

  it('a Node server that ignores the proxy variables is reported as not reaching the mock', async () => {
    // Plain Node without NODE_USE_ENV_PROXY ignores HTTPS_PROXY on every version. The preload
    // resolves *.spotify.com to 127.0.0.1 so the bypassing call fails here, not at Spotify.
    const { NODE_USE_ENV_PROXY: _dropped, ...env } = imp.env;
    const server = await spawnFixture(process.execPath, [fixture('node-https-server.mjs')], {
      ...env,
      ...NODE_CLIENT_ENV,
      NODE_OPTIONS: `--require ${fixture('contain-dns.cjs')}`,
    });
    try {
      const swap = await post(`${server.url}/swap`, { code: mock.mintCode() });
      expect(swap.status).toBe(500);
      expect(server.stderr()).toContain('ECONNREFUSED');
      // As a suite case, IMP-001 provokes a swap of its own and fails with the diagnosis.
      imp.resetCounters();
      const run = upstreamReachCase(imp).run(contextFor(server.url));
      await expect(run).rejects.toBeInstanceOf(CaseFailure);
      await expect(run).rejects.toThrow(/never connected through the proxy/);
    } finally {
      await server.stop();
    }
    expect(imp.reachedMock()).toBe(false);
    expect(imp.hits().every((hit) => hit.count === 0)).toBe(true);
    expect(judgeUpstreamReach(imp)).toMatchObject({
      id: 'IMP-001',
      status: 'failed',
      diagnosis: 'ignored-proxy',
    });
  });

  it('a Node server that uses the proxy but does not trust the CA is told apart', async () => {
    const { NODE_EXTRA_CA_CERTS: _dropped, ...env } = imp.env;
    const server = await spawnFixture(process.execPath, [fixture('node-undici-server.mjs')], {
      ...env,
      ...NODE_CLIENT_ENV,
    });
    try {
      const swap = await post(`${server.url}/swap`, { code: mock.mintCode() });
      expect(swap.status).toBe(500);
    } finally {
      await server.stop();
    }
    await imp.settle();
    expect(imp.hits()[0]?.tlsFailures).toBeGreaterThan(0);
    expect(imp.reachedMock()).toBe(false);
    expect(judgeUpstreamReach(imp)).toMatchObject({ status: 'failed', diagnosis: 'untrusted-ca' });
  });
});
