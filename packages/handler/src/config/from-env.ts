import {
  type FlowClient,
  importKeyring,
  parseKeyringSpec,
  SPOTIFY_ACCOUNTS_URL,
} from '@tokenswap/core';
import * as v from 'valibot';
import type { TokenSwapHandlerOptions } from '../options.js';
import { checkAccountsUrl } from './accounts-url.js';
import { type AppEntry, parseAppsJson } from './apps-json.js';
import {
  oneAppVariablesAlongside,
  resolveRedirectUri,
  SHARED_ENV_ENTRIES,
  withoutBlanks,
} from './env-fields.js';
import { serviceOnlyProblems } from './service-only.js';

/** Invalid configuration: every problem found, each `NAME: why`; never a secret's value. */
export class TokenSwapConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'TokenSwapConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

const envSchema = v.object(SHARED_ENV_ENTRIES);

/**
 * Handler options from environment variables, with the swap service's names and messages:
 * `SPOTIFY_CLIENT_ID`, `SPOTIFY_CLIENT_SECRET`, `SPOTIFY_REDIRECT_URI` (or its legacy names) —
 * or several apps as JSON in `TOKENSWAP_APPS` — `TOKEN_ENCRYPTION_KEYS`, `SPOTIFY_ACCOUNTS_URL`
 * (https, or http to a loopback host or with `SPOTIFY_ACCOUNTS_ALLOW_HTTP=true`),
 * `UPSTREAM_TIMEOUT_MS`, `SWAP_PATH`, `REFRESH_PATH`, `CORS_ORIGINS`. Other variables are
 * ignored, except the service's that name a feature the handler lacks (reference mode, legacy
 * secrets, an apps file), which are refused. Rejects with a {@link TokenSwapConfigError} listing
 * every problem.
 *
 * @example
 * ```ts
 * const handler = createTokenSwapHandler(fromEnv(process.env)); // Node, Bun
 * const handler = createTokenSwapHandler(fromEnv(Deno.env.toObject())); // Deno
 * ```
 */
export async function fromEnv(
  env: Readonly<Record<string, unknown>>,
): Promise<TokenSwapHandlerOptions> {
  const clean = withoutBlanks(env);
  const problems: string[] = [];
  const several = clean.TOKENSWAP_APPS === undefined ? undefined : severalApps(clean, problems);
  problems.push(...serviceOnlyProblems(clean, several ?? []));
  const redirect = resolveRedirectUri(clean);
  if (redirect.problem !== undefined) problems.push(redirect.problem);
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.entries)) input[key] = clean[key];
  input.SPOTIFY_REDIRECT_URI = redirect.value;
  if (clean.TOKENSWAP_APPS !== undefined) {
    // The apps replace the one-app variables (which must be unset); the schema checks the rest.
    input.SPOTIFY_CLIENT_ID = '-';
    input.SPOTIFY_CLIENT_SECRET = '-';
    input.SPOTIFY_REDIRECT_URI = 'https://apps.invalid/';
  }
  const parsed = v.safeParse(envSchema, input);
  if (!parsed.success) {
    for (const issue of parsed.issues) problems.push(`${v.getDotPath(issue)}: ${issue.message}`);
  }
  const keys =
    clean.TOKEN_ENCRYPTION_KEYS === undefined
      ? undefined
      : parseKeyringSpec(clean.TOKEN_ENCRYPTION_KEYS);
  if (keys !== undefined && !keys.ok) {
    problems.push(`TOKEN_ENCRYPTION_KEYS: ${keys.error.description}`);
  }
  const accounts = checkAccountsUrl(
    clean.SPOTIFY_ACCOUNTS_URL ?? SPOTIFY_ACCOUNTS_URL,
    ['true', '1', 'yes'].includes(clean.SPOTIFY_ACCOUNTS_ALLOW_HTTP ?? ''),
  );
  if (!accounts.ok) problems.push(`SPOTIFY_ACCOUNTS_URL: ${accounts.problem}`);
  if (problems.length > 0 || !parsed.success || keys === undefined || !keys.ok || !accounts.ok) {
    throw new TokenSwapConfigError(problems);
  }
  const keyring = await importKeyring(keys.value);
  if (!keyring.ok) {
    throw new TokenSwapConfigError([`TOKEN_ENCRYPTION_KEYS: ${keyring.error.description}`]);
  }
  const e = parsed.output;
  const clients: FlowClient[] = (several ?? []).map((app) => ({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUris: app.redirectUris,
    pkceOnly: app.pkceOnly,
  }));
  if (several === undefined) {
    clients.push({
      clientId: e.SPOTIFY_CLIENT_ID,
      clientSecret: e.SPOTIFY_CLIENT_SECRET,
      redirectUris: [e.SPOTIFY_REDIRECT_URI],
    });
  }
  return {
    clients,
    keyring: keyring.value,
    accountsUrl: accounts.url,
    paths: { swap: e.SWAP_PATH, refresh: e.REFRESH_PATH },
    corsOrigins: e.CORS_ORIGINS ?? [],
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
  };
}

/** The apps of `TOKENSWAP_APPS` (the service's JSON reader), their problems added to `problems`. */
function severalApps(env: Record<string, string>, problems: string[]): readonly AppEntry[] {
  const parsed = parseAppsJson(env.TOKENSWAP_APPS as string, 'TOKENSWAP_APPS', env);
  problems.push(...parsed.problems, ...oneAppVariablesAlongside(env, 'TOKENSWAP_APPS'));
  return parsed.apps ?? [];
}
