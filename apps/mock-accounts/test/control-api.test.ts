import { pkcePair, postJson, send } from '@tokenswap/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import { exchange, postToken, REDIRECT_URI, startMock, T0 } from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const control = (path: string) => `${mock.url}/__mock${path}`;

describe('control API over HTTP', () => {
  it('POST /__mock/codes mints a code the token endpoint accepts', async () => {
    const res = await postJson(control('/codes'), {
      userId: 'demo-bob',
      scopes: ['user-read-email'],
      redirectUri: REDIRECT_URI,
    });
    expect(res.status).toBe(201);
    const { code } = res.json as { code: string };
    const tokens = await exchange(mock.url, code);
    expect(tokens.status).toBe(200);
    expect((tokens.json as { scope: string }).scope).toBe('user-read-email');
  });

  it('POST /__mock/codes with no body (or an empty JSON body) mints with the defaults', async () => {
    const bare = await send(control('/codes'), { method: 'POST' });
    expect(bare.status).toBe(201);
    const empty = await send(control('/codes'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(empty.status).toBe(201);
    const { code } = empty.json as { code: string };
    expect((await exchange(mock.url, code)).status).toBe(200);
  });

  it('POST /__mock/codes with a PKCE challenge', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = (await postJson(control('/codes'), { codeChallenge: challenge })).json as {
      code: string;
    };
    expect((await exchange(mock.url, code, { code_verifier: verifier })).status).toBe(200);
  });

  it('POST /__mock/codes refuses unknown clients, users, scopes and redirect URIs', async () => {
    const bodies = [
      { clientId: 'nobody' },
      { userId: 'nobody' },
      { scopes: ['not-a-scope'] },
      { redirectUri: 'https://evil.example/cb' },
      { codeChallenge: 'short' },
      { scopes: 'user-read-email' },
      { rotate: 'sometimes' },
      { unexpected: true },
    ];
    for (const body of bodies) {
      const res = await postJson(control('/codes'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { error: string }).error).toBe('invalid_request');
    }
  });

  it('POST /__mock/codes with rotate: true mints a plain code whose refresh token rotates', async () => {
    const { code } = (await postJson(control('/codes'), { rotate: true })).json as { code: string };
    const tokens = (await exchange(mock.url, code)).json as { refresh_token: string };
    const refreshed = await postToken(mock.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect((refreshed.json as { refresh_token?: string }).refresh_token).toMatch(/^AQ/);
  });

  it('POST /__mock/unused tells whether a code is still waiting to be exchanged', async () => {
    const { code } = (await postJson(control('/codes'), {})).json as { code: string };
    expect((await postJson(control('/unused'), { code })).json).toEqual({ unused: true });
    expect(mock.isUnusedCode(code)).toBe(true);
    expect((await exchange(mock.url, code)).status).toBe(200);
    expect((await postJson(control('/unused'), { code })).json).toEqual({ unused: false });
    expect((await postJson(control('/unused'), { code: 'AQunknown' })).json).toEqual({
      unused: false,
    });
    const expired = mock.mintCode();
    mock.clock.advance(601);
    expect(mock.isUnusedCode(expired)).toBe(false);
    expect((await postJson(control('/unused'), {})).status).toBe(400);
  });

  it('malformed JSON gets 400 invalid_request, not 500', async () => {
    const res = await send(control('/codes'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"clientId":',
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe('invalid_request');
  });

  it('GET/POST /__mock/clock reads, advances and sets the clock', async () => {
    expect((await send(control('/clock'))).json).toEqual({ now: T0 });
    expect((await postJson(control('/clock'), { advance: 60 })).json).toEqual({ now: T0 + 60_000 });
    expect((await postJson(control('/clock'), { set: T0 + 5 })).json).toEqual({ now: T0 + 5 });
    expect(mock.clock.now()).toBe(T0 + 5);
    expect((await postJson(control('/clock'), {})).status).toBe(400);
    expect((await postJson(control('/clock'), { advance: 1, set: 1 })).status).toBe(400);
    expect((await postJson(control('/clock'), { advance: 'soon' })).status).toBe(400);
    expect((await postJson(control('/clock'), { advance: 1e300 })).status).toBe(400);
    expect((await postJson(control('/clock'), { set: 9e15 })).status).toBe(400);
    expect(mock.clock.now()).toBe(T0 + 5);
  });

  it('POST /__mock/clock advancing expires codes', async () => {
    const code = mock.mintCode();
    await postJson(control('/clock'), { advance: 600 });
    const res = await exchange(mock.url, code);
    expect((res.json as { error_description: string }).error_description).toBe(
      'Authorization code expired',
    );
  });

  it('POST /__mock/revoke revokes a refresh token; /__mock/issued recognises it', async () => {
    const tokens = (await exchange(mock.url, mock.mintCode())).json as { refresh_token: string };
    const issued = await postJson(control('/issued'), { refreshToken: tokens.refresh_token });
    expect(issued.json).toEqual({ issued: true });
    const res = await postJson(control('/revoke'), { refreshToken: tokens.refresh_token });
    expect(res.json).toEqual({ revoked: true });
    expect((await postJson(control('/revoke'), { refreshToken: 'AQnope' })).json).toEqual({
      revoked: false,
    });
    // The OAuth spelling is accepted too; giving none (or two) is a 400.
    expect((await postJson(control('/revoke'), { refresh_token: 'AQnope' })).json).toEqual({
      revoked: false,
    });
    expect((await postJson(control('/revoke'), {})).status).toBe(400);
    const refresh = await postToken(mock.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect((refresh.json as { error_description: string }).error_description).toBe(
      'Refresh token revoked',
    );
  });

  it('POST/GET/DELETE /__mock/faults', async () => {
    const res = await postJson(control('/faults'), {
      endpoint: 'token',
      fault: { kind: 'rate-limit', retryAfter: 2 },
      count: 3,
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ pending: 3 });
    expect((await send(control('/faults'))).json).toEqual({ pending: 3 });
    expect((await postToken(mock.url, { grant_type: 'client_credentials' })).status).toBe(429);
    expect((await send(control('/faults'), { method: 'DELETE' })).json).toEqual({ pending: 0 });
    expect((await postToken(mock.url, { grant_type: 'client_credentials' })).status).toBe(200);
    const bad = await postJson(control('/faults'), { endpoint: 'token', fault: { kind: 'nope' } });
    expect(bad.status).toBe(400);
    expect((bad.json as { error_description: string }).error_description).toMatch(/fault.kind/);
  });

  it('GET /__mock/journal lists requests without secrets; DELETE clears it', async () => {
    const code = mock.mintCode();
    await exchange(mock.url, code);
    await send(`${mock.url}/v1/me`);
    const { entries } = (await send(control('/journal'))).json as { entries: unknown[] };
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      time: T0,
      method: 'POST',
      path: '/api/token',
      grantType: 'authorization_code',
      clientAuth: 'basic',
      clientId: 'tokenswap-demo-client',
      redirectUri: REDIRECT_URI,
      hasCode: true,
      hasCodeVerifier: false,
      status: 200,
      paramsIn: 'body',
    });
    expect(JSON.stringify(entries)).not.toContain(code);
    await send(control('/journal'), { method: 'DELETE' });
    expect(mock.journal.entries()).toEqual([]);
  });

  it('GET /__mock/stats and POST /__mock/reset', async () => {
    await exchange(mock.url, mock.mintCode());
    mock.mintCode();
    const stats = (await send(control('/stats'))).json;
    expect(stats).toMatchObject({ codes: 1, accessTokens: 1, refreshTokens: 1 });
    mock.faults.inject('me', { kind: 'reset' });
    mock.clock.advance(10);
    expect((await send(control('/reset'), { method: 'POST' })).json).toEqual({ reset: true });
    expect(mock.stats()).toMatchObject({ codes: 0, accessTokens: 0, refreshTokens: 0, journal: 0 });
    expect(mock.faults.pending()).toBe(0);
    expect(mock.clock.now()).toBe(T0);
  });

  it('GET /__mock/config shows clients without secrets', async () => {
    const res = await send(control('/config'));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('tokenswap-demo-secret');
    expect((res.json as { clients: Array<{ id: string }> }).clients[0]?.id).toBe(
      'tokenswap-demo-client',
    );
  });
});
