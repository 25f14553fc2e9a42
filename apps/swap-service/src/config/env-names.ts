/**
 * Every environment variable the service reads, and the prefixes it claims. A variable with one
 * of these prefixes that is not in the list is a typo or a leftover: start-up fails naming it,
 * because a misspelt `SPOTIFY_ACCOUNTS_URL` silently falling back to the real accounts service
 * (or a misspelt key list to nothing) is worse than not starting.
 */
export const KNOWN_ENV_NAMES: ReadonlySet<string> = new Set([
  'SPOTIFY_CLIENT_ID',
  'SPOTIFY_CLIENT_SECRET',
  'SPOTIFY_REDIRECT_URI',
  'SPOTIFY_ACCOUNTS_URL',
  'SPOTIFY_ACCOUNTS_ALLOW_HTTP',
  // Legacy names of the redirect URI (bih's server; the React Native example server).
  'SPOTIFY_CLIENT_CALLBACK_URL',
  'SPOTIFY_CLIENT_CALLBACK',
  'TOKEN_ENCRYPTION_KEYS',
  'UPSTREAM_TIMEOUT_MS',
  'HOST',
  'PORT',
  'SWAP_PATH',
  'REFRESH_PATH',
  'COMPAT_ROUTES',
  'CORS_ORIGINS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_MS',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'SHUTDOWN_TIMEOUT_MS',
  'SHUTDOWN_DRAIN_MS',
  'HEADERS_TIMEOUT_MS',
  'MAX_CONNECTIONS',
  // Legacy refresh-token secrets (Spotify's Ruby sample, bih's server, the RN example server).
  'ENCRYPTION_SECRET',
  'LEGACY_ENCRYPTION_SECRETS',
  'ENCRYPTION_METHOD',
  // The legacy plaintext-oracle bounds (src/legacy/legacy-guard.ts, docs/migrating.md).
  'LEGACY_FAILED_OPENS_MAX',
  'LEGACY_FAILED_OPENS_WINDOW_MS',
  'LEGACY_SUNSET',
  // A separate metrics listener and/or a bearer token for /metrics.
  'METRICS_PORT',
  'METRICS_HOST',
  'METRICS_TOKEN',
  // Reference mode (src/reference/reference-config.ts).
  'TOKEN_MODE',
  'TOKEN_STORE',
  'REFRESH_TOKEN_LIFETIME_DAYS',
  'TOKEN_STORE_PURGE_MINUTES',
  'TOKEN_STORE_ALLOW_MEMORY',
  // Several apps (src/config/apps-config.ts).
  'TOKENSWAP_APPS_FILE',
  'TOKENSWAP_APPS',
]);

/** Prefixes whose unknown members are reported (see {@link KNOWN_ENV_NAMES}). */
export const CLAIMED_ENV_PREFIXES: readonly string[] = [
  'SPOTIFY_',
  'TOKEN_',
  'TOKENSWAP_',
  'UPSTREAM_',
  'RATE_LIMIT_',
  'ENCRYPTION_',
  'LEGACY_',
  'METRICS_',
];

/** Names of the redirect URI, new first (shared with the fetch handler). */
export { REDIRECT_URI_NAMES } from '@tokenswap/handler/env';

/** Variables set by a deployment of one of the servers tokenswap replaces; they turn compat routes on. */
export const LEGACY_DEPLOYMENT_MARKERS = [
  'SPOTIFY_CLIENT_CALLBACK_URL',
  'ENCRYPTION_SECRET',
] as const;

/** Names of variables with a prefix we claim that we do not know, sorted. */
export function unknownEnvNames(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.keys(env)
    .filter((name) => env[name] !== undefined)
    .filter((name) => CLAIMED_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .filter((name) => !KNOWN_ENV_NAMES.has(name))
    .sort();
}
