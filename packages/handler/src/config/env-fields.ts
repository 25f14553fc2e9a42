import { SPOTIFY_ACCOUNTS_URL } from '@tokenswap/core';
import * as v from 'valibot';

/**
 * The environment variables the fetch handler and the swap service both read, as valibot
 * entries: one definition, so both accept the same values and refuse the rest with the same
 * words. Messages read after the variable name: `UPSTREAM_TIMEOUT_MS: must be a whole number`.
 */

/** A variable that must be set. */
export const required = () => v.pipe(v.string('is required'), v.nonEmpty('is required'));

/** A whole number within bounds, `fallback` when unset. */
export const wholeNumber = (fallback: string, min: number, max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,9}$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(min, `must be at least ${min}`),
      v.maxValue(max, `must be at most ${max}`),
    ),
    fallback,
  );

/** A route path, `fallback` when unset. */
export const routePath = (fallback: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^\/[A-Za-z0-9._~\-/]*$/,
        'must be a path starting with / (letters, digits, . _ ~ - /)',
      ),
    ),
    fallback,
  );

/** `true`/`false` (or `1`/`0`, `yes`/`no`); unset when not given. */
export const bool = () =>
  v.optional(
    v.pipe(
      v.string(),
      v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
      v.transform((value) => value === 'true' || value === '1' || value === 'yes'),
    ),
  );

/** Comma-separated values, blanks dropped. */
export const commaList = () =>
  v.pipe(
    v.string(),
    v.transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
  );

/** Names of the redirect URI, new first (bih's server's and the RN example server's after). */
export const REDIRECT_URI_NAMES = [
  'SPOTIFY_REDIRECT_URI',
  'SPOTIFY_CLIENT_CALLBACK_URL',
  'SPOTIFY_CLIENT_CALLBACK',
] as const;

/** The variables both read, each checked alone; the keyring spec is parsed by core after. */
export const SHARED_ENV_ENTRIES = {
  SPOTIFY_CLIENT_ID: required(),
  SPOTIFY_CLIENT_SECRET: required(),
  SPOTIFY_REDIRECT_URI: v.pipe(
    v.string(
      'is required (or its legacy names SPOTIFY_CLIENT_CALLBACK_URL, SPOTIFY_CLIENT_CALLBACK)',
    ),
    v.check((value) => URL.canParse(value), 'must be an absolute URI'),
  ),
  TOKEN_ENCRYPTION_KEYS: v.string(
    'is required: comma-separated keyId:key pairs (make one with `pnpm --filter @tokenswap/swap-service keygen`)',
  ),
  // Checked with SPOTIFY_ACCOUNTS_ALLOW_HTTP by `checkAccountsUrl` (accounts-url.ts).
  SPOTIFY_ACCOUNTS_URL: v.optional(v.string(), SPOTIFY_ACCOUNTS_URL),
  SPOTIFY_ACCOUNTS_ALLOW_HTTP: bool(),
  UPSTREAM_TIMEOUT_MS: wholeNumber('10000', 1, 600_000),
  SWAP_PATH: routePath('/swap'),
  REFRESH_PATH: routePath('/refresh'),
  CORS_ORIGINS: v.optional(
    v.pipe(
      commaList(),
      v.check(
        (origins) => origins.every((origin) => origin === '*' || isOrigin(origin)),
        'must be * or comma-separated origins like https://app.example.com',
      ),
    ),
  ),
} as const;

/**
 * The redirect URI may come under its new name or either legacy name. Several names may be set
 * if they agree; if they disagree, which one wins would be a guess, so start-up fails.
 */
export function resolveRedirectUri(env: Readonly<Record<string, string | undefined>>): {
  value?: string;
  problem?: string;
} {
  const set = REDIRECT_URI_NAMES.filter((name) => env[name] !== undefined);
  const first = set[0];
  if (first === undefined) return {};
  const conflicting = set.filter((name) => env[name] !== env[first]);
  if (conflicting.length > 0) {
    return {
      value: env[first],
      problem: `${first} and ${conflicting.join(', ')}: both name the redirect URI but disagree; set only one`,
    };
  }
  return { value: env[first] };
}

/**
 * With several apps (`source`: `TOKENSWAP_APPS`, …) the one-app variables must be unset: both
 * ways at once would leave which app is meant to a guess, so each one set is a problem.
 */
export function oneAppVariablesAlongside(
  env: Readonly<Record<string, string | undefined>>,
  source: string,
): string[] {
  return ['SPOTIFY_CLIENT_ID', 'SPOTIFY_CLIENT_SECRET', ...REDIRECT_URI_NAMES]
    .filter((name) => env[name] !== undefined)
    .map(
      (name) =>
        `${source} and ${name}: both configure the app; with several apps set neither SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET nor a redirect URI variable`,
    );
}

/** Drops unset and blank values (`FOO=` in an env file means "not set"), trims the rest. */
export function withoutBlanks(env: Readonly<Record<string, unknown>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed !== '') clean[name] = trimmed;
  }
  return clean;
}

function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '');
}
