import { parseKeyringSpec, SPOTIFY_ACCOUNTS_URL } from '@tokenswap/core';
import { resolveRedirectUri, withoutBlanks } from '@tokenswap/handler/env';
import * as v from 'valibot';
import { checkAccountsUrl } from './config/accounts-url.js';
import type { ClientConfig } from './config/clients-config.js';
import { devHostProblems } from './config/dev-host.js';
import { LEGACY_DEPLOYMENT_MARKERS, unknownEnvNames } from './config/env-names.js';
import { envSchema, SCHEMA_KEYS } from './config/env-schema.js';
import { parseReferenceConfig } from './config/reference-config.js';
import type { ConfigResult, ParseConfigOptions, ServiceConfig } from './config/service-config.js';
import { parseSeveralClients } from './config/several-clients.js';
import { startUpWarnings } from './config/start-up-warnings.js';
import { createCipherParameters } from './legacy/index.js';
import { COMPAT_PATHS, RESERVED_PATHS } from './paths.js';

export type {
  ConfigResult,
  ParseConfigOptions,
  ServiceConfig,
  ServiceMode,
} from './config/service-config.js';
export { COMPAT_PATHS } from './paths.js';

/**
 * Validates the environment once, at start-up. Reads only `env` (and the file named by
 * `TOKENSWAP_CLIENTS_FILE`, see `parseClientsConfig`). Every missing or bad
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
  const several = parseSeveralClients(clean);
  problems.push(...several.problems);

  const input: Record<string, string | undefined> = {};
  for (const key of SCHEMA_KEYS) input[key] = clean[key];
  input.SPOTIFY_REDIRECT_URI = redirect.value;
  if (several.configured) {
    // The clients replace the plain variables (which must be unset); the schema checks the rest.
    const first = several.clients?.[0];
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
  const clients: ClientConfig[] = several.clients
    ? [...several.clients]
    : [
        {
          clientId: e.SPOTIFY_CLIENT_ID,
          clientSecret: e.SPOTIFY_CLIENT_SECRET,
          redirectUris: [e.SPOTIFY_REDIRECT_URI],
          mode: tokens.tokenMode,
          pkceOnly: false,
        },
      ];
  const settings: Settings = {
    mode: options.development === true ? 'development' : 'production',
    clients,
    keySpecs: keys.value,
    accountsUrl: accounts.url,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    host: e.HOST ?? defaultHost(options),
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
  };
  return { ok: true, config: deepFreeze(withDeprecatedCopies(settings)) };
}

/**
 * `HOST` and `PORT` alone, read by the schema as {@link parseConfig} reads them: development
 * mode takes its port before the rest of the configuration exists. Undefined when either is
 * malformed (`parseConfig` then reports it).
 *
 * @example
 * ```ts
 * parseListenAddress({ PORT: '8080' }, { development: true }); // { host: '127.0.0.1', port: 8080, portExplicit: true }
 * ```
 */
export function parseListenAddress(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseConfigOptions = {},
): { host: string; port: number; portExplicit: boolean } | undefined {
  const clean = withoutBlanks(env);
  const listen = v.object({ HOST: envSchema.entries.HOST, PORT: envSchema.entries.PORT });
  const parsed = v.safeParse(listen, { HOST: clean.HOST, PORT: clean.PORT });
  if (!parsed.success) return undefined;
  return {
    host: parsed.output.HOST ?? defaultHost(options),
    port: parsed.output.PORT,
    portExplicit: clean.PORT !== undefined,
  };
}

function defaultHost(options: ParseConfigOptions): string {
  return options.development === true ? '127.0.0.1' : '0.0.0.0';
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

/** The configuration without its deprecated names. */
type Settings = Omit<ServiceConfig, 'apps' | 'client' | 'redirectUri'>;

/**
 * Adds the deprecated `apps`, `client` and `redirectUri`, read from the clients and unlisted
 * (not enumerable): the settings list each value once, under `clients`.
 */
function withDeprecatedCopies(settings: Settings): ServiceConfig {
  const first = settings.clients[0] as ClientConfig;
  return Object.defineProperties(settings, {
    apps: { value: settings.clients, enumerable: false },
    client: {
      value: Object.freeze({ clientId: first.clientId, clientSecret: first.clientSecret }),
      enumerable: false,
    },
    redirectUri: { value: first.redirectUris[0], enumerable: false },
  }) as ServiceConfig;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
