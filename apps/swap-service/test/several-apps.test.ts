import { type MockAccounts, startMockAccounts } from '@tokenswap/mock-accounts';
import { pkcePair, post } from '@tokenswap/test-support';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHandle } from '../src/reference/handle.js';
import { type SwapService, startSwapService } from '../src/start-swap-service.js';
import { me } from './helpers/stack.js';

/** Three apps registered at one mock and served by one service. */
const A = {
  id: 'app-a',
  secret: 'secret-a-value',
  redirectUris: ['appa://callback', 'https://a.example.com/cb'],
};
const B = { id: 'app-b', secret: 'secret-b-value', redirectUris: ['appb://callback'] };
const C = { id: 'app-c', secret: 'secret-c-value', redirectUris: ['appc://callback'] };
const SCOPES = ['user-read-email'];
const INVALID = { error: 'invalid_grant', error_description: 'Invalid refresh token' };

let mock: MockAccounts;
let service: SwapService;

beforeAll(async () => {
  mock = await startMockAccounts({
    clients: [A, B, C].map((c) => ({ ...c, name: c.id })),
    rotation: 'off',
  });
  const apps = [
    { clientId: A.id, clientSecret: A.secret, redirectUris: A.redirectUris, mode: 'sealed' },
    // B's secret comes from another variable: the apps JSON holds none.
    {
      clientId: B.id,
      clientSecretEnv: 'APP_B_SECRET',
      redirectUris: B.redirectUris,
      mode: 'reference',
    },
    { clientId: C.id, clientSecret: C.secret, redirectUris: C.redirectUris, pkceOnly: true },
  ];
  service = await startSwapService({
    env: {
      TOKENSWAP_APPS: JSON.stringify({ apps }),
      APP_B_SECRET: B.secret,
      TOKEN_STORE: 'memory:',
      TOKEN_STORE_ALLOW_MEMORY: 'true',
      TOKEN_ENCRYPTION_KEYS: newKeyEntry('k1'),
      SPOTIFY_ACCOUNTS_URL: mock.url,
      RATE_LIMIT_MAX: '0',
      HOST: '127.0.0.1',
    },
    port: 0,
    logger: false,
  });
});
afterAll(async () => {
  await service?.close();
  await mock?.close();
});
beforeEach(() => mock.journal.clear());

/** Mints a code for `clientId` at the mock and swaps it as that app. */
async function swapAs(clientId: string, extra: Record<string, string> = {}) {
  const code = mock.mintCode({ clientId, scopes: SCOPES });
  return post(service.swapUrl, { code, client_id: clientId, ...extra });
}

function tokenCalls() {
  return mock.journal.entries().filter((entry) => entry.path === '/api/token');
}

