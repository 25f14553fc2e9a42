import { closeAfterEach, pkcePair, post } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { me, startStack } from './helpers/stack.js';

const closeLater = closeAfterEach(afterEach);

describe('swap → refresh → /v1/me against the mock', () => {
  it('swaps a code, refreshes with the sealed token and uses the new access token', async () => {
    const stack = closeLater(await startStack());
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    expect(swapped.status).toBe(200);
    expect(swapped.headers['content-type']).toMatch(/^application\/json/);
    expect(swapped.headers['cache-control']).toBe('no-store');
    expect(swapped.headers.pragma).toBe('no-cache');
    expect(Object.keys(swapped.json).sort()).toEqual(
      ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type'].sort(),
    );
    expect(swapped.json.token_type).toBe('Bearer');
    expect(swapped.json.expires_in).toBe(3600);
    expect(swapped.json.scope).toBe('user-read-email user-read-private');
    expect(swapped.json.refresh_token).toMatch(/^v1\.k1\./);
    // Never Spotify's own refresh token.
    expect(stack.mock.isIssuedRefreshToken(swapped.json.refresh_token)).toBe(false);

    const refreshed = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    expect(refreshed.json.expires_in).toBe(3600);
    expect(refreshed.json.access_token).not.toBe(swapped.json.access_token);
    // Default mock rotation is 'pkce': a secret-based grant does not rotate.
    expect(refreshed.json.refresh_token).toBeUndefined();

    const profile = await me(stack.mock.url, refreshed.json.access_token);
    expect(profile.status).toBe(200);
    expect(profile.json.id).toBe('demo-alice');
  });

  it('hands out a newly sealed refresh token when the accounts service rotates (always)', async () => {
    const stack = closeLater(await startStack({ mock: { rotation: 'always' } }));
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    const first = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).toMatch(/^v1\.k1\./);
    expect(first.json.refresh_token).not.toBe(swapped.json.refresh_token);
    expect(stack.mock.isIssuedRefreshToken(first.json.refresh_token)).toBe(false);

    // The newest sealed token keeps working; the old one is revoked upstream.
    const second = await post(stack.service.refreshUrl, {
      refresh_token: first.json.refresh_token,
    });
    expect(second.status).toBe(200);
    const reused = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(reused.json.error).toBe('invalid_grant');
  });

  it('forwards code_verifier for PKCE codes, and the PKCE grant rotates (mock rotation pkce)', async () => {
    const stack = closeLater(await startStack({ mock: { rotation: 'pkce' } }));
    const { verifier, challenge } = await pkcePair();

    const missing = await post(stack.service.swapUrl, {
      code: stack.mintCode({ codeChallenge: challenge }),
    });
    // Spotify answers invalid_request "code_verifier required"; core's table maps upstream
    // invalid_request to 502 server_error. Either way: a JSON error, never a 200 or a 500.
    expect([400, 502]).toContain(missing.status);
    expect(typeof missing.json.error_description).toBe('string');

    const swapped = await post(stack.service.swapUrl, {
      code: stack.mintCode({ codeChallenge: challenge }),
      code_verifier: verifier,
    });
    expect(swapped.status).toBe(200);
    const journal = stack.mock.journal
      .entries()
      .filter((e) => e.grantType === 'authorization_code');
    expect(journal.at(-1)?.hasCodeVerifier).toBe(true);

    const refreshed = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.refresh_token).toMatch(/^v1\.k1\./);
    const again = await post(stack.service.refreshUrl, {
      refresh_token: refreshed.json.refresh_token,
    });
    expect(again.status).toBe(200);
  });

  it('accepts JSON bodies as well as forms', async () => {
    const stack = closeLater(await startStack());
    const swapped = await post(
      stack.service.swapUrl,
      JSON.stringify({ code: stack.mintCode() }),
      'application/json',
    );
    expect(swapped.status).toBe(200);
    const refreshed = await post(
      stack.service.refreshUrl,
      JSON.stringify({ refresh_token: swapped.json.refresh_token }),
      'application/json; charset=utf-8',
    );
    expect(refreshed.status).toBe(200);
  });

  it('repairs a sealed token posted without URL-encoding', async () => {
    const stack = closeLater(await startStack());
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    // Raw, unencoded form body: any '+' would arrive as ' ' (sealed tokens are base64url, so
    // this also checks the plain path works with a hand-written body).
    const refreshed = await post(
      stack.service.refreshUrl,
      `refresh_token=${swapped.json.refresh_token}`,
    );
    expect(refreshed.status).toBe(200);
  });
});
