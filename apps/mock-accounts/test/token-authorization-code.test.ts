import { pkcePair } from '@tokenswap/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  exchange,
  postToken,
  REDIRECT_URI,
  startMock,
  tokenError,
} from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('grant_type=authorization_code', () => {
  it('trades a code for tokens in Spotify shape (Basic auth)', async () => {
    const code = mock.mintCode({ scopes: ['user-read-private', 'user-read-email'] });
    const res = await exchange(mock.url, code);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'refresh_token',
      'scope',
    ]);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'user-read-private user-read-email',
    });
    expect(body.access_token).toMatch(/^BQ[\w-]{100,}$/);
    expect(body.refresh_token).toMatch(/^AQ[\w-]{100,}$/);
    expect(mock.isIssuedRefreshToken(body.refresh_token as string)).toBe(true);
  });

  it('accepts client_id and client_secret in the body', async () => {
    const res = await postToken(
      mock.url,
      {
        grant_type: 'authorization_code',
        code: mock.mintCode(),
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      },
      { authorization: null },
    );
    expect(res.status).toBe(200);
    expect(mock.journal.entries().at(-1)).toMatchObject({ clientAuth: 'body', status: 200 });
  });

  it("answers scope '' when no scopes were granted", async () => {
    const res = await exchange(mock.url, mock.mintCode({ scopes: [] }));
    expect((res.json as { scope: string }).scope).toBe('');
  });

  it('accepts the parameters in the query string (as bih/spotify-token-swap-service sends them)', async () => {
    const code = mock.mintCode();
    const res = await postToken(
      mock.url,
      {},
      { query: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI } },
    );
    expect(res.status).toBe(200);
    expect(mock.journal.entries().at(-1)).toMatchObject({ paramsIn: 'query', hasCode: true });
  });

  it('refuses a code used twice (single use)', async () => {
    const code = mock.mintCode();
    expect((await exchange(mock.url, code)).status).toBe(200);
    const again = await exchange(mock.url, code);
    expect(again.status).toBe(400);
    expect(again.json).toEqual(tokenError('invalid_grant', 'Invalid authorization code'));
  });

  it('refuses an unknown or missing code', async () => {
    const unknown = await exchange(mock.url, 'AQnot-a-code');
    expect(unknown.json).toEqual(tokenError('invalid_grant', 'Invalid authorization code'));
    const missing = await postToken(mock.url, {
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual(tokenError('invalid_grant', 'Invalid authorization code'));
  });

  it('expires a code after 10 minutes of mock time', async () => {
    const fresh = mock.mintCode();
    const stale = mock.mintCode();
    mock.clock.advance(599);
    expect((await exchange(mock.url, fresh)).status).toBe(200);
    mock.clock.advance(1);
    const res = await exchange(mock.url, stale);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_grant', 'Authorization code expired'));
  });

  it('requires the redirect_uri given at authorize', async () => {
    const code = mock.mintCode({ redirectUri: 'tokenswap-demo://callback' });
    const wrong = await exchange(mock.url, code);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual(tokenError('invalid_grant', 'Invalid redirect URI'));
    const missing = await postToken(mock.url, { grant_type: 'authorization_code', code });
    expect(missing.json).toEqual(tokenError('invalid_grant', 'Invalid redirect URI'));
    const right = await exchange(mock.url, code, { redirect_uri: 'tokenswap-demo://callback' });
    expect(right.status).toBe(200);
  });

  it('refuses a code issued to another client', async () => {
    const two = await startMock({
      clients: [
        { id: 'a', secret: 'sa', name: 'A', redirectUris: [REDIRECT_URI] },
        { id: 'b', secret: 'sb', name: 'B', redirectUris: [REDIRECT_URI] },
      ],
    });
    try {
      const res = await postToken(
        two.url,
        {
          grant_type: 'authorization_code',
          code: two.mintCode({ clientId: 'a' }),
          redirect_uri: REDIRECT_URI,
        },
        { authorization: `Basic ${Buffer.from('b:sb').toString('base64')}` },
      );
      expect(res.status).toBe(400);
      expect(res.json).toEqual(tokenError('invalid_grant', 'Invalid authorization code'));
    } finally {
      await two.close();
    }
  });
});

describe('PKCE (S256)', () => {
  const pkceExchange = (code: string, verifier?: string) =>
    postToken(
      mock.url,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        ...(verifier === undefined ? {} : { code_verifier: verifier }),
      },
      { authorization: null },
    );

  it('exchanges with client_id and the right code_verifier, no secret', async () => {
    const { verifier, challenge } = pkcePair();
    const res = await pkceExchange(mock.mintCode({ codeChallenge: challenge }), verifier);
    expect(res.status).toBe(200);
    expect(mock.journal.entries().at(-1)).toMatchObject({
      clientAuth: 'pkce',
      hasCodeVerifier: true,
      clientId: CLIENT_ID,
    });
  });

  it('refuses a wrong verifier', async () => {
    const { challenge } = pkcePair();
    const res = await pkceExchange(
      mock.mintCode({ codeChallenge: challenge }),
      pkcePair().verifier,
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_grant', 'code_verifier was incorrect'));
  });

  it('requires the verifier when the code has a challenge, even with the secret', async () => {
    const { challenge } = pkcePair();
    const withoutSecret = await pkceExchange(mock.mintCode({ codeChallenge: challenge }));
    expect(withoutSecret.json).toEqual(tokenError('invalid_request', 'code_verifier required'));
    const withSecret = await exchange(mock.url, mock.mintCode({ codeChallenge: challenge }));
    expect(withSecret.status).toBe(400);
    expect(withSecret.json).toEqual(tokenError('invalid_request', 'code_verifier required'));
  });

  it('verifies with the secret too when both are sent', async () => {
    const { verifier, challenge } = pkcePair();
    const ok = await exchange(mock.url, mock.mintCode({ codeChallenge: challenge }), {
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a client without secret on a code minted without a challenge', async () => {
    const noVerifier = await pkceExchange(mock.mintCode());
    expect(noVerifier.json).toEqual(tokenError('invalid_request', 'code_verifier required'));
    const withVerifier = await pkceExchange(mock.mintCode(), pkcePair().verifier);
    expect(withVerifier.json).toEqual(tokenError('invalid_grant', 'code_verifier was incorrect'));
  });

  it('does not consume the code on a failed attempt', async () => {
    const { verifier, challenge } = pkcePair();
    const code = mock.mintCode({ codeChallenge: challenge });
    expect((await pkceExchange(code, pkcePair().verifier)).status).toBe(400);
    expect((await pkceExchange(code, verifier)).status).toBe(200);
  });
});
