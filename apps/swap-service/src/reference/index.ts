/**
 * Reference mode: Spotify's refresh token kept server-side (sealed) behind a stable handle.
 * See docs/reference-mode.md.
 */
export { HANDLE_PREFIX, handleKey, isHandle, newHandle } from './handle.js';
export { createMemoryStore } from './memory-store.js';
export type {
  OpenReferenceModeOptions,
  ReferenceMode,
  ReferenceModeSettings,
} from './open-reference-mode.js';
export { openReferenceMode } from './open-reference-mode.js';
export type { ParsedStoreUrl, StoreSpec } from './parse-store-url.js';
export { parseStoreUrl } from './parse-store-url.js';
export type { RedisStore, RedisStoreOptions } from './redis-store.js';
export { openRedisStore } from './redis-store.js';
export { refreshInProgressError, refreshTokenExpiredError } from './reference-errors.js';
export type {
  CreateReferenceInput,
  ReferenceTokensOptions,
  UpstreamRefresh,
} from './reference-tokens.js';
export { DEFAULT_REFRESH_TOKEN_LIFETIME_MS, ReferenceTokens } from './reference-tokens.js';
export type { OpenedSqlite, SqliteDatabase, SqliteDriverName } from './sqlite-driver.js';
export { openSqlite, probeSqliteDriver } from './sqlite-driver.js';
export type { SqliteStore, SqliteStoreOptions } from './sqlite-store.js';
export { openSqliteStore } from './sqlite-store.js';
export type {
  ReferenceStore,
  StoredEntry,
  StoreFactoryOptions,
  StoreKind,
  TokenUpdate,
} from './store.js';
export {
  isStoreUnavailable,
  StoreUnavailableError,
  tokenStoreUnavailable,
} from './store-unavailable.js';
