import { formatKeyringSpec, generateKeySpec } from '@tokenswap/core';
import type { MockAccounts } from '@tokenswap/mock-accounts';
import { CLIENTS_ENV_NAMES } from '../config/clients-config.js';
import { loadOptional } from '../load-optional.js';
import type { DevInfo } from './dev-info.js';
import { playgroundRedirectUri } from './playground/redirect-uri.js';

/** Variables that only make sense with real credentials; development mode supplies its own. */
const PRODUCTION_ONLY = [
  'SPOTIFY_ACCOUNTS_URL',
  'SPOTIFY_REDIRECT_URI',
  'SPOTIFY_CLIENT_CALLBACK_URL',
  'SPOTIFY_CLIENT_CALLBACK',
] as const;

/** Scopes the demo code asks for, so `/v1/me` on the mock answers the full profile. */
export const DEMO_SCOPES = ['user-read-email', 'user-read-private'] as const;

/**
 * Development mode is chosen when neither Spotify credential nor a clients list
 * (`TOKENSWAP_CLIENTS_FILE`/`TOKENSWAP_CLIENTS`, or their deprecated names) is set and `NODE_ENV` is not
 * `production` (a production deployment that lost its credentials must fail, not quietly serve
 * a mock).
 *
 * @example
 * ```ts
 * wantsDevelopmentMode({}); // true
 * wantsDevelopmentMode({ SPOTIFY_CLIENT_ID: 'id' }); // false: production, and it will say what is missing
 * ```
 */
export function wantsDevelopmentMode(env: Readonly<Record<string, string | undefined>>): boolean {
  const blank = (name: string) => (env[name] ?? '').trim() === '';
  return (
    blank('SPOTIFY_CLIENT_ID') &&
    blank('SPOTIFY_CLIENT_SECRET') &&
    CLIENTS_ENV_NAMES.every(blank) &&
    env.NODE_ENV !== 'production'
  );
}

/** The in-process mock and the environment that points the service at it. */
export interface DevEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly mock: MockAccounts;
  readonly info: DevInfo;
}

/** Options of {@link startDevEnvironment}. */
export interface DevEnvironmentOptions {
  /**
   * The origin the service will listen on (its port already held, see `startSwapService`). The
   * playground at its `/` then becomes the demo client's first redirect URI and the service's
   * `SPOTIFY_REDIRECT_URI`, so a login started on the playground comes back to it. Without it
   * the demo client keeps only its own redirect URIs.
   */
  serviceUrl?: string;
}

/**
 * Starts the mock accounts service on a free 127.0.0.1 port and derives the service's
 * environment from `env`: the demo client's credentials and first redirect URI, the mock's
 * URL, and an ephemeral sealing key unless `TOKEN_ENCRYPTION_KEYS` is set (tokens then do not
 * survive a restart — neither does the mock's state). Returns the problems instead when `env`
 * sets variables that only apply with real credentials.
 *
 * @example
 * ```ts
 * const dev = await startDevEnvironment({});
 * if (dev.ok) parseConfig(dev.value.env, { development: true }); // then dev.value.mock.close()
 * ```
 */
export async function startDevEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  options: DevEnvironmentOptions = {},
): Promise<{ ok: true; value: DevEnvironment } | { ok: false; problems: string[] }> {
  const problems = PRODUCTION_ONLY.filter((name) => (env[name] ?? '').trim() !== '').map(
    (name) =>
      `${name}: set without SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET; development mode runs its own mock accounts service — unset it, or set the credentials`,
  );
  if (problems.length > 0) return { ok: false, problems };
  // Loaded here, not at the top: production never starts the mock, and importing it on every
  // start cost ~20 ms of cold start (bench/README.md, "Cold start").
  // An optional peer dependency: a production install need not have it.
  const { DEMO_CLIENT, startMockAccounts } = await loadOptional(
    '@tokenswap/mock-accounts',
    () => import('@tokenswap/mock-accounts'),
  );
  const playgroundUrl =
    options.serviceUrl === undefined ? undefined : playgroundRedirectUri(options.serviceUrl);
  const client =
    playgroundUrl === undefined
      ? DEMO_CLIENT
      : { ...DEMO_CLIENT, redirectUris: [playgroundUrl, ...DEMO_CLIENT.redirectUris] };
  const mock = await startMockAccounts({ host: '127.0.0.1', port: 0, clients: [client] });
  const redirectUri = client.redirectUris[0] as string;
  const devEnv = {
    ...env,
    SPOTIFY_CLIENT_ID: DEMO_CLIENT.id,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT.secret,
    SPOTIFY_REDIRECT_URI: redirectUri,
    SPOTIFY_ACCOUNTS_URL: mock.url,
    TOKEN_ENCRYPTION_KEYS:
      (env.TOKEN_ENCRYPTION_KEYS ?? '').trim() !== ''
        ? env.TOKEN_ENCRYPTION_KEYS
        : formatKeyringSpec([generateKeySpec({ id: 'dev' })]),
  };
  const authorize = new URL('/authorize', mock.url);
  authorize.search = new URLSearchParams({
    client_id: DEMO_CLIENT.id,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: DEMO_SCOPES.join(' '),
    state: 'tokenswap-dev',
  }).toString();
  return {
    ok: true,
    value: {
      env: devEnv,
      mock,
      info: {
        mockUrl: mock.url,
        authorizeUrl: authorize.toString(),
        clientId: DEMO_CLIENT.id,
        redirectUri,
        ...(playgroundUrl === undefined ? {} : { playgroundUrl }),
      },
    },
  };
}
