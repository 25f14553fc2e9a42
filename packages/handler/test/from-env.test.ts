import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import { describe, expect, it } from 'vitest';
import { fromEnv, TokenSwapConfigError } from '../src/index.js';

const KEYS = formatKeyringSpec([generateKeySpec({ id: 'k1' })]);
const GOOD = {
  SPOTIFY_CLIENT_ID: 'id',
  SPOTIFY_CLIENT_SECRET: 'top-secret-value',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: KEYS,
};

async function problems(env: Record<string, string>): Promise<readonly string[]> {
  const error = await fromEnv(env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenSwapConfigError);
  return (error as TokenSwapConfigError).problems;
}

describe('fromEnv', () => {
  it('builds options from the service’s variable names, legacy redirect names included', async () => {
    const options = await fromEnv({
      ...GOOD,
      SPOTIFY_REDIRECT_URI: '',
      SPOTIFY_CLIENT_CALLBACK_URL: 'myapp://legacy',
      SWAP_PATH: '/api/swap',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      UPSTREAM_TIMEOUT_MS: '2500',
      HOST: '127.0.0.1',
    });
    expect(options.clients).toEqual([
      { clientId: 'id', clientSecret: 'top-secret-value', redirectUris: ['myapp://legacy'] },
    ]);
    expect(options.paths).toEqual({ swap: '/api/swap', refresh: '/refresh' });
    expect(options.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(options.upstreamTimeoutMs).toBe(2500);
    expect(options.keyring.ids).toEqual(['k1']);
  });

  it('reports every problem at once, naming the variable, never a secret', async () => {
    const found = await problems({
      SPOTIFY_CLIENT_SECRET: 'top-secret-value',
      TOKEN_ENCRYPTION_KEYS: 'k1:short',
      UPSTREAM_TIMEOUT_MS: 'soon',
      CORS_ORIGINS: 'not an origin',
    });
    expect(found).toContain('SPOTIFY_CLIENT_ID: is required');
    expect(found).toContain(
      'SPOTIFY_REDIRECT_URI: is required (or its legacy names SPOTIFY_CLIENT_CALLBACK_URL, SPOTIFY_CLIENT_CALLBACK)',
    );
    expect(found).toContain('UPSTREAM_TIMEOUT_MS: must be a whole number');
    expect(found.some((p) => p.startsWith('TOKEN_ENCRYPTION_KEYS: '))).toBe(true);
    expect(found.some((p) => p.startsWith('CORS_ORIGINS: '))).toBe(true);
    expect(found.join('\n')).not.toContain('top-secret-value');
    expect(found.join('\n')).not.toContain('short');
  });

  it('reads several apps from TOKENSWAP_APPS (secrets from other variables too)', async () => {
    const apps = {
      apps: [
        { clientId: 'a', clientSecret: 'sa', redirectUris: ['a://cb'] },
        { clientId: 'b', clientSecretEnv: 'B_SECRET', redirectUris: ['b://cb'], pkceOnly: true },
      ],
    };
    const options = await fromEnv({
      TOKENSWAP_APPS: JSON.stringify(apps),
      B_SECRET: 'sb',
      TOKEN_ENCRYPTION_KEYS: KEYS,
    });
    expect(options.clients).toEqual([
      { clientId: 'a', clientSecret: 'sa', redirectUris: ['a://cb'], pkceOnly: false },
      { clientId: 'b', clientSecret: 'sb', redirectUris: ['b://cb'], pkceOnly: true },
    ]);
  });

  it('refuses apps in reference mode, an apps file, and apps beside the one-app variables', async () => {
    const found = await problems({
      ...GOOD,
      TOKENSWAP_APPS: JSON.stringify({
        apps: [{ clientId: 'a', clientSecret: 's', redirectUris: ['a://cb'], mode: 'reference' }],
      }),
      TOKENSWAP_APPS_FILE: '/etc/apps.json',
    });
    expect(found).toContain(
      'TOKENSWAP_APPS and SPOTIFY_CLIENT_ID: both configure the app; with several apps set neither SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET nor a redirect URI variable',
    );
    expect(found.some((p) => p.startsWith('TOKENSWAP_APPS: apps[0].mode: reference mode'))).toBe(
      true,
    );
    expect(
      found.some((p) => p.startsWith('TOKENSWAP_APPS_FILE: not read by the fetch handler')),
    ).toBe(true);
  });

  it('refuses the service-only features instead of ignoring them', async () => {
    const found = await problems({
      ...GOOD,
      TOKEN_MODE: 'reference',
      ENCRYPTION_SECRET: 'old-secret',
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^ENCRYPTION_SECRET: legacy-token migration .* swap service/);
    expect(found[1]).toMatch(/^TOKEN_MODE: reference mode .* swap service/);
    expect(found.join('\n')).not.toContain('old-secret');
  });
});
