import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import { post } from '@tokenswap/test-support';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { afterEach, describe, expect, it } from 'vitest';
import { startSwapService } from '../src/start-swap-service.js';
import { type Stack, serviceEnv, startStack } from './helpers/stack.js';

let stack: Stack | undefined;
const extra: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((s) => s.close()));
  await stack?.close();
  stack = undefined;
});

const INVALID_REFRESH = { error: 'invalid_grant', error_description: 'Invalid refresh token' };

describe('authorization codes', () => {
  it('an unknown code is 400 invalid_grant with the upstream description', async () => {
    stack = await startStack();
    const answer = await post(stack.service.swapUrl, { code: 'AQD-not-a-code' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid authorization code',
    });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('a code used twice is refused the second time', async () => {
    stack = await startStack();
    const code = stack.mintCode();
    expect((await post(stack.service.swapUrl, { code })).status).toBe(200);
    const again = await post(stack.service.swapUrl, { code });
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('invalid_grant');
  });

  it('an expired code is refused (mock clock moved past the code lifetime)', async () => {
    stack = await startStack({ mock: { codeTtlSeconds: 60 } });
    const code = stack.mintCode();
    stack.mock.clock.advance(61);
    const answer = await post(stack.service.swapUrl, { code });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: 'invalid_grant',
      error_description: 'Authorization code expired',
    });
  });

  it('a client_id or redirect_uri naming another app is refused before going upstream', async () => {
    stack = await startStack();
    const before = stack.mock.journal.entries().length;
    const wrongClient = await post(stack.service.swapUrl, { code: 'x', client_id: 'someone-else' });
    expect(wrongClient.status).toBe(400);
    expect(wrongClient.json.error).toBe('invalid_request');
    const wrongRedirect = await post(stack.service.swapUrl, {
      code: 'x',
      redirect_uri: 'https://evil.example/cb',
    });
    expect(wrongRedirect.status).toBe(400);
    expect(stack.mock.journal.entries().length).toBe(before);
  });
});

describe('sealed refresh tokens that must not open', () => {
  async function sealedToken(s: Stack): Promise<string> {
    const swapped = await post(s.service.swapUrl, { code: s.mintCode() });
    return swapped.json.refresh_token as string;
  }

  it('tampered, truncated and relabelled tokens are all the same 400 invalid_grant', async () => {
    stack = await startStack();
    const token = await sealedToken(stack);
    const body = token.split('.')[2] as string;
    const flipped = `${body.slice(0, 10)}${body[10] === 'A' ? 'B' : 'A'}${body.slice(11)}`;
    const variants = [
      `v1.k1.${flipped}`,
      token.slice(0, token.length - 5),
      `v1.k2.${body}`,
      `v2.k1.${body}`,
      `${token}AAAA`,
      'not-a-token',
    ];
    for (const variant of variants) {
      const answer = await post(stack.service.refreshUrl, { refresh_token: variant });
      expect(answer.status, variant.slice(0, 12)).toBe(400);
      expect(answer.json).toEqual(INVALID_REFRESH);
    }
    expect(stack.mock.journal.entries().filter((e) => e.grantType === 'refresh_token')).toEqual([]);
  });

  it('a token sealed under a key this service does not hold is refused', async () => {
    stack = await startStack();
    const token = await sealedToken(stack);
    // Same key id, different key material: a foreign deployment's token.
    const foreign = await startSwapService({
      env: serviceEnv(stack.mock.url, { TOKEN_ENCRYPTION_KEYS: newKeyEntry('k1') }),
      port: 0,
      logger: false,
    });
    extra.push(foreign);
    const answer = await post(foreign.refreshUrl, { refresh_token: token });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(INVALID_REFRESH);
  });

  it('a token sealed for another client id does not open (same keys)', async () => {
    stack = await startStack({
      mock: {
        clients: [
          { id: 'app-a', secret: 'secret-a', name: 'A', redirectUris: ['app-a://cb'] },
          { id: 'app-b', secret: 'secret-b', name: 'B', redirectUris: ['app-b://cb'] },
        ],
      },
      env: {
        SPOTIFY_CLIENT_ID: 'app-a',
        SPOTIFY_CLIENT_SECRET: 'secret-a',
        SPOTIFY_REDIRECT_URI: 'app-a://cb',
      },
    });
    const token = (
      await post(stack.service.swapUrl, { code: stack.mintCode({ clientId: 'app-a' }) })
    ).json.refresh_token as string;
    const serviceB = await startSwapService({
      env: {
        ...stack.env,
        SPOTIFY_CLIENT_ID: 'app-b',
        SPOTIFY_CLIENT_SECRET: 'secret-b',
        SPOTIFY_REDIRECT_URI: 'app-b://cb',
      },
      port: 0,
      logger: false,
    });
    extra.push(serviceB);
    const answer = await post(serviceB.refreshUrl, { refresh_token: token });
    expect(answer.json).toEqual(INVALID_REFRESH);
    expect((await post(stack.service.refreshUrl, { refresh_token: token })).status).toBe(200);
  });

  it('key rotation: a token sealed under the old key refreshes after a new key is put first', async () => {
    stack = await startStack();
    const oldToken = await sealedToken(stack);
    const rotated = await startSwapService({
      env: {
        ...stack.env,
        TOKEN_ENCRYPTION_KEYS: `${formatKeyringSpec([generateKeySpec({ id: 'k2' })])},${stack.env.TOKEN_ENCRYPTION_KEYS}`,
      },
      port: 0,
      logger: false,
    });
    extra.push(rotated);
    const refreshed = await post(rotated.refreshUrl, { refresh_token: oldToken });
    expect(refreshed.status).toBe(200);
    // New tokens are sealed under the new first key.
    const swapped = await post(rotated.swapUrl, { code: stack.mintCode() });
    expect(swapped.json.refresh_token).toMatch(/^v1\.k2\./);
  });

  it('a refresh token the accounts service no longer knows passes its invalid_grant through', async () => {
    stack = await startStack();
    const swapped = await post(stack.service.swapUrl, { code: stack.mintCode() });
    expect(stack.mock.stats().refreshTokens).toBe(1);
    stack.mock.reset(); // forgets every token it issued
    const answer = await post(stack.service.refreshUrl, {
      refresh_token: swapped.json.refresh_token,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });
});
