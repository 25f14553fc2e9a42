import { describe, expect, it } from 'vitest';
import {
  interpretTokenResponse,
  type TokenSwapError,
  upstreamTimeoutError,
  upstreamUnreachableError,
} from '../src/index.js';
import { expectError, expectValue } from './helpers.js';

const json = (v: unknown) => JSON.stringify(v);
const SPOTIFY_OK = {
  access_token: 'NgAagA-Um_SHo',
  token_type: 'Bearer',
  scope: 'user-read-private user-read-email',
  expires_in: 3600,
  refresh_token: 'NgCXRK-MzYjw',
};

function errorOf(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): TokenSwapError {
  return expectError(interpretTokenResponse(status, headers, body));
}

describe('interpretTokenResponse — success', () => {
  it('maps a Spotify answer to a TokenSet', () => {
    expect(expectValue(interpretTokenResponse(200, {}, json(SPOTIFY_OK)))).toEqual({
      accessToken: 'NgAagA-Um_SHo',
      tokenType: 'Bearer',
      scope: 'user-read-private user-read-email',
      expiresIn: 3600,
      refreshToken: 'NgCXRK-MzYjw',
    });
  });

  it('turns a numeric-string expires_in into a number', () => {
    const tokens = expectValue(
      interpretTokenResponse(200, {}, json({ ...SPOTIFY_OK, expires_in: '3600' })),
    );
    expect(tokens.expiresIn).toBe(3600);
  });

  it("defaults scope to '' and token_type to Bearer, omits an absent or empty refresh_token", () => {
    const base = { access_token: 'a', expires_in: 3600 };
    expect(expectValue(interpretTokenResponse(200, {}, json(base)))).toEqual({
      accessToken: 'a',
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: '',
    });
    expect(
      expectValue(interpretTokenResponse(200, {}, json({ ...base, refresh_token: '' }))),
    ).not.toHaveProperty('refreshToken');
    expect(
      expectValue(interpretTokenResponse(201, {}, json({ ...base, refresh_token: null }))),
    ).not.toHaveProperty('refreshToken');
  });

  it.each([
    ['not JSON', 'NgAagA<html>', 'The accounts service answered 200 without a JSON object'],
    ['a JSON array', '[1]', 'The accounts service answered 200 without a JSON object'],
    ['JSON null', 'null', 'The accounts service answered 200 without a JSON object'],
    [
      'without access_token',
      json({ expires_in: 3600 }),
      'The accounts service answered without an access_token',
    ],
    [
      'with an empty access_token',
      json({ access_token: '', expires_in: 1 }),
      'The accounts service answered without an access_token',
    ],
    [
      'with a numeric token_type',
      json({ access_token: 'a', token_type: 1, expires_in: 1 }),
      'The accounts service answered with an invalid token_type',
    ],
    [
      'without expires_in',
      json({ access_token: 'a' }),
      'The accounts service answered without a valid expires_in',
    ],
    [
      'with a negative expires_in',
      json({ access_token: 'a', expires_in: -1 }),
      'The accounts service answered without a valid expires_in',
    ],
    [
      'with a fractional expires_in',
      json({ access_token: 'a', expires_in: 1.5 }),
      'The accounts service answered without a valid expires_in',
    ],
    [
      'with a non-numeric expires_in',
      json({ access_token: 'a', expires_in: '1h' }),
      'The accounts service answered without a valid expires_in',
    ],
    [
      'with a huge expires_in',
      json({ access_token: 'a', expires_in: 1e12 }),
      'The accounts service answered without a valid expires_in',
    ],
    [
      'with a non-string scope',
      json({ access_token: 'a', expires_in: 1, scope: ['x'] }),
      'The accounts service answered with an invalid scope',
    ],
    [
      'with a non-string refresh_token',
      json({ access_token: 'a', expires_in: 1, refresh_token: 5 }),
      'The accounts service answered with an invalid refresh_token',
    ],
  ])('answers 502 server_error for a 200 %s', (_label, body, description) => {
    const error = errorOf(200, body);
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(502);
    expect(error.description).toBe(description);
  });

  it('never puts body excerpts (which may hold tokens) into the description', () => {
    const error = errorOf(200, json({ refresh_token: 'LEAKED-REFRESH', expires_in: 1 }));
    expect(error.description).not.toContain('LEAKED');
    expect(errorOf(200, 'LEAKED-TOKEN garbage').description).not.toContain('LEAKED');
  });
});

