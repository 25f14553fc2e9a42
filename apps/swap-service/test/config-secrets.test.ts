import { randomBytes } from 'node:crypto';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { spawnSwapServer } from '@tokenswap/test-support/swap-service-process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

// Regression (issue 16): an unquoted hex secret in TOKENSWAP_APPS made the start-up error echo
// part of it (V8's JSON.parse message quotes the text). No configuration error may print any
// part of a secret: each case below puts a fresh secret where an operator might, and no
// 6-character piece of it may appear in any problem.
const secret = () => randomBytes(16).toString('hex');
const KEYS = newKeyEntry('k1');
const BASE = {
  SPOTIFY_CLIENT_ID: 'client-id',
  SPOTIFY_REDIRECT_URI: 'myapp://callback',
  TOKEN_ENCRYPTION_KEYS: KEYS,
};

function expectNoPartOf(text: string, value: string): void {
  for (let i = 0; i + 6 <= value.length; i += 1) {
    expect(text, `${value.slice(i, i + 6)} of the secret appears`).not.toContain(
      value.slice(i, i + 6),
    );
  }
}

const CASES: [string, (s: string) => Record<string, string>][] = [
  [
    'an unquoted hex secret in TOKENSWAP_APPS',
    (s) => ({
      TOKEN_ENCRYPTION_KEYS: KEYS,
      TOKENSWAP_APPS: `{"apps":[{"clientId":"a","clientSecret":${s},"redirectUris":["x://cb"]}]}`,
    }),
  ],
  [
    'a secret with a stray quote in TOKENSWAP_APPS',
    (s) => ({
      TOKEN_ENCRYPTION_KEYS: KEYS,
      TOKENSWAP_APPS: `{"apps":[{"clientId":"a","clientSecret":"${s.slice(0, 10)}"${s.slice(10)}"}]}`,
    }),
  ],
  [
    'an unterminated secret in TOKENSWAP_APPS',
    (s) => ({ TOKEN_ENCRYPTION_KEYS: KEYS, TOKENSWAP_APPS: `{"apps":[{"clientSecret":"${s}` }),
  ],
  [
    'the secret itself in clientSecretEnv',
    (s) => ({
      TOKEN_ENCRYPTION_KEYS: KEYS,
      TOKENSWAP_APPS: JSON.stringify({
        apps: [{ clientId: 'a', clientSecretEnv: `a${s}`, redirectUris: ['x://cb'] }],
      }),
    }),
  ],
  [
    'the secret as a field name in TOKENSWAP_APPS',
    (s) => ({
      TOKEN_ENCRYPTION_KEYS: KEYS,
      TOKENSWAP_APPS: JSON.stringify({
        apps: [{ clientId: 'a', clientSecret: 'x', redirectUris: ['x://cb'], [s]: 1 }],
      }),
    }),
  ],
  [
    'credentials in SPOTIFY_ACCOUNTS_URL',
    (s) => ({
      ...BASE,
      SPOTIFY_CLIENT_SECRET: 'x',
      SPOTIFY_ACCOUNTS_URL: `https://u:${s}@a.example`,
    }),
  ],
  [
    'a secret in the query of SPOTIFY_ACCOUNTS_URL',
    (s) => ({
      ...BASE,
      SPOTIFY_CLIENT_SECRET: 'x',
      SPOTIFY_ACCOUNTS_URL: `https://a.example/?k=${s}`,
    }),
  ],
  [
    'a short METRICS_TOKEN',
    (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', METRICS_TOKEN: s.slice(0, 20) }),
  ],
  [
    'a key pasted without its id',
    (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', TOKEN_ENCRYPTION_KEYS: s }),
  ],
  [
    'a key and id swapped',
    (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', TOKEN_ENCRYPTION_KEYS: `${s}:k1` }),
  ],
  [
    'a secret in ENCRYPTION_METHOD (swapped with ENCRYPTION_SECRET)',
    (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', ENCRYPTION_SECRET: 'y', ENCRYPTION_METHOD: s }),
  ],
  [
    'a secret where the TOKEN_STORE scheme belongs',
    (s) => ({
      ...BASE,
      SPOTIFY_CLIENT_SECRET: 'x',
      TOKEN_MODE: 'reference',
      TOKEN_STORE: `${s}:6379`,
    }),
  ],
  [
    'a secret as a sqlite option of TOKEN_STORE',
    (s) => ({
      ...BASE,
      SPOTIFY_CLIENT_SECRET: 'x',
      TOKEN_MODE: 'reference',
      TOKEN_STORE: `sqlite:/tmp/t.db?${s}=1`,
    }),
  ],
  ['a secret in TRUST_PROXY', (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', TRUST_PROXY: s })],
  [
    'a secret in a misspelt variable',
    (s) => ({ ...BASE, SPOTIFY_CLIENT_SECRET: 'x', SPOTIFY_CLIENT_SECRETT: s }),
  ],
];

describe('configuration errors never print a secret', () => {
  it.each(CASES)('%s', (_name, envOf) => {
    const value = secret();
    const result = parseConfig(envOf(value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    expectNoPartOf(result.problems.join('\n'), value);
  });

  it('the built server exits 1 without printing the unquoted secret or the URL credentials', async () => {
    const value = secret();
    const server = spawnSwapServer({
      ...CASES[0]?.[1](value),
      SPOTIFY_ACCOUNTS_URL: `https://operator:${value}@accounts.example`,
    });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('TOKENSWAP_APPS: is not valid JSON');
    expect(server.stderr()).toContain('SPOTIFY_ACCOUNTS_URL: must not carry credentials');
    expectNoPartOf(server.stderr() + server.stdout(), value);
  });
});
