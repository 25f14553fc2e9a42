import { fromEnv, TokenSwapConfigError } from '@tokenswap/handler';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { wantsDevelopmentMode } from '../src/dev/index.js';

/** A Spotify client id and secret is a *client*: TOKENSWAP_CLIENTS, TOKENSWAP_APPS deprecated. */
const CLIENTS = JSON.stringify({
  apps: [{ clientId: 'client-a', clientSecret: 'secret-a-value', redirectUris: ['a://cb'] }],
});
const KEYS = newKeyEntry('k1');

function problemsOf(env: Record<string, string>): readonly string[] {
  const result = parseConfig(env);
  return result.ok ? [] : result.problems;
}

describe('TOKENSWAP_CLIENTS (TOKENSWAP_APPS still read, deprecated)', () => {
  it('reads the clients under the new name and the deprecated one alike', () => {
    for (const name of ['TOKENSWAP_CLIENTS', 'TOKENSWAP_APPS']) {
      const result = parseConfig({ [name]: CLIENTS, TOKEN_ENCRYPTION_KEYS: KEYS });
      if (!result.ok) throw new Error(result.problems.join('\n'));
      expect(result.config.clients.map((client) => client.clientId)).toEqual(['client-a']);
      // The name before stays readable for embedders, unlisted.
      expect(result.config.apps).toBe(result.config.clients);
      expect(Object.keys(result.config)).not.toContain('apps');
    }
  });

  it('refuses a name set together with its deprecated one, and names the variable set', () => {
    expect(
      problemsOf({
        TOKENSWAP_CLIENTS: CLIENTS,
        TOKENSWAP_APPS: CLIENTS,
        TOKEN_ENCRYPTION_KEYS: KEYS,
      }),
    ).toContain(
      'TOKENSWAP_CLIENTS and TOKENSWAP_APPS: set only one (TOKENSWAP_APPS is the deprecated name of TOKENSWAP_CLIENTS)',
    );
    expect(
      problemsOf({ TOKENSWAP_CLIENTS: '{', TOKEN_ENCRYPTION_KEYS: KEYS }).every((problem) =>
        problem.startsWith('TOKENSWAP_CLIENTS: '),
      ),
    ).toBe(true);
    expect(
      problemsOf({
        TOKENSWAP_CLIENTS: CLIENTS,
        SPOTIFY_CLIENT_ID: 'x',
        TOKEN_ENCRYPTION_KEYS: KEYS,
      }),
    ).toContainEqual(expect.stringMatching(/^TOKENSWAP_CLIENTS and SPOTIFY_CLIENT_ID: /));
  });

  it('either name turns development mode off', () => {
    expect(wantsDevelopmentMode({})).toBe(true);
    for (const name of ['TOKENSWAP_CLIENTS', 'TOKENSWAP_CLIENTS_FILE', 'TOKENSWAP_APPS']) {
      expect(wantsDevelopmentMode({ [name]: 'x' }), name).toBe(false);
    }
  });

  it('the fetch handler reads the same names', async () => {
    const options = await fromEnv({ TOKENSWAP_CLIENTS: CLIENTS, TOKEN_ENCRYPTION_KEYS: KEYS });
    expect(options.clients.map((client) => client.clientId)).toEqual(['client-a']);
    await expect(
      fromEnv({ TOKENSWAP_CLIENTS: CLIENTS, TOKENSWAP_APPS: CLIENTS, TOKEN_ENCRYPTION_KEYS: KEYS }),
    ).rejects.toBeInstanceOf(TokenSwapConfigError);
  });
});