describe('interpretTokenResponse — upstream errors (issue 2 table)', () => {
  it.each([
    'Invalid authorization code',
    'Authorization code expired',
    'Invalid refresh token',
    'Refresh token revoked',
    'code_verifier was incorrect',
  ])('passes 400 invalid_grant "%s" through', (description) => {
    const error = errorOf(400, json({ error: 'invalid_grant', error_description: description }));
    expect(error.toJSON()).toEqual({ error: 'invalid_grant', error_description: description });
    expect(error.status).toBe(400);
  });

  it('gives invalid_grant a default description when upstream sent none', () => {
    expect(errorOf(400, json({ error: 'invalid_grant' })).description).toBe('Invalid grant');
  });

  it('sanitises a passed-through description', () => {
    const error = errorOf(
      400,
      json({
        error: 'invalid_grant',
        error_description: `bad\u0000\ntoken ${'A'.repeat(40)} ${'x '.repeat(300)}`,
      }),
    );
    expect(error.description).toMatch(/^bad token \[redacted\] x x/);
    expect(error.description.length).toBeLessThanOrEqual(200);
    expect(error.description).not.toContain('AAAA');
  });

  it.each([
    [400, 'invalid_client', 'Invalid client secret'],
    [401, 'invalid_client', 'Invalid client'],
    [400, 'invalid_request', 'Invalid redirect URI'],
    [400, 'unsupported_grant_type', 'grant_type parameter is missing'],
    [400, 'unauthorized_client', 'Client not allowed'],
  ])(
    'maps %i %s to a generic 502 server_error, the upstream detail only in cause (for the log)',
    (status, code, description) => {
      const error = errorOf(status, json({ error: code, error_description: description }));
      expect(error.code).toBe('server_error');
      expect(error.status).toBe(502);
      expect(error.description).toBe(
        "The accounts service rejected this server's token request; the server's operator must check its configuration",
      );
      expect(JSON.stringify(error.toJSON())).not.toContain(description);
      expect(JSON.stringify(error.toJSON())).not.toContain(code);
      expect(String(error.cause)).toContain(`${status} ${code}: ${description}`);
    },
  );

  it('names the upstream code alone in the cause when there is no description', () => {
    expect(String(errorOf(401, json({ error: 'invalid_client' })).cause)).toMatch(
      /401 invalid_client$/,
    );
  });

  // Regression (issue 16): the app left out the verifier of a PKCE code; it can fix that, so it
  // is told — not sent a 502 blaming the server.
  it.each(['code_verifier required', 'Code_verifier required.'])(
    'maps invalid_request "%s" to 400 invalid_request asking for the verifier',
    (description) => {
      const error = errorOf(
        400,
        json({ error: 'invalid_request', error_description: description }),
      );
      expect(error.status).toBe(400);
      expect(error.toJSON()).toEqual({
        error: 'invalid_request',
        error_description:
          'code_verifier is required: the code was issued for a PKCE authorization request',
      });
    },
  );

  it.each([
    [401, 'no body'],
    [403, json({ error: 'access_denied' })],
    [415, json({ error: 'server_error', error_description: 'Unexpected status: 415' })],
    [302, ''],
    [100, ''],
  ])('maps an unexpected %i to 502 server_error', (status, body) => {
    const error = errorOf(status, body);
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(502);
    expect(error.description).toBe(
      `Unexpected answer from the accounts service (status ${status})`,
    );
  });

  it.each([500, 502, 503, 599])('maps %i to 502 temporarily_unavailable', (status) => {
    const error = errorOf(status, '<html>oops</html>');
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.status).toBe(502);
    expect(error.retryAfter).toBeUndefined();
  });

  it('passes Retry-After on for a 503', () => {
    expect(errorOf(503, '', { 'Retry-After': '30' }).retryAfter).toBe(30);
  });

  it('maps 429 to 429 temporarily_unavailable with retryAfter in seconds', () => {
    const error = errorOf(429, '', { 'retry-after': '7' });
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(7);
  });

  it('reads Retry-After from fetch Headers and as an HTTP-date relative to the injected now', () => {
    const headers = new Headers({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const now = () => Date.parse('2015-10-21T07:27:00Z');
    const error = expectError(interpretTokenResponse(429, headers, '', { now }));
    expect(error.retryAfter).toBe(60);
  });

  it('reads the first of repeated Retry-After values and leaves an absent one undefined', () => {
    expect(errorOf(429, '', { 'Retry-After': ['3', '9'] } as never).retryAfter).toBe(3);
    expect(errorOf(429, '').retryAfter).toBeUndefined();
  });
});

describe('upstream transport errors', () => {
  it('upstreamTimeoutError is 504 temporarily_unavailable', () => {
    const cause = new Error('timeout');
    const error = upstreamTimeoutError({ cause });
    expect(error.status).toBe(504);
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.cause).toBe(cause);
    expect(upstreamTimeoutError().cause).toBeUndefined();
  });

  it('upstreamUnreachableError is 502 temporarily_unavailable', () => {
    const error = upstreamUnreachableError();
    expect(error.status).toBe(502);
    expect(error.toJSON()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The accounts service could not be reached; retry later',
    });
  });
});
