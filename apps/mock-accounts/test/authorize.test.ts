import { pkcePair, send } from '@tokenswap/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMockApp, type MockAccounts } from '../src/index.js';
import { exchange, REDIRECT_URI, startMock, T0 } from './helpers.js';

let mock: MockAccounts;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function authorizeUrl(params: Record<string, string>): string {
  const defaults = {
    client_id: 'tokenswap-demo-client',
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    state: 'st-123',
  };
  return `${mock.url}/authorize?${new URLSearchParams({ ...defaults, ...params })}`;
}

const errorText = (html: string) => /id="error">([^<]*)</.exec(html)?.[1];
const consentIdOf = (html: string) => /name="consent_id" value="([^"]+)"/.exec(html)?.[1] ?? '';

const postConsent = (form: Record<string, string>) =>
  send(`${mock.url}/authorize/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('GET /authorize', () => {
  it('shows an error page, no redirect, for an unknown or missing client', async () => {
    for (const url of [authorizeUrl({ client_id: 'nobody' }), `${mock.url}/authorize`]) {
      const res = await send(url);
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(errorText(res.text)).toBe('INVALID_CLIENT: Invalid client');
    }
  });

  it('shows an error page for a redirect URI that is not registered (exact match)', async () => {
    for (const redirect of ['https://evil.example/cb', `${REDIRECT_URI}/`, `${REDIRECT_URI}?x=1`]) {
      const res = await send(authorizeUrl({ redirect_uri: redirect }));
      expect(res.status).toBe(400);
      expect(errorText(res.text)).toBe('INVALID_CLIENT: Invalid redirect URI');
    }
  });

  it('redirects with error=invalid_request for a bad response_type or PKCE parameters', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'token' }, 'response_type must be code'],
      [
        { code_challenge_method: 'plain', code_challenge: pkcePair().challenge },
        'code_challenge_method must be S256',
      ],
      [{ code_challenge_method: 'S256' }, 'code_challenge required'],
      [{ code_challenge: pkcePair().challenge }, 'code_challenge_method required'],
      [
        { code_challenge_method: 'S256', code_challenge: 'too-short' },
        'code_challenge must be 43 to 128 base64url characters',
      ],
    ];
    for (const [params, description] of cases) {
      const res = await send(authorizeUrl(params));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location as string);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        error: 'invalid_request',
        error_description: description,
        state: 'st-123',
      });
    }
  });

  it('redirects with error=invalid_scope for an unknown scope', async () => {
    const res = await send(authorizeUrl({ scope: 'user-read-email made-up-scope' }));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.location as string).searchParams.get('error')).toBe('invalid_scope');
  });

  it('shows the consent page: app name, scopes in plain words, users, Agree/Cancel', async () => {
    const res = await send(
      authorizeUrl({ scope: 'user-read-email user-read-private', show_dialog: 'true' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<h1 id="app-name">tokenswap demo</h1>');
    expect(res.text).toContain('Get your real email address');
    expect(res.text).toContain('Access your subscription details and country');
    expect(res.text).toContain('Alice Demo');
    expect(res.text).toContain('Bob Demo');
    expect(res.text).toContain('value="agree"');
    expect(res.text).toContain('value="cancel"');
    expect(res.text).not.toContain('<script');
    expect(consentIdOf(res.text)).toMatch(/^CN/);
  });

  it('escapes everything it echoes', async () => {
    const { app } = buildMockApp({
      clients: [
        {
          id: 'x',
          secret: 's',
          name: '<script>alert("x")</script>&',
          redirectUris: [REDIRECT_URI],
        },
      ],
      users: [
        { id: 'u"1', displayName: '<b>Eve</b>', email: 'e@x', country: 'SE', product: 'free' },
      ],
    });
    const res = await app.inject({
      url: `/authorize?client_id=x&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    });
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(res.body).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(res.body).toContain('value="u&quot;1"');
    await app.close();
  });
});

