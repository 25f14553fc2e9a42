import { newKeyEntry } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

const KEYS = newKeyEntry('k1');
const BASE = {
  SPOTIFY_CLIENT_ID: 'client-id',
  SPOTIFY_CLIENT_SECRET: 'super-secret-value',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: KEYS,
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  const result = parseConfig(env);
  if (result.ok) throw new Error('expected configuration problems');
  return result.problems;
}

describe('parseConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const result = parseConfig(BASE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.config;
    expect(c).toMatchObject({
      mode: 'production',
      client: { clientId: 'client-id', clientSecret: 'super-secret-value' },
      redirectUri: 'myapp://callback',
      accountsUrl: 'https://accounts.spotify.com',
      upstreamTimeoutMs: 10_000,
      host: '0.0.0.0',
      port: 3000,
      portExplicit: false,
      paths: { swap: '/swap', refresh: '/refresh' },
      compatRoutes: false,
      corsOrigins: [],
      rateLimit: { max: 300, windowMs: 60_000 },
      trustProxy: false,
      logLevel: 'info',
      legacy: { secrets: [], createCipherMethod: 'aes-256-ctr' },
    });
    expect(c.keySpecs.map((s) => s.id)).toEqual(['k1']);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.client)).toBe(true);
    expect(Object.isFrozen(c.paths)).toBe(true);
    expect(
      parseConfig(BASE, { development: true }).ok && parseConfig(BASE, { development: true }),
    ).toMatchObject({
      config: { host: '127.0.0.1', mode: 'development' },
    });
  });

  it('reads every variable', () => {
    const result = parseConfig({
      ...BASE,
      SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:9999/',
      UPSTREAM_TIMEOUT_MS: '2500',
      HOST: '::',
      PORT: '8081',
      SWAP_PATH: '/v1/swap',
      REFRESH_PATH: '/v1/refresh',
      COMPAT_ROUTES: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      RATE_LIMIT_MAX: '0',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      accountsUrl: 'http://127.0.0.1:9999',
      upstreamTimeoutMs: 2500,
      host: '::',
      port: 8081,
      portExplicit: true,
      paths: { swap: '/v1/swap', refresh: '/v1/refresh' },
      compatRoutes: true,
      corsOrigins: ['https://a.example', 'https://b.example'],
      rateLimit: null,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      logLevel: 'warn',
      shutdownTimeoutMs: 5000,
    });
    const hops = parseConfig({ ...BASE, TRUST_PROXY: '2' });
    expect(hops.ok && hops.config.trustProxy).toBe(2);
  });

  it('names every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        'SPOTIFY_CLIENT_ID: is required',
        'SPOTIFY_CLIENT_SECRET: is required',
        expect.stringMatching(/^SPOTIFY_REDIRECT_URI: is required/),
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS: is required/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('names every bad value at once, never echoing a secret', () => {
    const problems = problemsOf({
      ...BASE,
      SPOTIFY_CLIENT_SECRET: '   ',
      TOKEN_ENCRYPTION_KEYS: 'k1:tooshort,bad id:abc',
      SPOTIFY_ACCOUNTS_URL: 'ftp://x',
      PORT: 'eighty',
      UPSTREAM_TIMEOUT_MS: '0',
      LOG_LEVEL: 'loud',
      CORS_ORIGINS: 'not an origin',
      RATE_LIMIT_WINDOW_MS: '-5',
      TRUST_PROXY: 'everyone',
      SWAP_PATH: 'swap',
      COMPAT_ROUTES: 'maybe',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(
      [
        'COMPAT_ROUTES',
        'CORS_ORIGINS',
        'LOG_LEVEL',
        'PORT',
        'RATE_LIMIT_WINDOW_MS',
        'SPOTIFY_ACCOUNTS_URL',
        'SPOTIFY_CLIENT_SECRET',
        'SWAP_PATH',
        'TOKEN_ENCRYPTION_KEYS',
        'TRUST_PROXY',
        'UPSTREAM_TIMEOUT_MS',
      ].sort(),
    );
    expect(problems.join('\n')).not.toContain('tooshort');
    expect(problems.find((p) => p.startsWith('PORT'))).toBe('PORT: must be a whole number');
    expect(problems.find((p) => p.startsWith('UPSTREAM_TIMEOUT_MS'))).toBe(
      'UPSTREAM_TIMEOUT_MS: must be at least 1',
    );
  });

  it('fails on an unknown SPOTIFY_/TOKEN_ variable instead of silently using a default', () => {
    const problems = problemsOf({
      ...BASE,
      SPOTIFY_ACOUNTS_URL: 'http://127.0.0.1:1',
      TOKEN_ENCRYPTION_KEY: KEYS,
    });
    expect(problems).toEqual([
      'SPOTIFY_ACOUNTS_URL: unknown variable (not read by tokenswap; check the spelling)',
      'TOKEN_ENCRYPTION_KEY: unknown variable (not read by tokenswap; check the spelling)',
    ]);
    // Unrelated variables are none of its business.
    expect(parseConfig({ ...BASE, PATH: '/bin', NODE_ENV: 'production', HOME: '/root' }).ok).toBe(
      true,
    );
  });

  it('treats blank values as unset', () => {
    const result = parseConfig({ ...BASE, PORT: '', LOG_LEVEL: '  ' });
    expect(result.ok && result.config.port).toBe(3000);
    expect(problemsOf({ ...BASE, SPOTIFY_CLIENT_ID: '' })).toEqual([
      'SPOTIFY_CLIENT_ID: is required',
    ]);
  });

  it('refuses token paths that collide with each other or the service’s own', () => {
    expect(problemsOf({ ...BASE, SWAP_PATH: '/x', REFRESH_PATH: '/x' })).toEqual([
      'SWAP_PATH and REFRESH_PATH: must differ (both are /x)',
    ]);
    expect(problemsOf({ ...BASE, SWAP_PATH: '/healthz' })).toEqual([
      'SWAP_PATH: /healthz is already used by the service',
    ]);
    expect(problemsOf({ ...BASE, REFRESH_PATH: '/api/token', COMPAT_ROUTES: 'true' })).toEqual([
      'REFRESH_PATH: /api/token is already used by the service',
    ]);
  });
});

describe('connections and stopping', () => {
  it('defaults: no drain window, a 30 s head timeout, no connection cap', () => {
    const result = parseConfig(BASE);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config).toMatchObject({
      shutdownDrainMs: 0,
      headersTimeoutMs: 30_000,
      maxConnections: 0,
    });
  });

  it('reads them, and refuses a drain window that does not fit in SHUTDOWN_TIMEOUT_MS', () => {
    const result = parseConfig({
      ...BASE,
      SHUTDOWN_DRAIN_MS: '5000',
      HEADERS_TIMEOUT_MS: '10000',
      MAX_CONNECTIONS: '1000',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config).toMatchObject({
      shutdownDrainMs: 5_000,
      headersTimeoutMs: 10_000,
      maxConnections: 1_000,
    });
    expect(problemsOf({ ...BASE, SHUTDOWN_DRAIN_MS: '15000' })).toEqual([
      'SHUTDOWN_DRAIN_MS: must be less than SHUTDOWN_TIMEOUT_MS (15000), which includes the drain',
    ]);
    expect(problemsOf({ ...BASE, HEADERS_TIMEOUT_MS: '10' })).toEqual([
      'HEADERS_TIMEOUT_MS: must be at least 100',
    ]);
  });
});

describe('legacy names (migration)', () => {
  const { SPOTIFY_REDIRECT_URI: _omit, ...NO_REDIRECT } = BASE;

  it.each(['SPOTIFY_CLIENT_CALLBACK_URL', 'SPOTIFY_CLIENT_CALLBACK'])(
    'accepts %s as the redirect URI',
    (name) => {
      const result = parseConfig({ ...NO_REDIRECT, [name]: 'old-app://cb' });
      expect(result.ok && result.config.redirectUri).toBe('old-app://cb');
    },
  );

  it('accepts a new and an old name that agree, fails naming both when they disagree', () => {
    expect(
      parseConfig({ ...BASE, SPOTIFY_CLIENT_CALLBACK_URL: BASE.SPOTIFY_REDIRECT_URI }).ok,
    ).toBe(true);
    expect(problemsOf({ ...BASE, SPOTIFY_CLIENT_CALLBACK: 'other://cb' })).toEqual([
      'SPOTIFY_REDIRECT_URI and SPOTIFY_CLIENT_CALLBACK: both name the redirect URI but disagree; set only one',
    ]);
  });

  it('reads the legacy secrets and turns compat routes on for a legacy deployment’s names', () => {
    const result = parseConfig({
      ...NO_REDIRECT,
      SPOTIFY_CLIENT_CALLBACK_URL: 'bih://cb',
      ENCRYPTION_SECRET: 'old-secret',
      LEGACY_ENCRYPTION_SECRETS: 'older-secret, old-secret',
      ENCRYPTION_METHOD: 'aes-256-ctr',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.legacy).toEqual({
      secrets: ['old-secret', 'older-secret'],
      createCipherMethod: 'aes-256-ctr',
      failedOpensMax: 10,
      failedOpensWindowMs: 3_600_000,
      sunset: null,
    });
    expect(result.config.compatRoutes).toBe(true);
    const onlySecret = parseConfig({ ...BASE, ENCRYPTION_SECRET: 's' });
    expect(onlySecret.ok && onlySecret.config.compatRoutes).toBe(true);
    const optedOut = parseConfig({ ...BASE, ENCRYPTION_SECRET: 's', COMPAT_ROUTES: 'false' });
    expect(optedOut.ok && optedOut.config.compatRoutes).toBe(false);
  });

  it('refuses an ENCRYPTION_METHOD whose tokens cannot be opened', () => {
    expect(
      problemsOf({ ...BASE, ENCRYPTION_SECRET: 's', ENCRYPTION_METHOD: 'aes-256-gcm' }),
    ).toEqual([expect.stringMatching(/^ENCRYPTION_METHOD: /)]);
  });
});
