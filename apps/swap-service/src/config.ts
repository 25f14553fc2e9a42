import { type ClientCredentials, type KeySpec, parseKeyringSpec } from '@tokenswap/core';
import * as v from 'valibot';
import {
  LEGACY_DEPLOYMENT_MARKERS,
  REDIRECT_URI_NAMES,
  unknownEnvNames,
} from './config/env-names.js';
import { envSchema, type LogLevel, SCHEMA_KEYS } from './config/env-schema.js';
import { createCipherParameters } from './legacy/index.js';
import {
  parseReferenceConfig,
  type ReferenceModeConfig,
  type TokenMode,
} from './reference/reference-config.js';
import { REVOKE_PATH } from './reference/revoke-route.js';

/** Where the service runs: against the real accounts service, or the in-process mock. */
export type ServiceMode = 'production' | 'development';

/** The validated, frozen configuration. Built once at start-up by {@link parseConfig}. */
export interface ServiceConfig {
  readonly mode: ServiceMode;
  /** This server's credentials at the accounts service. */
  readonly client: Readonly<ClientCredentials>;
  /** The redirect URI registered for the app; sent with every code exchange. */
  readonly redirectUri: string;
  /** Sealing keys from `TOKEN_ENCRYPTION_KEYS`; the first seals, all open. */
  readonly keySpecs: readonly KeySpec[];
  /** Origin of the accounts service, without a trailing slash. */
  readonly accountsUrl: string;
  /** Total time budget of one upstream call, in ms. */
  readonly upstreamTimeoutMs: number;
  readonly host: string;
  readonly port: number;
  /** True when `PORT` was set; in development an unset port moves on to the next free one. */
  readonly portExplicit: boolean;
  readonly paths: Readonly<{ swap: string; refresh: string }>;
  /** Serve `POST /api/token` and `POST /api/refresh_token` too (bih's server's paths). */
  readonly compatRoutes: boolean;
  /** Allowed CORS origins; empty means CORS is off. `['*']` allows any origin. */
  readonly corsOrigins: readonly string[];
  /** Per-client-IP limit on the token routes, or `null` when `RATE_LIMIT_MAX=0`. */
  readonly rateLimit: Readonly<{ max: number; windowMs: number }> | null;
  /** Fastify's `trustProxy`. */
  readonly trustProxy: boolean | number | readonly string[];
  readonly logLevel: LogLevel;
  /** How long a SIGTERM waits for in-flight requests before exiting anyway. */
  readonly shutdownTimeoutMs: number;
  /** Secrets of the servers tokenswap replaces, to open the refresh tokens their apps hold. */
  readonly legacy: Readonly<{ secrets: readonly string[]; createCipherMethod: string }>;
  /** `TOKEN_MODE`: refresh tokens sealed in the app (default) or kept in a store behind handles. */
  readonly tokenMode: TokenMode;
  /** Reference mode's store and lifetime; `null` in sealed mode. See docs/reference-mode.md. */
  readonly reference: ReferenceModeConfig | null;
}

/** Outcome of {@link parseConfig}: the config, or every problem found (never just the first). */
export type ConfigResult =
  | { ok: true; config: ServiceConfig }
  | { ok: false; problems: readonly string[] };

/** Options of {@link parseConfig}. */
export interface ParseConfigOptions {
  /** Development mode (in-process mock): `HOST` defaults to 127.0.0.1 instead of 0.0.0.0. */
  development?: boolean;
}

/** Paths the service itself uses; the token routes must not shadow them. */
const RESERVED_PATHS = ['/', '/healthz', '/readyz', '/metrics', REVOKE_PATH];
/** bih's server's paths, served when compat routes are on. */
export const COMPAT_PATHS = Object.freeze({ swap: '/api/token', refresh: '/api/refresh_token' });

