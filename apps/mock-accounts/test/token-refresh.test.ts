import { pkcePair } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockAccounts, type RotationMode, SIX_MONTHS_SECONDS } from '../src/index.js';
import { CLIENT_ID, exchange, postToken, REDIRECT_URI, startMock, tokenError } from './helpers.js';

let mock: MockAccounts | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function tokensFor(m: MockAccounts, options: { pkce?: boolean } = {}) {
  if (!options.pkce) {
    const res = await exchange(m.url, m.mintCode({ scopes: ['user-read-email'] }));
    return res.json as { refresh_token: string };
  }
  const { verifier, challenge } = pkcePair();
  const res = await postToken(
    m.url,
    {
      grant_type: 'authorization_code',
      code: m.mintCode({ codeChallenge: challenge, scopes: ['user-read-email'] }),
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    },
    { authorization: null },
  );
  return res.json as { refresh_token: string };
}

const refresh = (m: MockAccounts, token: string, pkce = false) =>
  pkce
    ? postToken(
        m.url,
        { grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT_ID },
        { authorization: null },
      )
    : postToken(m.url, { grant_type: 'refresh_token', refresh_token: token });

describe('grant_type=refresh_token', () => {
  it('answers a new access token without refresh_token when not rotating', async () => {
    mock = await startMock({ rotation: 'off' });
    const { refresh_token } = await tokensFor(mock);
    const res = await refresh(mock, refresh_token);
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in', 'scope']);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'user-read-email',
    });
    // The same token keeps working.
    expect((await refresh(mock, refresh_token)).status).toBe(200);
  });

  it("rotation 'always': every refresh rotates and the old token is then revoked", async () => {
    mock = await startMock({ rotation: 'always' });
    const first = (await tokensFor(mock)).refresh_token;
    const res = await refresh(mock, first);
    const second = (res.json as { refresh_token?: string }).refresh_token;
    expect(second).toMatch(/^AQ/);
    expect(second).not.toBe(first);
    const reuse = await refresh(mock, first);
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual(tokenError('invalid_grant', 'Refresh token revoked'));
    expect((await refresh(mock, second as string)).status).toBe(200);
    expect(mock.isIssuedRefreshToken(first)).toBe(true);
  });

  it("rotation 'pkce' (default): PKCE grants rotate, secret-based grants do not", async () => {
    mock = await startMock();
    const plain = (await tokensFor(mock)).refresh_token;
    const plainRes = await refresh(mock, plain);
    expect((plainRes.json as Record<string, unknown>).refresh_token).toBeUndefined();

    const pkce = (await tokensFor(mock, { pkce: true })).refresh_token;
    const pkceRes = await refresh(mock, pkce, true);
    expect(pkceRes.status).toBe(200);
    const rotated = (pkceRes.json as { refresh_token?: string }).refresh_token;
    expect(rotated).toMatch(/^AQ/);
    expect((await refresh(mock, pkce, true)).json).toEqual(
      tokenError('invalid_grant', 'Refresh token revoked'),
    );
    expect((await refresh(mock, rotated as string, true)).status).toBe(200);
  });

  it("rotation 'off' never rotates, even for PKCE grants", async () => {
    mock = await startMock({ rotation: 'off' satisfies RotationMode });
    const pkce = (await tokensFor(mock, { pkce: true })).refresh_token;
    const res = await refresh(mock, pkce, true);
    expect((res.json as Record<string, unknown>).refresh_token).toBeUndefined();
  });

  it('a code minted with rotate: true rotates a plain grant on every refresh, whatever the mode', async () => {
    mock = await startMock({ rotation: 'off' });
    const res = await exchange(mock.url, mock.mintCode({ rotate: true }));
    const first = (res.json as { refresh_token: string }).refresh_token;
    const once = await refresh(mock, first);
    const second = (once.json as { refresh_token?: string }).refresh_token;
    expect(second).toMatch(/^AQ/);
    expect((await refresh(mock, first)).json).toEqual(
      tokenError('invalid_grant', 'Refresh token revoked'),
    );
    // The switch travels with the grant: the rotated token rotates again.
    const twice = await refresh(mock, second as string);
    expect((twice.json as { refresh_token?: string }).refresh_token).toMatch(/^AQ/);
    // Other plain grants of the same client are untouched.
    const other = (await tokensFor(mock)).refresh_token;
    expect(((await refresh(mock, other)).json as Record<string, unknown>).refresh_token).toBe(
      undefined,
    );
  });

  it('a code minted with rotate: false never rotates, even a PKCE grant under rotation always', async () => {
    mock = await startMock({ rotation: 'always' });
    const { verifier, challenge } = pkcePair();
    const code = mock.mintCode({ codeChallenge: challenge, rotate: false });
    const res = await exchange(mock.url, code, { code_verifier: verifier });
    const token = (res.json as { refresh_token: string }).refresh_token;
    for (let round = 0; round < 2; round++) {
      const again = await refresh(mock, token);
      expect(again.status).toBe(200);
      expect((again.json as Record<string, unknown>).refresh_token).toBeUndefined();
    }
  });

  it('refuses client_id alone for a token from a secret-based grant', async () => {
    mock = await startMock();
    const plain = (await tokensFor(mock)).refresh_token;
    const res = await refresh(mock, plain, true);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_client', 'Invalid client'));
  });

  it('refuses unknown, missing and revoked refresh tokens', async () => {
    mock = await startMock();
    expect((await refresh(mock, 'AQunknown')).json).toEqual(
      tokenError('invalid_grant', 'Invalid refresh token'),
    );
    const missing = await postToken(mock.url, { grant_type: 'refresh_token' });
    expect(missing.json).toEqual(tokenError('invalid_grant', 'Invalid refresh token'));
    const { refresh_token } = await tokensFor(mock);
    expect(mock.revokeRefreshToken(refresh_token)).toBe(true);
    expect(mock.revokeRefreshToken('AQunknown')).toBe(false);
    expect((await refresh(mock, refresh_token)).json).toEqual(
      tokenError('invalid_grant', 'Refresh token revoked'),
    );
  });

  it('expires refresh tokens 6 months after authorization; refreshing does not extend', async () => {
    mock = await startMock({ rotation: 'always' });
    let token = (await tokensFor(mock)).refresh_token;
    // Refresh (and rotate) every month: the limit still counts from the first authorization.
    for (let month = 0; month < 5; month += 1) {
      mock.clock.advance(SIX_MONTHS_SECONDS / 6);
      const res = await refresh(mock, token);
      expect(res.status).toBe(200);
      token = (res.json as { refresh_token: string }).refresh_token;
    }
    mock.clock.advance(SIX_MONTHS_SECONDS / 6 - 1);
    const lastGood = await refresh(mock, token);
    expect(lastGood.status).toBe(200);
    const newest = (lastGood.json as { refresh_token: string }).refresh_token;
    mock.clock.advance(1);
    const expired = await refresh(mock, newest);
    expect(expired.status).toBe(400);
    expect(expired.json).toEqual(tokenError('invalid_grant', 'Invalid refresh token'));
  });

  it('honours a configured lifetime, driven by the mock clock', async () => {
    mock = await startMock({ rotation: 'off', refreshTokenLifetimeSeconds: 100 });
    const { refresh_token } = await tokensFor(mock);
    mock.clock.advance(99);
    expect((await refresh(mock, refresh_token)).status).toBe(200);
    mock.clock.advance(1);
    const res = await refresh(mock, refresh_token);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_grant', 'Invalid refresh token'));
  });

  it('refuses a refresh token of another client', async () => {
    mock = await startMock({
      clients: [
        { id: 'a', secret: 'sa', name: 'A', redirectUris: [REDIRECT_URI] },
        { id: 'b', secret: 'sb', name: 'B', redirectUris: [REDIRECT_URI] },
      ],
    });
    const asA = `Basic ${Buffer.from('a:sa').toString('base64')}`;
    const code = mock.mintCode({ clientId: 'a' });
    const tokens = await postToken(
      mock.url,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: asA },
    );
    const token = (tokens.json as { refresh_token: string }).refresh_token;
    const res = await postToken(
      mock.url,
      { grant_type: 'refresh_token', refresh_token: token },
      { authorization: `Basic ${Buffer.from('b:sb').toString('base64')}` },
    );
    expect(res.json).toEqual(tokenError('invalid_grant', 'Invalid refresh token'));
  });
});