describe('several apps on one service', () => {
  it('each app swaps and refreshes with its own credentials', async () => {
    const a = await swapAs(A.id);
    expect(a.status).toBe(200);
    expect(a.json.refresh_token).toMatch(/^v1\./);
    const b = await swapAs(B.id);
    expect(b.status).toBe(200);
    expect(isHandle(b.json.refresh_token)).toBe(true);
    expect(tokenCalls().map((call) => [call.clientId, call.redirectUri])).toStrictEqual([
      [A.id, A.redirectUris[0]],
      [B.id, B.redirectUris[0]],
    ]);

    const refreshedA = await post(service.refreshUrl, {
      refresh_token: a.json.refresh_token,
      client_id: A.id,
    });
    expect(refreshedA.status).toBe(200);
    const refreshedB = await post(service.refreshUrl, {
      refresh_token: b.json.refresh_token,
      client_id: B.id,
    });
    expect(refreshedB.status).toBe(200);
    expect((await me(mock.url, refreshedB.json.access_token)).status).toBe(200);
    expect(
      tokenCalls()
        .slice(2)
        .map((call) => [call.grantType, call.clientId]),
    ).toStrictEqual([
      ['refresh_token', A.id],
      ['refresh_token', B.id],
    ]);
  });

  it("refuses one app's tokens for another (invalid_grant, nothing sent upstream)", async () => {
    const sealedForA = (await swapAs(A.id)).json.refresh_token as string;
    const handleForB = (await swapAs(B.id)).json.refresh_token as string;
    mock.journal.clear();
    for (const [token, clientId] of [
      [sealedForA, B.id],
      [sealedForA, C.id],
      [handleForB, A.id],
      [handleForB, C.id],
    ] as const) {
      const answer = await post(service.refreshUrl, { refresh_token: token, client_id: clientId });
      expect({ status: answer.status, body: answer.json }, clientId).toStrictEqual({
        status: 400,
        body: INVALID,
      });
    }
    expect(tokenCalls()).toStrictEqual([]);
  });

  it('requires client_id with several apps, and refuses an unknown one', async () => {
    const code = mock.mintCode({ clientId: A.id, scopes: SCOPES });
    const cases = [
      [{ code }, 'client_id is required when the service serves several apps'],
      [
        { refresh_token: 'v1.k1.abc' },
        'client_id is required when the service serves several apps',
      ],
      [{ code, client_id: 'app-z' }, 'client_id is not served by this service'],
      [
        { refresh_token: 'v1.k1.abc', client_id: 'app-z' },
        'client_id is not served by this service',
      ],
    ] as const;
    for (const [body, description] of cases) {
      const url = 'code' in body ? service.swapUrl : service.refreshUrl;
      const answer = await post(url, body);
      expect({ status: answer.status, body: answer.json }).toStrictEqual({
        status: 400,
        body: { error: 'invalid_request', error_description: description },
      });
    }
    expect(tokenCalls()).toStrictEqual([]);
  });

  it("sends an allowed redirect_uri upstream; refuses another app's before any upstream call", async () => {
    const second = A.redirectUris[1] as string;
    const code = mock.mintCode({ clientId: A.id, scopes: SCOPES, redirectUri: second });
    const ok = await post(service.swapUrl, { code, client_id: A.id, redirect_uri: second });
    expect(ok.status).toBe(200);
    expect(tokenCalls().map((call) => call.redirectUri)).toStrictEqual([second]);

    mock.journal.clear();
    const foreign = await swapAs(A.id, { redirect_uri: B.redirectUris[0] as string });
    expect({ status: foreign.status, body: foreign.json }).toStrictEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'redirect_uri is not allowed for this client',
      },
    });
    expect(mock.journal.entries()).toStrictEqual([]);
  });

  it('a PKCE-only app needs a code_verifier', async () => {
    const without = await swapAs(C.id);
    expect({ status: without.status, body: without.json }).toStrictEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'code_verifier is required for this client (PKCE)',
      },
    });
    expect(mock.journal.entries()).toStrictEqual([]);

    const { verifier, challenge } = await pkcePair();
    const code = mock.mintCode({ clientId: C.id, scopes: SCOPES, codeChallenge: challenge });
    const withVerifier = await post(service.swapUrl, {
      code,
      client_id: C.id,
      code_verifier: verifier,
    });
    expect(withVerifier.status).toBe(200);
    expect(tokenCalls().map((call) => [call.clientId, call.hasCodeVerifier])).toStrictEqual([
      [C.id, true],
    ]);
  });

  it('revoke needs the client the handle was issued to (RFC 7009 §2.1), like refresh', async () => {
    const handle = (await swapAs(B.id)).json.refresh_token as string;
    const revoke = (fields: Record<string, string>) =>
      post(`${service.url}/revoke`, { refresh_token: handle, ...fields });
    expect((await revoke({ client_id: 'app-z' })).status).toBe(400);
    // Several apps: which one is asking must be said, as for /refresh.
    expect((await revoke({})).json.error).toBe('invalid_request');
    // Regression: another served app's client id does not revoke B's handle.
    const foreign = await revoke({ client_id: A.id });
    expect({ status: foreign.status, body: foreign.json }).toStrictEqual({
      status: 400,
      body: INVALID,
    });
    expect(
      (await post(service.refreshUrl, { refresh_token: handle, client_id: B.id })).status,
    ).toBe(200);
    expect((await revoke({ client_id: B.id })).status).toBe(200);
    const after = await post(service.refreshUrl, { refresh_token: handle, client_id: B.id });
    expect({ status: after.status, body: after.json }).toStrictEqual({
      status: 400,
      body: INVALID,
    });
  });
});
