import { parseStoreUrl } from './parse-store-url.js';
import type { StoreKind } from './store.js';

/** Where the app's refresh token lives: sealed in the app, or in a server-side store. */
export type TokenMode = 'sealed' | 'reference';

/** Reference mode's validated settings (plain, freezable data). */
export interface ReferenceModeConfig {
  /** `TOKEN_STORE` as given; parsed again (cheaply, it was valid) when the store is opened. */
  readonly storeUrl: string;
  /** The store without credentials, for logs and the banner. */
  readonly storeDescription: string;
  readonly storeKind: StoreKind;
  /** `REFRESH_TOKEN_LIFETIME_DAYS`: Spotify's limit counted from authorization. */
  readonly refreshTokenLifetimeDays: number;
  /** `TOKEN_STORE_PURGE_MINUTES`: how often one replica purges expired handles. */
  readonly purgeIntervalMinutes: number;
}

/** Outcome of {@link parseReferenceConfig}: settings plus every problem found. */
export interface ParsedReferenceConfig {
  readonly tokenMode: TokenMode;
  /** `null` in sealed mode. */
  readonly reference: ReferenceModeConfig | null;
  /** `NAME: why` messages; empty when valid. */
  readonly problems: readonly string[];
}

/** The variables this module reads (for the service's list of known names). */
export const REFERENCE_ENV_NAMES = [
  'TOKEN_MODE',
  'TOKEN_STORE',
  'REFRESH_TOKEN_LIFETIME_DAYS',
  'TOKEN_STORE_PURGE_MINUTES',
  'TOKEN_STORE_ALLOW_MEMORY',
] as const;

/** Default of `TOKEN_STORE_PURGE_MINUTES`. */
export const DEFAULT_PURGE_MINUTES = 60;

/** Spotify's refresh-token lifetime since 2026 (6 months), in days. */
export const DEFAULT_LIFETIME_DAYS = 182;

/**
 * Reads `TOKEN_MODE` (`sealed` | `reference`, default sealed), `TOKEN_STORE` and
 * `REFRESH_TOKEN_LIFETIME_DAYS` (1–3650, default 182), `TOKEN_STORE_PURGE_MINUTES` (1–1440,
 * default 60) and `TOKEN_STORE_ALLOW_MEMORY` (`true` | `false`). Pure. In production reference
 * mode `TOKEN_STORE` is required, and `memory:` is refused unless `TOKEN_STORE_ALLOW_MEMORY=true`
 * (every handle dies with the process: users logged out at each deploy); in development it
 * defaults to `memory:`. The reference-only variables are refused in sealed mode, so nobody
 * believes they are in effect when they are not.
 *
 * @example
 * ```ts
 * const parsed = parseReferenceConfig({ TOKEN_MODE: 'reference', TOKEN_STORE: 'sqlite:/data/t.db' });
 * // { tokenMode: 'reference', reference: { storeKind: 'sqlite', … }, problems: [] }
 * ```
 */
export function parseReferenceConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: { development?: boolean } = {},
): ParsedReferenceConfig {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === '' ? undefined : raw;
  };
  const problems: string[] = [];
  const mode = value('TOKEN_MODE') ?? 'sealed';
  if (mode !== 'sealed' && mode !== 'reference') {
    return {
      tokenMode: 'sealed',
      reference: null,
      problems: ['TOKEN_MODE: must be sealed or reference'],
    };
  }
  if (mode === 'sealed') {
    for (const name of REFERENCE_ENV_NAMES.slice(1)) {
      if (value(name) !== undefined) problems.push(`${name}: only used with TOKEN_MODE=reference`);
    }
    return { tokenMode: 'sealed', reference: null, problems };
  }

  const lifetimeText = value('REFRESH_TOKEN_LIFETIME_DAYS') ?? String(DEFAULT_LIFETIME_DAYS);
  const lifetime = /^\d{1,4}$/.test(lifetimeText) ? Number(lifetimeText) : Number.NaN;
  if (!(lifetime >= 1 && lifetime <= 3650)) {
    problems.push('REFRESH_TOKEN_LIFETIME_DAYS: must be a whole number of days from 1 to 3650');
  }
  const purgeText = value('TOKEN_STORE_PURGE_MINUTES') ?? String(DEFAULT_PURGE_MINUTES);
  const purgeMinutes = /^\d{1,4}$/.test(purgeText) ? Number(purgeText) : Number.NaN;
  if (!(purgeMinutes >= 1 && purgeMinutes <= 1440)) {
    problems.push('TOKEN_STORE_PURGE_MINUTES: must be a whole number of minutes from 1 to 1440');
  }
  const allowMemory = value('TOKEN_STORE_ALLOW_MEMORY') ?? 'false';
  if (allowMemory !== 'true' && allowMemory !== 'false') {
    problems.push('TOKEN_STORE_ALLOW_MEMORY: must be true or false');
  }
  const storeUrl = value('TOKEN_STORE') ?? (options.development === true ? 'memory:' : undefined);
  if (storeUrl === undefined) {
    problems.push(
      "TOKEN_STORE: is required with TOKEN_MODE=reference: 'sqlite:/path/tokens.db', 'redis://host:6379' or 'memory:' (lost on restart)",
    );
    return { tokenMode: 'reference', reference: null, problems };
  }
  const store = parseStoreUrl(storeUrl);
  if (!store.ok) problems.push(`TOKEN_STORE: ${store.problem}`);
  if (
    store.ok &&
    store.spec.kind === 'memory' &&
    options.development !== true &&
    allowMemory !== 'true'
  ) {
    problems.push(
      "TOKEN_STORE: 'memory:' loses every handle when the process stops (all users logged out at each deploy); use sqlite: or redis:, or set TOKEN_STORE_ALLOW_MEMORY=true to accept that",
    );
  }
  if (!store.ok || problems.length > 0)
    return { tokenMode: 'reference', reference: null, problems };
  return {
    tokenMode: 'reference',
    reference: {
      storeUrl,
      storeDescription: store.spec.description,
      storeKind: store.spec.kind,
      refreshTokenLifetimeDays: lifetime,
      purgeIntervalMinutes: purgeMinutes,
    },
    problems,
  };
}