/**
 * Validates the environment once, at start-up. Pure: reads only `env`. Every missing or bad
 * value is reported at once as `NAME: why`; values of secrets never appear in a message.
 *
 * @example
 * ```ts
 * const result = parseConfig(process.env);
 * if (!result.ok) {
 *   console.error(`Invalid configuration:\n  ${result.problems.join('\n  ')}`);
 *   process.exit(1);
 * }
 * ```
 */
export function parseConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseConfigOptions = {},
): ConfigResult {
  const clean = withoutBlanks(env);
  const problems: string[] = unknownEnvNames(clean).map(
    (name) => `${name}: unknown variable (not read by tokenswap; check the spelling)`,
  );
  const redirect = resolveRedirectUri(clean);
  if (redirect.problem !== undefined) problems.push(redirect.problem);

  const input: Record<string, string | undefined> = {};
  for (const key of SCHEMA_KEYS) input[key] = clean[key];
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
  const tokens = parseReferenceConfig(clean, { development: options.development === true });
  problems.push(...tokens.problems);
  if (!parsed.success || keys === undefined || !keys.ok) return { ok: false, problems };

  const e = parsed.output;
  const compatRoutes =
    e.COMPAT_ROUTES ?? LEGACY_DEPLOYMENT_MARKERS.some((name) => clean[name] !== undefined);
  problems.push(...pathProblems(e.SWAP_PATH, e.REFRESH_PATH, compatRoutes));
  if (createCipherParameters(e.ENCRYPTION_METHOD) === undefined) {
    problems.push(
      `ENCRYPTION_METHOD: ${e.ENCRYPTION_METHOD} is not a createCipher method whose tokens can be opened (e.g. aes-256-ctr)`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const legacySecrets = [
    ...new Set([
      ...(e.ENCRYPTION_SECRET === undefined ? [] : [e.ENCRYPTION_SECRET]),
      ...(e.LEGACY_ENCRYPTION_SECRETS ?? []),
    ]),
  ];
  const config: ServiceConfig = deepFreeze({
    mode: options.development === true ? 'development' : 'production',
    client: { clientId: e.SPOTIFY_CLIENT_ID, clientSecret: e.SPOTIFY_CLIENT_SECRET },
    redirectUri: e.SPOTIFY_REDIRECT_URI,
    keySpecs: keys.value,
    accountsUrl: e.SPOTIFY_ACCOUNTS_URL.replace(/\/+$/, ''),
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    host: e.HOST ?? (options.development === true ? '127.0.0.1' : '0.0.0.0'),
    port: e.PORT,
    portExplicit: clean.PORT !== undefined,
    paths: { swap: e.SWAP_PATH, refresh: e.REFRESH_PATH },
    compatRoutes,
    corsOrigins: e.CORS_ORIGINS ?? [],
    rateLimit:
      e.RATE_LIMIT_MAX === 0 ? null : { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    legacy: { secrets: legacySecrets, createCipherMethod: e.ENCRYPTION_METHOD },
    tokenMode: tokens.tokenMode,
    reference: tokens.reference,
  });
  return { ok: true, config };
}

/** Drops unset and blank values (`FOO=` in an env file means "not set"), trims the rest. */
function withoutBlanks(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed !== '') clean[name] = trimmed;
  }
  return clean;
}

/**
 * The redirect URI may come under its new name or either legacy name. Several names may be set
 * if they agree; if they disagree, which one wins would be a guess, so start-up fails.
 */
function resolveRedirectUri(env: Record<string, string>): { value?: string; problem?: string } {
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

function pathProblems(swap: string, refresh: string, compat: boolean): string[] {
  const problems: string[] = [];
  if (swap === refresh) problems.push(`SWAP_PATH and REFRESH_PATH: must differ (both are ${swap})`);
  const taken = [...RESERVED_PATHS, ...(compat ? Object.values(COMPAT_PATHS) : [])];
  for (const [name, path] of [
    ['SWAP_PATH', swap],
    ['REFRESH_PATH', refresh],
  ] as const) {
    if (taken.includes(path)) problems.push(`${name}: ${path} is already used by the service`);
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
