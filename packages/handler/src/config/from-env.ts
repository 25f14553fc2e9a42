import {
  type FlowClient,
  importKeyring,
  parseKeyringSpec,
  SPOTIFY_ACCOUNTS_URL,
} from '@tokenswap/core';
import * as v from 'valibot';
import type { TokenSwapHandlerOptions } from '../options.js';
import { checkAccountsUrl } from './accounts-url.js';
import { resolveRedirectUri, SHARED_ENV_ENTRIES, withoutBlanks } from './env-fields.js';

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
 * Variables of the swap service that name features the handler does not have: set, they would
 * be silently ignored, so `fromEnv` refuses them and says where the feature lives.
 */
const SERVICE_ONLY: Readonly<Record<string, string>> = {
  TOKEN_STORE:
    'reference mode (a store) is a feature of the swap service (@tokenswap/swap-service); the fetch handler seals refresh tokens',
  ENCRYPTION_SECRET:
    'legacy-token migration (3DES and MD5 key derivation are not in WebCrypto) is a feature of the swap service (@tokenswap/swap-service)',
  LEGACY_ENCRYPTION_SECRETS:
    'legacy-token migration (3DES and MD5 key derivation are not in WebCrypto) is a feature of the swap service (@tokenswap/swap-service)',
  TOKENSWAP_APPS: 'not read by fromEnv; pass several apps as `clients` to createTokenSwapHandler',
  TOKENSWAP_APPS_FILE:
    'not read by fromEnv; pass several apps as `clients` to createTokenSwapHandler',
};

/**
 * Handler options from environment variables, with the swap service's names and messages:
 * `SPOTIFY_CLIENT_ID`, `SPOTIFY_CLIENT_SECRET`, `SPOTIFY_REDIRECT_URI` (or its legacy names),
 * `TOKEN_ENCRYPTION_KEYS`, `SPOTIFY_ACCOUNTS_URL` (https, or http to a loopback host or with
 * `SPOTIFY_ACCOUNTS_ALLOW_HTTP=true`), `UPSTREAM_TIMEOUT_MS`, `SWAP_PATH`,
 * `REFRESH_PATH`, `CORS_ORIGINS`. Other variables are ignored, except the service's that name a
 * feature the handler lacks (reference mode, legacy secrets), which are refused. Rejects with a
 * {@link TokenSwapConfigError} listing every problem.
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
  for (const [name, why] of Object.entries(SERVICE_ONLY)) {
    if (clean[name] !== undefined) problems.push(`${name}: ${why}`);
  }
  if (clean.TOKEN_MODE !== undefined && clean.TOKEN_MODE !== 'sealed') {
    problems.push(`TOKEN_MODE: ${SERVICE_ONLY.TOKEN_STORE}`);
  }
  const redirect = resolveRedirectUri(clean);
  if (redirect.problem !== undefined) problems.push(redirect.problem);
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.entries)) input[key] = clean[key];
  input.SPOTIFY_REDIRECT_URI = redirect.value;
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
  const client: FlowClient = {
    clientId: e.SPOTIFY_CLIENT_ID,
    clientSecret: e.SPOTIFY_CLIENT_SECRET,
    redirectUris: [e.SPOTIFY_REDIRECT_URI],
  };
  return {
    clients: [client],
    keyring: keyring.value,
    accountsUrl: accounts.url,
    paths: { swap: e.SWAP_PATH, refresh: e.REFRESH_PATH },
    corsOrigins: e.CORS_ORIGINS ?? [],
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
  };
}
