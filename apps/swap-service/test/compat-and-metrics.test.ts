import { createCipheriv } from 'node:crypto';
import { DEMO_CLIENT } from '@tokenswap/mock-accounts';
import { post, send } from '@tokenswap/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { evpBytesToKey } from '../src/legacy/index.js';
import { me, type Stack, startStack } from './helpers/stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** `token.encrypt(:symmetric, password:)` of the encrypted_strings gem (see NOTES.md). */
function encryptedStrings(plaintext: string, password: string): string {
  const salt = Buffer.from('OpenSSL ');
  const { key } = evpBytesToKey(Buffer.from(password), salt, 24, 8);
  const cipher = createCipheriv('des-ede3-cbc', key, salt);
  const base64 = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString(
    'base64',
  );
  return `${base64.replace(/.{60}/g, '$&\n')}\n`;
}

/** A real refresh token from the mock, as an old server would have stored it for the app. */
async function realRefreshToken(s: Stack): Promise<string> {
  const answer = await post(`${s.mock.url}/api/token`, {
    grant_type: 'authorization_code',
    code: s.mintCode(),
    redirect_uri: DEMO_CLIENT.redirectUris[0] as string,
    client_id: DEMO_CLIENT.id,
    client_secret: DEMO_CLIENT.secret as string,
  });
  expect(answer.status).toBe(200);
  return answer.json.refresh_token as string;
}

async function metricsText(s: Stack): Promise<string> {
  return (await send(`${s.service.url}/metrics`, { method: 'GET' })).text;
}

describe('helper check', () => {
  it('encrypts the known vector of NOTES.md', () => {
    expect(encryptedStrings('test', 'secret')).toBe('MU6e/5LvhKA=\n');
  });
});

describe('compatibility routes', () => {
  it('are off by default', async () => {
    stack = await startStack();
    const answer = await post(`${stack.service.url}/api/token`, { code: stack.mintCode() });
    expect(answer.status).toBe(404);
  });

  it('COMPAT_ROUTES=true serves POST /api/token and /api/refresh_token (bih’s paths)', async () => {
    stack = await startStack({ env: { COMPAT_ROUTES: 'true' } });
    const swapped = await post(`${stack.service.url}/api/token`, { code: stack.mintCode() });
    expect(swapped.status).toBe(200);
    expect(swapped.json.refresh_token).toMatch(/^v1\./);
    const refreshed = await post(`${stack.service.url}/api/refresh_token`, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect((await me(stack.mock.url, refreshed.json.access_token)).status).toBe(200);
    // The main paths keep working next to them.
    expect((await post(stack.service.swapUrl, { code: stack.mintCode() })).status).toBe(200);
  });
});

describe('legacy refresh tokens', () => {
  it('a legacy encrypted_strings token refreshes, comes back newly sealed and is counted', async () => {
    stack = await startStack({ env: { ENCRYPTION_SECRET: 'old-server-secret' } });
    const real = await realRefreshToken(stack);
    const legacy = encryptedStrings(real, 'old-server-secret');

    // bih's route, on by default because ENCRYPTION_SECRET is set; the gem's newlines arrive
    // as literal "\n" pairs from some apps.
    const refreshed = await post(`${stack.service.url}/api/refresh_token`, {
      refresh_token: legacy.replace(/\n/g, '\\n'),
    });
    expect(refreshed.status).toBe(200);
    // Upstream did not rotate (mock rotation 'pkce', secret client) — still a new sealed token.
    expect(refreshed.json.refresh_token).toMatch(/^v1\.k1\./);
    expect((await me(stack.mock.url, refreshed.json.access_token)).status).toBe(200);

    const again = await post(stack.service.refreshUrl, {
      refresh_token: refreshed.json.refresh_token,
    });
    expect(again.status).toBe(200);
    expect(again.json.refresh_token).toBeUndefined();

    const text = await metricsText(stack);
    expect(text).toContain('# TYPE tokenswap_legacy_refresh_total counter');
    expect(text).toMatch(/tokenswap_legacy_refresh_total\{format="encrypted-strings"\} 1\n/);
  });

  it('a legacy token that does not open is 400 invalid_grant like any other', async () => {
    stack = await startStack({ env: { ENCRYPTION_SECRET: 'old-server-secret' } });
    const real = await realRefreshToken(stack);
    for (const token of [
      encryptedStrings(real, 'some-other-secret'),
      'deadbeef'.repeat(8),
      'AAAA',
    ]) {
      const answer = await post(stack.service.refreshUrl, { refresh_token: token });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        error: 'invalid_grant',
        error_description: 'Invalid refresh token',
      });
    }
    expect(await metricsText(stack)).not.toMatch(/tokenswap_legacy_refresh_total\{/);
  });

  it('without legacy secrets a legacy token is simply an invalid refresh token', async () => {
    stack = await startStack();
    const legacy = encryptedStrings(await realRefreshToken(stack), 'old-server-secret');
    const answer = await post(stack.service.refreshUrl, { refresh_token: legacy });
    expect(answer.json).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid refresh token',
    });
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern, method and status in Prometheus text format', async () => {
    stack = await startStack();
    await post(stack.service.swapUrl, { code: stack.mintCode() });
    await post(stack.service.swapUrl, { code: 'bad' });
    await send(`${stack.service.url}/nowhere?code=x`, { method: 'GET' });
    const answer = await send(`${stack.service.url}/metrics`, { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toMatch(
      /tokenswap_http_requests_total\{route="\/swap",method="POST",status="200"\} 1\n/,
    );
    expect(answer.text).toMatch(
      /tokenswap_http_requests_total\{route="\/swap",method="POST",status="400"\} 1\n/,
    );
    expect(answer.text).toMatch(
      /tokenswap_http_requests_total\{route="not_found",method="GET",status="404"\} 1\n/,
    );
    expect(answer.text).toMatch(
      /tokenswap_upstream_duration_seconds_count\{grant="authorization_code"\} 2\n/,
    );
    expect(answer.text).not.toContain('nowhere');
  });
});
