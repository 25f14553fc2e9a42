import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import { fromEnv, TokenSwapConfigError } from '@tokenswap/handler';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

// The fetch handler's fromEnv and the service read the shared variables through one definition
// (@tokenswap/handler/env): the same bad value gets the same words from both.
const GOOD = {
  SPOTIFY_CLIENT_ID: 'id',
  SPOTIFY_CLIENT_SECRET: 'secret',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: formatKeyringSpec([generateKeySpec({ id: 'k1' })]),
};

async function handlerProblems(env: Record<string, string>): Promise<readonly string[]> {
  const error = await fromEnv(env).then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof TokenSwapConfigError ? error.problems : [];
}

describe('fromEnv (fetch handler) and parseConfig (service) agree', () => {
  it.each([
    ['SPOTIFY_CLIENT_ID', { SPOTIFY_CLIENT_ID: '' }],
    ['SPOTIFY_REDIRECT_URI', { SPOTIFY_REDIRECT_URI: 'not a uri' }],
    ['SPOTIFY_CLIENT_CALLBACK_URL', { SPOTIFY_CLIENT_CALLBACK_URL: 'myapp://other' }],
    ['TOKEN_ENCRYPTION_KEYS', { TOKEN_ENCRYPTION_KEYS: 'k1:tooshort' }],
    ['SPOTIFY_ACCOUNTS_URL', { SPOTIFY_ACCOUNTS_URL: 'http://accounts.spotify.com' }],
    ['UPSTREAM_TIMEOUT_MS', { UPSTREAM_TIMEOUT_MS: '0' }],
    ['SWAP_PATH', { SWAP_PATH: 'swap' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'app.example.com' }],
    ['TOKENSWAP_APPS (not JSON)', { TOKENSWAP_APPS: "{apps:[{clientSecret:'a1b2c3d4e5'}]}" }],
    [
      'TOKENSWAP_APPS (a bad app)',
      { TOKENSWAP_APPS: '{"apps":[{"clientId":"a","clientSecret":"s","redirectUris":["x"]}]}' },
    ],
  ])('on a bad %s', async (_name, bad) => {
    const env = { ...GOOD, ...bad };
    const service = parseConfig(env);
    expect(service.ok).toBe(false);
    const fromService = service.ok ? [] : service.problems;
    const fromHandler = await handlerProblems(env);
    expect(fromHandler.length).toBeGreaterThan(0);
    expect(fromService).toEqual(expect.arrayContaining([...fromHandler]));
  });
});
