import { ENV_NAMES } from './env-schema.js';

/**
 * Every environment variable the service reads, and the prefixes it claims. A variable with one
 * of these prefixes that is not in the list is a typo or a leftover: start-up fails naming it,
 * because a misspelt `SPOTIFY_ACCOUNTS_URL` silently falling back to the real accounts service
 * (or a misspelt key list to nothing) is worse than not starting.
 */
export const KNOWN_ENV_NAMES: ReadonlySet<string> = new Set(ENV_NAMES);

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
