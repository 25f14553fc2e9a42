import { isIP } from 'node:net';
import { bool, commaList, SHARED_ENV_ENTRIES, wholeNumber } from '@tokenswap/handler/env';
import * as v from 'valibot';

/**
 * The valibot schema of the raw environment (after blank values are dropped). Each entry checks
 * one variable and turns it into its typed value; cross-variable rules (aliases, dev-mode,
 * reserved paths, the keyring) live in `parse-config.ts`. Messages read after the variable name:
 * `PORT: must be a whole number`.
 */

/** Log levels pino knows, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * `TRUST_PROXY`: `true`/`false`, a hop count, or comma-separated addresses/CIDRs of trusted
 * proxies — the forms Fastify's `trustProxy` accepts.
 */
const trustProxy = () =>
  v.optional(
    v.pipe(
      v.string(),
      v.transform((value): boolean | number | string[] => {
        if (value === 'true') return true;
        if (value === 'false') return false;
        if (/^\d{1,3}$/.test(value)) return Number(value);
        return value.split(',').map((item) => item.trim());
      }),
      v.check(
        (value) => typeof value !== 'object' || value.every(isAddressOrCidr),
        'must be true, false, a hop count, or comma-separated IP addresses/CIDRs',
      ),
    ),
    'false',
  );

/**
 * The schema. Secrets and URLs are required here; `parse-config.ts` decides which name of the
 * redirect URI supplies `SPOTIFY_REDIRECT_URI` before this runs.
 */
export const envSchema = v.object({
  // The variables the fetch handler reads too, defined once (@tokenswap/handler/env).
  ...SHARED_ENV_ENTRIES,
  HOST: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9.:\-[\]]+$/, 'must be a host name or IP address')),
  ),
  PORT: wholeNumber('3000', 0, 65_535),
  COMPAT_ROUTES: bool(),
  RATE_LIMIT_MAX: wholeNumber('300', 0, 1_000_000_000),
  RATE_LIMIT_WINDOW_MS: wholeNumber('60000', 1, 86_400_000),
  TRUST_PROXY: trustProxy(),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
  SHUTDOWN_TIMEOUT_MS: wholeNumber('15000', 1, 600_000),
  // Connections and stopping (src/plugins/connections.ts, start-swap-service.ts).
  SHUTDOWN_DRAIN_MS: wholeNumber('0', 0, 600_000),
  HEADERS_TIMEOUT_MS: wholeNumber('30000', 100, 300_000),
  MAX_CONNECTIONS: wholeNumber('0', 0, 1_000_000),
  ENCRYPTION_SECRET: v.optional(v.string()),
  LEGACY_ENCRYPTION_SECRETS: v.optional(commaList()),
  LEGACY_FAILED_OPENS_MAX: wholeNumber('10', 0, 1_000_000),
  LEGACY_FAILED_OPENS_WINDOW_MS: wholeNumber('3600000', 1000, 604_800_000),
  LEGACY_SUNSET: v.optional(
    v.pipe(
      v.string(),
      v.check(
        isSunsetDate,
        'must be a date like 2027-01-31 (UTC midnight) or 2027-01-31T12:00:00Z',
      ),
      v.transform((value) => Date.parse(value)),
    ),
  ),
  METRICS_PORT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'must be a whole number (0: any free port)'),
      v.transform(Number),
      v.maxValue(65_535, 'must be at most 65535'),
    ),
  ),
  METRICS_HOST: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9.:\-[\]]+$/, 'must be a host name or IP address')),
    '127.0.0.1',
  ),
  METRICS_TOKEN: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^[\x21-\x7e]{32,}$/,
        'must be at least 32 visible ASCII characters (e.g. openssl rand -hex 32)',
      ),
    ),
  ),
  ENCRYPTION_METHOD: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,40}$/, 'must be a cipher name like aes-256-ctr')),
    'aes-256-ctr',
  ),
});

/** The typed output of {@link envSchema}. */
export type ParsedEnv = v.InferOutput<typeof envSchema>;

/** The keys the schema reads; every one is passed (possibly `undefined`) so messages name it. */
export const SCHEMA_KEYS = Object.keys(envSchema.entries) as (keyof typeof envSchema.entries)[];

const SUNSET_FORMAT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An ISO date (or date-time) that exists: `Date.parse` would roll 2027-02-31 over to March. */
function isSunsetDate(value: string): boolean {
  if (!SUNSET_FORMAT.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8` — what Fastify's `trustProxy` (proxy-addr) takes. */
function isAddressOrCidr(item: string): boolean {
  const [address = '', bits, extra] = item.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
