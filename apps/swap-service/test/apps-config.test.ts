import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newKeyEntry } from '@tokenswap/test-support/keys';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { wantsDevelopmentMode } from '../src/dev-mode.js';
import { ConfigurationError, startSwapService } from '../src/start-swap-service.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenswap-apps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (JSON-encoded unless a string) to a fresh file and returns its path. */
function appsFile(content: unknown): string {
  files += 1;
  const path = join(dir, `apps-${files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const KEYS = newKeyEntry('k1');
const APP_A = {
  clientId: 'app-a',
  clientSecret: 'secret-a-value',
  redirectUris: ['appa://callback', 'https://a.example.com/cb'],
};
const APP_B = {
  clientId: 'app-b',
  clientSecretEnv: 'APP_B_SECRET',
  redirectUris: ['appb://callback'],
  mode: 'reference',
  pkceOnly: true,
};

function problemsOf(env: Record<string, string>): readonly string[] {
  const result = parseConfig({ TOKEN_ENCRYPTION_KEYS: KEYS, ...env });
  if (result.ok) throw new Error('expected configuration problems');
  return result.problems;
}

describe('several apps: configuration', () => {
  it('reads apps from TOKENSWAP_APPS_FILE, a secret from another variable', () => {
    const result = parseConfig({
      TOKENSWAP_APPS_FILE: appsFile({ apps: [APP_A, APP_B] }),
      APP_B_SECRET: 'secret-b-value',
      TOKEN_STORE: 'memory:',
      TOKEN_STORE_ALLOW_MEMORY: 'true',
      TOKEN_ENCRYPTION_KEYS: KEYS,
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.apps).toStrictEqual([
      { ...APP_A, mode: 'sealed', pkceOnly: false },
      {
        clientId: 'app-b',
        clientSecret: 'secret-b-value',
        redirectUris: ['appb://callback'],
        mode: 'reference',
        pkceOnly: true,
      },
    ]);
    // The first app stands in for "the" app where one is shown (banner, logs).
    expect(config.client).toStrictEqual({ clientId: 'app-a', clientSecret: 'secret-a-value' });
    expect(config.redirectUri).toBe('appa://callback');
    // One app in reference mode opens the shared store.
    expect(config.tokenMode).toBe('reference');
    expect(config.reference?.storeKind).toBe('memory');
    expect(Object.isFrozen(config.apps[1])).toBe(true);
  });

  it('reads the same JSON inline from TOKENSWAP_APPS; apps without mode take TOKEN_MODE', () => {
    const result = parseConfig({
      TOKENSWAP_APPS: JSON.stringify({ apps: [APP_A] }),
      TOKEN_MODE: 'reference',
      TOKEN_STORE: 'memory:',
      TOKEN_STORE_ALLOW_MEMORY: 'true',
      TOKEN_ENCRYPTION_KEYS: KEYS,
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.apps.map((app) => app.mode)).toStrictEqual(['reference']);
  });

  it('the plain variables still make exactly one app, as before', () => {
    const result = parseConfig({
      SPOTIFY_CLIENT_ID: 'client-id',
      SPOTIFY_CLIENT_SECRET: 'super-secret-value',
      SPOTIFY_REDIRECT_URI: 'myapp://callback',
      TOKEN_ENCRYPTION_KEYS: KEYS,
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.apps).toStrictEqual([
      {
        clientId: 'client-id',
        clientSecret: 'super-secret-value',
        redirectUris: ['myapp://callback'],
        mode: 'sealed',
        pkceOnly: false,
      },
    ]);
  });

  it('names every bad field by its path', () => {
    const problems = problemsOf({
      TOKENSWAP_APPS_FILE: appsFile({
        apps: [
          { clientId: '', clientSecret: 's', redirectUris: [], mode: 'stateless' },
          {
            clientId: 'b',
            clientSecret: 's',
            clientSecretEnv: 'B',
            redirectUris: ['not a uri'],
            pkceOnly: 'yes',
            colour: 'red',
          },
        ],
      }),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'TOKENSWAP_APPS_FILE: apps[0].clientId: must be a non-empty string',
        'TOKENSWAP_APPS_FILE: apps[0].redirectUris: must name at least one redirect URI',
        'TOKENSWAP_APPS_FILE: apps[0].mode: must be sealed or reference',
        'TOKENSWAP_APPS_FILE: apps[1].redirectUris[0]: must be an absolute URI',
        'TOKENSWAP_APPS_FILE: apps[1].pkceOnly: must be true or false',
        'TOKENSWAP_APPS_FILE: apps[1].colour: is not a known field',
      ]),
    );
    // The plain variables are not asked for: the file replaces them.
    expect(problems.join('\n')).not.toContain('SPOTIFY_CLIENT_ID: is required');
  });

  it('refuses an app with both or neither secret forms, and a duplicate client id', () => {
    const both = problemsOf({
      TOKENSWAP_APPS: JSON.stringify({
        apps: [
          { ...APP_A, clientSecretEnv: 'X_SECRET' },
          { ...APP_A, clientSecret: undefined },
        ],
      }),
    });
    expect(both).toStrictEqual([
      'TOKENSWAP_APPS: apps[0]: must have exactly one of clientSecret and clientSecretEnv',
      'TOKENSWAP_APPS: apps[1]: must have exactly one of clientSecret and clientSecretEnv',
    ]);
    const twice = problemsOf({ TOKENSWAP_APPS: JSON.stringify({ apps: [APP_A, APP_A] }) });
    expect(twice).toStrictEqual(['TOKENSWAP_APPS: apps[1].clientId: app-a is listed twice']);
  });

  it('names a secret variable that is not set, without any secret in the message', () => {
    const problems = problemsOf({
      TOKENSWAP_APPS_FILE: appsFile({ apps: [APP_A, APP_B] }),
      TOKEN_STORE: 'memory:',
      TOKEN_STORE_ALLOW_MEMORY: 'true',
    });
    expect(problems).toStrictEqual([
      'TOKENSWAP_APPS_FILE: apps[1].clientSecretEnv: APP_B_SECRET is not set',
    ]);
    expect(problems.join('\n')).not.toContain('secret-a-value');
  });

  it('reports bad JSON, a missing file, a wrong shape and both sources at once', () => {
    expect(problemsOf({ TOKENSWAP_APPS_FILE: appsFile('{"apps": [') })[0]).toMatch(
      /^TOKENSWAP_APPS_FILE: is not valid JSON \(/,
    );
    expect(problemsOf({ TOKENSWAP_APPS_FILE: join(dir, 'missing.json') })).toStrictEqual([
      `TOKENSWAP_APPS_FILE: cannot read ${join(dir, 'missing.json')} (ENOENT)`,
    ]);
    expect(problemsOf({ TOKENSWAP_APPS: '"apps"' })).toStrictEqual([
      'TOKENSWAP_APPS: (root): must be an object with an "apps" list',
    ]);
    expect(problemsOf({ TOKENSWAP_APPS: '{}' })).toStrictEqual([
      'TOKENSWAP_APPS: apps: is required',
    ]);
    expect(problemsOf({ TOKENSWAP_APPS: '{"apps": []}' })).toStrictEqual([
      'TOKENSWAP_APPS: apps: must name at least one app',
    ]);
    expect(
      problemsOf({
        TOKENSWAP_APPS: JSON.stringify({ apps: [APP_A] }),
        TOKENSWAP_APPS_FILE: appsFile({ apps: [APP_A] }),
      }),
    ).toStrictEqual(['TOKENSWAP_APPS_FILE and TOKENSWAP_APPS: set only one']);
  });

  it('refuses the plain client variables next to an apps list, naming both', () => {
    const problems = problemsOf({
      TOKENSWAP_APPS: JSON.stringify({ apps: [APP_A] }),
      SPOTIFY_CLIENT_ID: 'client-id',
      SPOTIFY_REDIRECT_URI: 'myapp://callback',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^TOKENSWAP_APPS and SPOTIFY_CLIENT_ID: both configure the app/);
    expect(problems[1]).toMatch(/^TOKENSWAP_APPS and SPOTIFY_REDIRECT_URI: both configure/);
  });

  it('a reference app in production needs TOKEN_STORE', () => {
    const problems = problemsOf({
      TOKENSWAP_APPS: JSON.stringify({ apps: [{ ...APP_A, mode: 'reference' }] }),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TOKEN_STORE: is required with TOKEN_MODE=reference/);
  });

  it('an apps list is not development mode; start-up fails with every problem', async () => {
    expect(wantsDevelopmentMode({ TOKENSWAP_APPS_FILE: '/etc/apps.json' })).toBe(false);
    expect(wantsDevelopmentMode({ TOKENSWAP_APPS: '{}' })).toBe(false);
    const started = startSwapService({
      env: { TOKENSWAP_APPS: '{"apps": [{}]}', TOKEN_ENCRYPTION_KEYS: KEYS },
      port: 0,
      logger: false,
    });
    await expect(started).rejects.toBeInstanceOf(ConfigurationError);
    await expect(started).rejects.toMatchObject({
      problems: expect.arrayContaining([
        'TOKENSWAP_APPS: apps[0].clientId: is required',
        'TOKENSWAP_APPS: apps[0].redirectUris: is required',
      ]),
    });
  });
});
