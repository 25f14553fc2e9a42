import { newKeyEntry } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

// Regressions (issue 16, "Configuration"): values that were accepted although they leak
// secrets, break the token path or open the service wider than the banner says.
const BASE = {
  SPOTIFY_CLIENT_ID: 'client-id',
  SPOTIFY_CLIENT_SECRET: 'super-secret-value',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: newKeyEntry('k1'),
};

function problemsOf(env: Record<string, string>, development = false): readonly string[] {
  const result = parseConfig(env, { development });
  if (result.ok) throw new Error('expected configuration problems');
  return result.problems;
}

describe('SPOTIFY_ACCOUNTS_URL', () => {
  it.each([
    [
      'http://accounts.spotify.com',
      /^SPOTIFY_ACCOUNTS_URL: must be https:\/\/ — over http the client secret/,
    ],
    ['accounts.spotify.com', /^SPOTIFY_ACCOUNTS_URL: must be an absolute URL with its scheme/],
    ['localhost:4000', /^SPOTIFY_ACCOUNTS_URL: must be an absolute URL with its scheme/],
    ['ftp://accounts.spotify.com', /^SPOTIFY_ACCOUNTS_URL: must be an https:\/\/ URL$/],
    [
      'https://accounts.spotify.com/?x=1',
      /^SPOTIFY_ACCOUNTS_URL: must not have a query \(\?\) or fragment/,
    ],
    [
      'https://accounts.spotify.com#frag',
      /^SPOTIFY_ACCOUNTS_URL: must not have a query \(\?\) or fragment/,
    ],
    [
      'https://accounts.spotify.com?',
      /^SPOTIFY_ACCOUNTS_URL: must not have a query \(\?\) or fragment/,
    ],
  ])('refuses %s, naming the variable', (value, message) => {
    const problems = problemsOf({ ...BASE, SPOTIFY_ACCOUNTS_URL: value });
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it('refuses user:pass@ without printing the credentials', () => {
    for (const value of [
      'https://admin:hunter2-pass@accounts.example',
      'https://hunter2-user@accounts.example',
    ]) {
      const problems = problemsOf({ ...BASE, SPOTIFY_ACCOUNTS_URL: value });
      expect(problems).toEqual([
        expect.stringMatching(
          /^SPOTIFY_ACCOUNTS_URL: must not carry credentials \(user:password@\)/,
        ),
      ]);
      expect(problems.join('\n')).not.toContain('hunter2');
      expect(problems.join('\n')).not.toContain('accounts.example');
    }
  });

  it('accepts https anywhere and http to a loopback host, without a warning', () => {
    for (const value of [
      'https://accounts.spotify.com/',
      'https://proxy.example/spotify',
      'http://127.0.0.1:4000',
      'http://127.8.9.10',
      'http://localhost:4000/',
      'http://[::1]:4000',
    ]) {
      const result = parseConfig({ ...BASE, SPOTIFY_ACCOUNTS_URL: value });
      expect(result.ok, value).toBe(true);
      if (!result.ok) continue;
      expect(result.config.accountsUrl).toBe(value.replace(/\/+$/, ''));
      expect(result.config.warnings).toEqual([]);
    }
  });

  it('accepts plain http to another host only with SPOTIFY_ACCOUNTS_ALLOW_HTTP=true, and warns', () => {
    const result = parseConfig({
      ...BASE,
      SPOTIFY_ACCOUNTS_URL: 'http://mock.internal:4000',
      SPOTIFY_ACCOUNTS_ALLOW_HTTP: 'true',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.accountsUrl).toBe('http://mock.internal:4000');
    expect(result.config.warnings).toEqual([
      expect.stringMatching(
        /^SPOTIFY_ACCOUNTS_ALLOW_HTTP=true: the client secret, codes and tokens/,
      ),
    ]);
    // The opt-in does not excuse credentials or a query.
    expect(
      problemsOf({
        ...BASE,
        SPOTIFY_ACCOUNTS_URL: 'http://u:p@mock.internal',
        SPOTIFY_ACCOUNTS_ALLOW_HTTP: 'true',
      }),
    ).toEqual([expect.stringMatching(/must not carry credentials/)]);
  });
});

describe('TRUST_PROXY', () => {
  it('warns on true, recommending a hop count; a hop count or addresses do not warn', () => {
    const open = parseConfig({ ...BASE, TRUST_PROXY: 'true' });
    expect(open.ok && open.config.warnings).toEqual([
      expect.stringMatching(
        /^TRUST_PROXY=true believes every X-Forwarded-For entry.*TRUST_PROXY=1/,
      ),
    ]);
    for (const value of ['1', '2', '10.0.0.0/8', 'false']) {
      const result = parseConfig({ ...BASE, TRUST_PROXY: value });
      expect(result.ok && result.config.warnings, value).toEqual([]);
    }
  });
});

describe('TRUST_PROXY addresses', () => {
  it('takes IPv4/IPv6 addresses and CIDRs, refuses hex that only looks like one', () => {
    const ok = parseConfig({ ...BASE, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1, fd00::/8' });
    expect(ok.ok && ok.config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    for (const value of ['a1b2c3d4e5f6', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '300.1.1.1']) {
      expect(problemsOf({ ...BASE, TRUST_PROXY: value }), value).toEqual([
        'TRUST_PROXY: must be true, false, a hop count, or comma-separated IP addresses/CIDRs',
      ]);
    }
  });
});

describe('development mode HOST', () => {
  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])('refuses HOST=%s', (host) => {
    expect(problemsOf({ ...BASE, HOST: host }, true)).toEqual([
      expect.stringMatching(
        /^HOST: development mode \(no Spotify credentials\) listens on loopback only/,
      ),
    ]);
  });

  it('accepts loopback hosts, and refuses a public METRICS_HOST too', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect(parseConfig({ ...BASE, HOST: host }, { development: true }).ok, host).toBe(true);
    }
    expect(problemsOf({ ...BASE, METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' }, true)).toEqual([
      expect.stringMatching(/^METRICS_HOST: development mode/),
    ]);
    // Production may bind every interface: that is what it is for.
    expect(parseConfig({ ...BASE, HOST: '0.0.0.0' }).ok).toBe(true);
  });
});

describe('TOKEN_ENCRYPTION_KEYS', () => {
  it('refuses an all-zero key and one key under two ids, naming the ids only', () => {
    const zero = Buffer.alloc(32).toString('base64url');
    const good = newKeyEntry('good');
    const copy = `copy:${good.slice(good.indexOf(':') + 1)}`;
    const problems = problemsOf({
      ...BASE,
      TOKEN_ENCRYPTION_KEYS: `${good},zeros:${zero},${copy}`,
    });
    expect(problems).toEqual([
      'TOKEN_ENCRYPTION_KEYS: keyring entry 2 ("zeros"): key is all zero bytes; generate one with generateKeySpec (or the swap service keygen); keyring entry 3 ("copy"): same key as entry 1 ("good"); each key id needs its own key',
    ]);
  });
});

describe('metrics, legacy bounds', () => {
  it('reads METRICS_*, LEGACY_FAILED_OPENS_* and LEGACY_SUNSET', () => {
    const token = 'm'.repeat(40);
    const result = parseConfig({
      ...BASE,
      METRICS_PORT: '9464',
      METRICS_TOKEN: token,
      LEGACY_FAILED_OPENS_MAX: '3',
      LEGACY_FAILED_OPENS_WINDOW_MS: '60000',
      LEGACY_SUNSET: '2027-01-31',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.metrics).toEqual({ port: 9464, host: '127.0.0.1', token });
    expect(result.config.legacy).toMatchObject({
      failedOpensMax: 3,
      failedOpensWindowMs: 60_000,
      sunset: Date.UTC(2027, 0, 31),
    });
    const defaults = parseConfig(BASE);
    expect(defaults.ok && defaults.config.metrics).toEqual({
      port: null,
      host: '127.0.0.1',
      token: null,
    });
  });

  it('refuses a short METRICS_TOKEN without echoing it, and a date that is not one', () => {
    const problems = problemsOf({
      ...BASE,
      METRICS_TOKEN: 'short-token-value',
      LEGACY_SUNSET: 'next year',
      METRICS_PORT: '70000',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LEGACY_SUNSET',
      'METRICS_PORT',
      'METRICS_TOKEN',
    ]);
    expect(problems.join('\n')).not.toContain('short-token-value');
    expect(problemsOf({ ...BASE, LEGACY_SUNSET: '2027-02-31' })).toEqual([
      expect.stringMatching(/^LEGACY_SUNSET: /),
    ]);
  });
});
