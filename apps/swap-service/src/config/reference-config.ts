import * as v from 'valibot';
import { parseStoreUrl, type StoreSpec } from '../reference/parse-store-url.js';
import type { StoreKind } from '../reference/store.js';
import { DEFAULT_LIFETIME_DAYS, DEFAULT_PURGE_MINUTES, referenceSchema } from './env-schema.js';

/** Where the app's refresh token lives: sealed in the app, or in a server-side store. */
export type TokenMode = 'sealed' | 'reference';

/** Reference mode's validated settings (plain, freezable data). */
export interface ReferenceModeConfig {
  /** `TOKEN_STORE` as given (parsed once, into {@link openStoreOf}'s opener). */
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

/** The variables of reference mode (the names of `referenceSchema`), `TOKEN_MODE` first. */
export const REFERENCE_ENV_NAMES = Object.keys(referenceSchema.entries) as readonly string[];

export { DEFAULT_LIFETIME_DAYS, DEFAULT_PURGE_MINUTES };

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
  const input: Record<string, string | undefined> = {};
  for (const name of REFERENCE_ENV_NAMES) {
    const raw = env[name]?.trim();
    input[name] = raw === '' ? undefined : raw;
  }
  const mode = v.safeParse(referenceSchema.entries.TOKEN_MODE, input.TOKEN_MODE);
  if (!mode.success) {
    return {
      tokenMode: 'sealed',
      reference: null,
      problems: mode.issues.map((issue) => `TOKEN_MODE: ${issue.message}`),
    };
  }
  if (mode.output === 'sealed') {
    // Refused unchecked: nobody should believe they are in effect when they are not.
    const problems = REFERENCE_ENV_NAMES.slice(1)
      .filter((name) => input[name] !== undefined)
      .map((name) => `${name}: only used with TOKEN_MODE=reference`);
    return { tokenMode: 'sealed', reference: null, problems };
  }

  const parsed = v.safeParse(referenceSchema, input);
  const problems = parsed.success
    ? []
    : parsed.issues.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`);
  const storeUrl = input.TOKEN_STORE ?? (options.development === true ? 'memory:' : undefined);
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
    input.TOKEN_STORE_ALLOW_MEMORY !== 'true'
  ) {
    problems.push(
      "TOKEN_STORE: 'memory:' loses every handle when the process stops (all users logged out at each deploy); use sqlite: or redis:, or set TOKEN_STORE_ALLOW_MEMORY=true to accept that",
    );
  }
  if (!parsed.success || !store.ok || problems.length > 0) {
    return { tokenMode: 'reference', reference: null, problems };
  }
  const reference: ReferenceModeConfig = {
    storeUrl,
    storeDescription: store.spec.description,
    storeKind: store.spec.kind,
    refreshTokenLifetimeDays: parsed.output.REFRESH_TOKEN_LIFETIME_DAYS,
    purgeIntervalMinutes: parsed.output.TOKEN_STORE_PURGE_MINUTES,
  };
  // TOKEN_STORE is parsed here, once: its opener rides along, unlisted, so the settings stay
  // plain data when printed or compared.
  Object.defineProperty(reference, OPEN_STORE, { value: store.spec.open, enumerable: false });
  return { tokenMode: 'reference', reference, problems };
}

const OPEN_STORE = Symbol('openStore');

/**
 * The opener of the store `parseReferenceConfig` parsed from `TOKEN_STORE` (connects to Redis,
 * opens the SQLite file, loading their driver only then).
 *
 * @example
 * ```ts
 * const store = await openStoreOf(config.reference)();
 * ```
 */
export function openStoreOf(config: ReferenceModeConfig): StoreSpec['open'] {
  const open = (config as unknown as Record<symbol, StoreSpec['open'] | undefined>)[OPEN_STORE];
  if (open === undefined)
    throw new TypeError('reference settings must come from parseReferenceConfig');
  return open;
}
