import type { Keyring } from '@tokenswap/core';
import type { ServiceConfig } from './config.js';
import type { LegacyOpener } from './legacy/index.js';
import type { ServiceMetrics } from './metrics.js';
import type { ReferenceTokens } from './reference/reference-tokens.js';
import type { TokenClient } from './upstream/token-client.js';

/** Everything the routes use, built once by `buildApp`. Routes never read `process.env`. */
export interface AppContext {
  readonly config: ServiceConfig;
  readonly keyring: Keyring;
  readonly tokenClient: TokenClient;
  readonly metrics: ServiceMetrics;
  /** Present when legacy secrets are configured. */
  readonly legacy: LegacyOpener | undefined;
  /** Clock, ms since epoch. */
  readonly now: () => number;
  /** Reference mode (`TOKEN_MODE=reference`): handles instead of sealed tokens. */
  readonly reference: ReferenceTokens | undefined;
}
