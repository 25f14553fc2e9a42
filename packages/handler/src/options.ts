import type { FlowClient, Keyring, TokenSwapError, UpstreamSend } from '@tokenswap/core';
import { readCapped } from './read-body.js';

/** Options of `createTokenSwapHandler`; `fromEnv(env)` builds them from environment variables. */
export interface TokenSwapHandlerOptions {
  /** The apps served, at least one (several: requests name theirs with `client_id`). */
  readonly clients: readonly FlowClient[];
  /** Sealing keys (`importKeyring`): the first seals, all open. Same spec as the service's. */
  readonly keyring: Keyring;
  /** Origin of the accounts service; default `https://accounts.spotify.com`. */
  readonly accountsUrl?: string;
  /** Paths served; default `/swap` and `/refresh`. A trailing slash is tolerated. */
  readonly paths?: Readonly<{ swap?: string; refresh?: string }>;
  /** Origins allowed by CORS (`['*']` for any); default none: no CORS headers at all. */
  readonly corsOrigins?: readonly string[];
  /** Total budget of one upstream call, in ms (`AbortSignal.timeout`); default 10 000. */
  readonly upstreamTimeoutMs?: number;
  /** Largest request body, in bytes; default 16 KiB (the service's limit). */
  readonly bodyLimitBytes?: number;
  /** Sends upstream requests; default the global `fetch`. */
  readonly fetch?: UpstreamSend;
  /** Clock, ms since epoch; default `Date.now`. */
  readonly now?: () => number;
  /**
   * Told about every answer of status ≥ 500 (upstream trouble, bugs, bad configuration) with its
   * internal `cause`; default `console.error` of the description and the cause's name and message.
   * Causes are network or programming errors, never request values.
   */
  readonly onServerError?: (error: TokenSwapError) => void;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  readonly clients: readonly FlowClient[];
  readonly keyring: Keyring;
  readonly accountsUrl: string;
  readonly swapPath: string;
  readonly refreshPath: string;
  readonly corsOrigins: readonly string[];
  readonly upstreamTimeoutMs: number;
  readonly bodyLimitBytes: number;
  readonly fetch: UpstreamSend;
  readonly now: () => number;
  readonly onServerError: (error: TokenSwapError) => void;
}

/** The service's defaults, so a handler and the service answer alike. */
export const DEFAULTS = Object.freeze({
  accountsUrl: 'https://accounts.spotify.com',
  swapPath: '/swap',
  refreshPath: '/refresh',
  upstreamTimeoutMs: 10_000,
  bodyLimitBytes: 16 * 1024,
});

/** Fills in the defaults. Throws a `TypeError` for options no handler can serve with. */
export function resolveOptions(options: TokenSwapHandlerOptions): ResolvedOptions {
  if (options.clients.length === 0) throw new TypeError('clients: at least one app is required');
  return {
    clients: options.clients,
    keyring: options.keyring,
    accountsUrl: (options.accountsUrl ?? DEFAULTS.accountsUrl).replace(/\/+$/, ''),
    swapPath: options.paths?.swap ?? DEFAULTS.swapPath,
    refreshPath: options.paths?.refresh ?? DEFAULTS.refreshPath,
    corsOrigins: options.corsOrigins ?? [],
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? DEFAULTS.upstreamTimeoutMs,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes,
    fetch: options.fetch ?? cappedFetch,
    now: options.now ?? Date.now,
    onServerError: options.onServerError ?? logServerError,
  };
}

/** Largest answer read from the accounts service (as the service's token client). */
const MAX_UPSTREAM_BODY_BYTES = 64 * 1024;

/**
 * The global `fetch` (looked up per call, so a runtime's is called with the right `this`), its
 * answer read up to 64 KiB: a longer one reads as empty, fails to parse and is answered 502.
 */
const cappedFetch: UpstreamSend = async (url, init) => {
  const response = await globalThis.fetch(url, init);
  return {
    status: response.status,
    headers: response.headers,
    text: async () => (await readCapped(response.body, MAX_UPSTREAM_BODY_BYTES)) ?? '',
  };
};

function logServerError(error: TokenSwapError): void {
  const cause = error.cause as { name?: unknown; message?: unknown } | undefined;
  const detail =
    cause === undefined ? '' : ` (${String(cause.name)}: ${String(cause.message ?? '')})`;
  console.error(`tokenswap: ${error.status} ${error.code}: ${error.description}${detail}`);
}
