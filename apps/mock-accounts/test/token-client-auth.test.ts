import { pkcePair } from '@tokenswap/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockAccounts } from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  postToken,
  REDIRECT_URI,
  startMock,
  tokenError,
} from './helpers.js';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock({
    clients: [
      { id: CLIENT_ID, secret: CLIENT_SECRET, name: 'demo', redirectUris: [REDIRECT_URI] },
      { id: 'mobile-app', name: 'Mobile (PKCE only)', redirectUris: [REDIRECT_URI] },
      {
        id: 'locked',
        secret: 'has-one',
        pkceOnly: true,
        name: 'Locked',
        redirectUris: [REDIRECT_URI],
      },
    ],
  });
});
afterAll(() => mock.close());

describe('grant_type=client_credentials', () => {
  it('issues an app token without scope or refresh token', async () => {
    const res = await postToken(mock.url, { grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('also works with the secret in the body', async () => {
    const res = await postToken(
      mock.url,
      { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      { authorization: null },
    );
    expect(res.status).toBe(200);
  });

  it('refuses a client without its secret', async () => {
    const res = await postToken(
      mock.url,
      { grant_type: 'client_credentials', client_id: CLIENT_ID },
      { authorization: null },
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual(tokenError('invalid_client', 'Invalid client'));
  });
});

describe('client authentication', () => {
  const cases: Array<[string, string | null, Record<string, string>, string]> = [
    ['unknown client (Basic)', basic('nobody', 'x'), {}, 'Invalid client'],
    ['wrong secret (Basic)', basic(CLIENT_ID, 'wrong'), {}, 'Invalid client secret'],
    ['unknown client (body)', null, { client_id: 'nobody', client_secret: 'x' }, 'Invalid client'],
    [
      'wrong secret (body)',
      null,
      { client_id: CLIENT_ID, client_secret: 'nope' },
      'Invalid client secret',
    ],
    ['no client at all', null, {}, 'Invalid client'],
    ['malformed Basic header', 'Basic %%%', {}, 'Invalid client'],
    [
      'Basic without colon',
      `Basic ${Buffer.from('justid').toString('base64')}`,
      {},
      'Invalid client',
    ],
    ['Bearer instead of Basic', 'Bearer abc', {}, 'Invalid client'],
    ['secret for a client without one', basic('mobile-app', 'guess'), {}, 'Invalid client secret'],
    ['secret for a pkceOnly client', basic('locked', 'has-one'), {}, 'Invalid client secret'],
  ];
  for (const [name, authorization, extra, description] of cases) {
    it(`answers 400 invalid_client for ${name}`, async () => {
      const res = await postToken(
        mock.url,
        { grant_type: 'client_credentials', ...extra },
        { authorization },
      );
      expect(res.status).toBe(400);
      expect(res.json).toEqual(tokenError('invalid_client', description));
    });
  }

  it('lets a client without a secret use PKCE', async () => {
    const { verifier, challenge } = pkcePair();
    const code = mock.mintCode({ clientId: 'mobile-app', codeChallenge: challenge });
    const res = await postToken(
      mock.url,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: 'mobile-app',
        code_verifier: verifier,
      },
      { authorization: null },
    );
    expect(res.status).toBe(200);
  });

  it('journals how the client authenticated, never the secret', async () => {
    mock.journal.clear();
    await postToken(mock.url, { grant_type: 'client_credentials' });
    await postToken(
      mock.url,
      { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      { authorization: null },
    );
    const entries = mock.journal.entries();
    expect(entries.map((e) => e.clientAuth)).toEqual(['basic', 'body']);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      path: '/api/token',
      grantType: 'client_credentials',
      clientId: CLIENT_ID,
      status: 200,
      paramsIn: 'body',
    });
    expect(JSON.stringify(entries)).not.toContain(CLIENT_SECRET);
  });
});
