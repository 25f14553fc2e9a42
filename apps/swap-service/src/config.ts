import {
  type ClientCredentials,
  type KeySpec,
  parseKeyringSpec,
  SPOTIFY_ACCOUNTS_URL,
} from '@tokenswap/core';
import {
  oneAppVariablesAlongside,
  resolveRedirectUri,
  withoutBlanks,
} from '@tokenswap/handler/env';
import * as v from 'valibot';
import { checkAccountsUrl } from './config/accounts-url.js';
import { type AppConfig, parseAppsConfig } from './config/apps-config.js';
import { devHostProblems } from './config/dev-host.js';
import { LEGACY_DEPLOYMENT_MARKERS, unknownEnvNames } from './config/env-names.js';
import { envSchema, type LogLevel, SCHEMA_KEYS } from './config/env-schema.js';
import { startUpWarnings } from './config/start-up-warnings.js';
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
  /**
   * Every app served, at least one: the apps of `TOKENSWAP_APPS_FILE`/`TOKENSWAP_APPS`, or the
   * one app of `SPOTIFY_CLIENT_ID`/`SPOTIFY_CLIENT_SECRET`/`SPOTIFY_REDIRECT_URI`/`TOKEN_MODE`.
   */
  readonly apps: readonly AppConfig[];
  /** The first app's credentials at the accounts service (the only app's, in the usual case). */
  readonly client: Readonly<ClientCredentials>;
  /** The first app's first redirect URI; sent with a code exchange that names none. */
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
  /** How long a stop keeps serving with /readyz at 503 before it stops listening. */
  readonly shutdownDrainMs: number;
  /** A connection's request head must arrive within this (Node's `headersTimeout`); else 408. */
  readonly headersTimeoutMs: number;
  /** Open connections accepted at once; 0 for no cap. */
  readonly maxConnections: number;
  /**
   * Secrets of the servers tokenswap replaces, to open the refresh tokens their apps hold, and
   * the bounds on the `createCipher` plaintext oracle (docs/migrating.md): at most
   * `failedOpensMax` failed legacy refreshes per client address per `failedOpensWindowMs`
   * (0: no limit), and no legacy token at all from `sunset` (ms since epoch) on.
   */
  readonly legacy: Readonly<{
    secrets: readonly string[];
    createCipherMethod: string;
    failedOpensMax: number;
    failedOpensWindowMs: number;
    sunset: number | null;
  }>;
  /**
   * Where `/metrics` is served: on its own listener (`port`, on `host`, loopback by default) and
   * then not on the public port; and/or only with `Authorization: Bearer <token>`.
   */
  readonly metrics: Readonly<{ port: number | null; host: string; token: string | null }>;
  /** Allowed but weakening settings, logged as warnings at start-up and shown in the banner. */
  readonly warnings: readonly string[];
  /**
   * `TOKEN_MODE`: refresh tokens sealed in the app (default) or kept in a store behind handles.
   * With several apps: `reference` when any app uses reference mode (the store is open).
   */
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
 * Validates the environment once, at start-up. Reads only `env` (and the file named by
 * `TOKENSWAP_APPS_FILE`, see `parseAppsConfig`). Every missing or bad
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
  const several = parseSeveralApps(clean);
  problems.push(...several.problems);

  const input: Record<string, string | undefined> = {};
  for (const key of SCHEMA_KEYS) input[key] = clean[key];
  input.SPOTIFY_REDIRECT_URI = redirect.value;
  if (several.configured) {
    // The apps replace the plain variables (which must be unset); the schema still checks the rest.
    const first = several.apps?.[0];
    input.SPOTIFY_CLIENT_ID = first?.clientId ?? '-';
    input.SPOTIFY_CLIENT_SECRET = first?.clientSecret ?? '-';
    input.SPOTIFY_REDIRECT_URI = first?.redirectUris[0] ?? 'https://apps.invalid/';
  }
  const parsed = v.safeParse(envSchema, input);
  if (!parsed.success) {
    for (const issue of parsed.issues) problems.push(`${v.getDotPath(issue)}: ${issue.message}`);
  }

  // Checked from the raw values, so their problems are reported with the schema's.
  const accounts = checkAccountsUrl(
    clean.SPOTIFY_ACCOUNTS_URL ?? SPOTIFY_ACCOUNTS_URL,
    ['true', '1', 'yes'].includes(clean.SPOTIFY_ACCOUNTS_ALLOW_HTTP ?? ''),
  );
  if (!accounts.ok) problems.push(`SPOTIFY_ACCOUNTS_URL: ${accounts.problem}`);
  if (options.development === true) problems.push(...devHostProblems(clean));

  const keys =
    clean.TOKEN_ENCRYPTION_KEYS === undefined
      ? undefined
      : parseKeyringSpec(clean.TOKEN_ENCRYPTION_KEYS);
  if (keys !== undefined && !keys.ok) {
    problems.push(`TOKEN_ENCRYPTION_KEYS: ${keys.error.description}`);
  }
  const tokens = parseReferenceConfig(several.referenceEnv ?? clean, {
    development: options.development === true,
  });
  problems.push(...tokens.problems);
  if (!parsed.success || keys === undefined || !keys.ok || !accounts.ok) {
    return { ok: false, problems };
  }

  const e = parsed.output;
  const compatRoutes =
    e.COMPAT_ROUTES ?? LEGACY_DEPLOYMENT_MARKERS.some((name) => clean[name] !== undefined);
  problems.push(...pathProblems(e.SWAP_PATH, e.REFRESH_PATH, compatRoutes));
  if (createCipherParameters(e.ENCRYPTION_METHOD) === undefined) {
    problems.push(
      // Named only when it reads like a cipher (`aes-256-gcm`): a secret pasted here must not print.
      `ENCRYPTION_METHOD: ${/^[a-z]+(-[a-z0-9]+)+$/.test(e.ENCRYPTION_METHOD) ? `${e.ENCRYPTION_METHOD} is` : 'this value is'} not a createCipher method whose tokens can be opened (e.g. aes-256-ctr)`,
    );
  }
  if (e.SHUTDOWN_DRAIN_MS >= e.SHUTDOWN_TIMEOUT_MS) {
    problems.push(
      `SHUTDOWN_DRAIN_MS: must be less than SHUTDOWN_TIMEOUT_MS (${e.SHUTDOWN_TIMEOUT_MS}), which includes the drain`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const legacySecrets = [
    ...new Set([
      ...(e.ENCRYPTION_SECRET === undefined ? [] : [e.ENCRYPTION_SECRET]),
      ...(e.LEGACY_ENCRYPTION_SECRETS ?? []),
    ]),
  ];
  const apps: AppConfig[] = several.apps
    ? [...several.apps]
    : [
        {
          clientId: e.SPOTIFY_CLIENT_ID,
          clientSecret: e.SPOTIFY_CLIENT_SECRET,
          redirectUris: [e.SPOTIFY_REDIRECT_URI],
          mode: tokens.tokenMode,
          pkceOnly: false,
        },
      ];
  const config: ServiceConfig = deepFreeze({
    mode: options.development === true ? 'development' : 'production',
    apps,
    client: { clientId: e.SPOTIFY_CLIENT_ID, clientSecret: e.SPOTIFY_CLIENT_SECRET },
    redirectUri: e.SPOTIFY_REDIRECT_URI,
    keySpecs: keys.value,
    accountsUrl: accounts.url,
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
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    legacy: {
      secrets: legacySecrets,
      createCipherMethod: e.ENCRYPTION_METHOD,
      failedOpensMax: e.LEGACY_FAILED_OPENS_MAX,
      failedOpensWindowMs: e.LEGACY_FAILED_OPENS_WINDOW_MS,
      sunset: e.LEGACY_SUNSET ?? null,
    },
    metrics: { port: e.METRICS_PORT ?? null, host: e.METRICS_HOST, token: e.METRICS_TOKEN ?? null },
    warnings: startUpWarnings({
      trustProxy: e.TRUST_PROXY,
      accountsUrlInsecure: accounts.insecure,
    }),
    tokenMode: tokens.tokenMode,
    reference: tokens.reference,
  });
  return { ok: true, config };
}

/** Several apps from `TOKENSWAP_APPS_FILE`/`TOKENSWAP_APPS`, checked against the plain variables. */
interface SeveralApps {
  /** One of the apps variables is set (even if what it holds is invalid). */
  configured: boolean;
  apps: readonly AppConfig[] | undefined;
  /** The environment reference mode is read from: `TOKEN_MODE` made `reference` if any app is. */
  referenceEnv: Record<string, string> | undefined;
  problems: string[];
}

function parseSeveralApps(env: Record<string, string>): SeveralApps {
  const defaultMode = env.TOKEN_MODE === 'reference' ? 'reference' : 'sealed';
  const parsed = parseAppsConfig(env, defaultMode);
  if (parsed.source === undefined) {
    return { configured: false, apps: undefined, referenceEnv: undefined, problems: [] };
  }
  const problems = [...parsed.problems, ...oneAppVariablesAlongside(env, parsed.source)];
  if (env.TOKEN_MODE !== undefined && env.TOKEN_MODE !== defaultMode) {
    problems.push('TOKEN_MODE: must be sealed or reference');
  }
  const anyReference = parsed.apps?.some((app) => app.mode === 'reference') ?? false;
  return {
    configured: true,
    apps: parsed.apps,
    // Unreadable apps: which modes they want is unknown, so the store is not judged yet.
    referenceEnv:
      parsed.apps === undefined
        ? { TOKEN_MODE: 'sealed' }
        : { ...env, TOKEN_MODE: anyReference ? 'reference' : 'sealed' },
    problems,
  };
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