describe('POST /authorize/consent', () => {
  it('Agree redirects with a code (for the chosen user) and the state', async () => {
    const { challenge, verifier } = pkcePair();
    const page = await send(
      authorizeUrl({
        scope: 'user-read-email',
        code_challenge_method: 'S256',
        code_challenge: challenge,
      }),
    );
    const res = await postConsent({
      consent_id: consentIdOf(page.text),
      user_id: 'demo-bob',
      action: 'agree',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.searchParams.get('state')).toBe('st-123');
    const code = location.searchParams.get('code') as string;
    const tokens = await exchange(mock.url, code, { code_verifier: verifier });
    expect(tokens.status).toBe(200);
    const me = await send(`${mock.url}/v1/me`, {
      headers: {
        authorization: `Bearer ${(tokens.json as { access_token: string }).access_token}`,
      },
    });
    expect((me.json as { id: string; email: string }).id).toBe('demo-bob');
  });

  it('Cancel redirects with error=access_denied and the state', async () => {
    const page = await send(authorizeUrl({}));
    const res = await postConsent({
      consent_id: consentIdOf(page.text),
      user_id: 'demo-alice',
      action: 'cancel',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'access_denied',
      state: 'st-123',
    });
  });

  it('omits state when none was given', async () => {
    const page = await send(
      `${mock.url}/authorize?client_id=tokenswap-demo-client&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    const res = await postConsent({
      consent_id: consentIdOf(page.text),
      user_id: 'demo-alice',
      action: 'cancel',
    });
    expect(new URL(res.headers.location as string).search).toBe('?error=access_denied');
  });

  it('a consent id is single-use, expires, and unknown ids get an error page', async () => {
    const page = await send(authorizeUrl({}));
    const consentId = consentIdOf(page.text);
    expect(
      (await postConsent({ consent_id: consentId, user_id: 'demo-alice', action: 'agree' })).status,
    ).toBe(302);
    const again = await postConsent({
      consent_id: consentId,
      user_id: 'demo-alice',
      action: 'agree',
    });
    expect(again.status).toBe(400);
    expect(again.headers.location).toBeUndefined();
    expect(
      (await postConsent({ consent_id: 'CNforged', user_id: 'demo-alice', action: 'agree' }))
        .status,
    ).toBe(400);
    const stale = consentIdOf((await send(authorizeUrl({}))).text);
    mock.clock.advance(3600);
    expect(
      (await postConsent({ consent_id: stale, user_id: 'demo-alice', action: 'agree' })).status,
    ).toBe(400);
  });

  it('refuses an unknown user or action without using up the consent', async () => {
    const consentId = consentIdOf((await send(authorizeUrl({}))).text);
    expect(
      (await postConsent({ consent_id: consentId, user_id: 'mallory', action: 'agree' })).status,
    ).toBe(400);
    expect(
      (await postConsent({ consent_id: consentId, user_id: 'demo-alice', action: 'maybe' })).status,
    ).toBe(400);
    expect(
      (await postConsent({ consent_id: consentId, user_id: 'demo-alice', action: 'agree' })).status,
    ).toBe(302);
  });

  it('a JSON body gets the error page, not a 500', async () => {
    const res = await send(`${mock.url}/authorize/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"consent_id":',
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('autoApprove', () => {
  it('redirects at once with a code for the first user', async () => {
    const auto = await startMock({ autoApprove: true });
    try {
      const res = await send(
        `${auto.url}/authorize?${new URLSearchParams({
          client_id: 'tokenswap-demo-client',
          response_type: 'code',
          redirect_uri: 'tokenswap-demo://callback',
          scope: 'user-read-email',
          state: 's',
        })}`,
      );
      expect(res.status).toBe(302);
      const location = new URL(res.headers.location as string);
      expect(location.protocol).toBe('tokenswap-demo:');
      expect(location.searchParams.get('state')).toBe('s');
      const code = location.searchParams.get('code') as string;
      const tokens = await exchange(auto.url, code, { redirect_uri: 'tokenswap-demo://callback' });
      expect(tokens.status).toBe(200);
      expect(auto.journal.entries()[0]).toMatchObject({
        path: '/authorize',
        status: 302,
        time: T0,
      });
    } finally {
      await auto.close();
    }
  });
});
