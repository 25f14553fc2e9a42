import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  buildAuthorizationCodeRequest,
  buildRefreshTokenRequest,
  SPOTIFY_ACCOUNTS_URL,
  tokenEndpointUrl,
} from '../src/index.js';

const client = { clientId: 'tokenswap-demo-client', clientSecret: 'tokenswap-demo-secret' };
const expectedAuth = `Basic ${btoa('tokenswap-demo-client:tokenswap-demo-secret')}`;

describe('buildAuthorizationCodeRequest', () => {
  it('builds the form POST to /api/token with Basic client auth', () => {
    const req = buildAuthorizationCodeRequest({
      accountsUrl: SPOTIFY_ACCOUNTS_URL,
      client,
      code: 'AQD+y8/x=',
      redirectUri: 'tokenswap-demo://callback',
    });
    expect(req).toEqual({
      method: 'POST',
      url: 'https://accounts.spotify.com/api/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: expectedAuth,
      },
      body: 'grant_type=authorization_code&code=AQD%2By8%2Fx%3D&redirect_uri=tokenswap-demo%3A%2F%2Fcallback',
    });
    const params = new URLSearchParams(req.body);
    expect(params.get('code')).toBe('AQD+y8/x=');
    expect(params.has('client_secret')).toBe(false);
  });

  it('adds code_verifier for PKCE when given', () => {
    const req = buildAuthorizationCodeRequest({
      accountsUrl: 'http://127.0.0.1:1234',
      client,
      code: 'c',
      redirectUri: 'http://127.0.0.1:8888/callback',
      codeVerifier: 'v'.repeat(43),
    });
    expect(new URLSearchParams(req.body).get('code_verifier')).toBe('v'.repeat(43));
    expect(req.url).toBe('http://127.0.0.1:1234/api/token');
  });
});

describe('buildRefreshTokenRequest', () => {
  it('builds grant_type=refresh_token with the real token', () => {
    const req = buildRefreshTokenRequest({
      accountsUrl: 'http://127.0.0.1:1234/',
      client,
      refreshToken: 'AQB/refresh+token',
    });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://127.0.0.1:1234/api/token');
    expect(req.headers.authorization).toBe(expectedAuth);
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'AQB/refresh+token',
    });
  });
});

describe('token endpoint helpers', () => {
  it('strips trailing slashes from the base URL', () => {
    expect(tokenEndpointUrl('https://accounts.example//')).toBe(
      'https://accounts.example/api/token',
    );
  });

  it('encodes Basic credentials as UTF-8 Base64 with padding', () => {
    expect(basicAuthorization({ clientId: 'a', clientSecret: 'b' })).toBe('Basic YTpi');
    expect(basicAuthorization({ clientId: 'ü', clientSecret: '' })).toBe('Basic w7w6');
  });
});
