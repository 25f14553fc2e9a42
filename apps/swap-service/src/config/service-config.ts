import type { ClientCredentials, KeySpec } from '@tokenswap/core';
import type { ClientConfig } from './clients-config.js';
import type { LogLevel } from './env-schema.js';
import type { ReferenceModeConfig, TokenMode } from './reference-config.js';

/** Where the service runs: against the real accounts service, or the in-process mock. */
export type ServiceMode = 'production' | 'development';

/** The validated, frozen configuration. Built once at start-up by {@link parseConfig}. */
export interface ServiceConfig {
  readonly mode: ServiceMode;
  /**
   * Every client served, at least one: those of `TOKENSWAP_CLIENTS_FILE`/`TOKENSWAP_CLIENTS`
   * (deprecated names `TOKENSWAP_APPS_FILE`/`TOKENSWAP_APPS`), or the
   * one app of `SPOTIFY_CLIENT_ID`/`SPOTIFY_CLIENT_SECRET`/`SPOTIFY_REDIRECT_URI`/`TOKEN_MODE`.
   */
  readonly clients: readonly ClientConfig[];
  /** @deprecated Read `clients` (the same array, under the name before). */
  readonly apps: readonly ClientConfig[];
  /**
   * @deprecated Read `clients[0]`. The first client's credentials, derived (not stored) for embedders
   * that read it before several clients existed; nothing in the service uses it.
   */
  readonly client: Readonly<ClientCredentials>;
  /** @deprecated Read `clients[0].redirectUris[0]`; derived, like {@link ServiceConfig.client}. */
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
   * With several clients: `reference` when any client uses reference mode (the store is open).
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
