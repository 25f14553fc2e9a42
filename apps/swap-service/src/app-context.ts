import type { Keyring, TokenRefreshResponse, TokenSet } from '@tokenswap/core';
import type { ClientConfig } from './config/clients-config.js';
import type { ServiceConfig } from './config.js';
import type { LegacyOpener } from './legacy/index.js';
import type { ServiceMetrics } from './metrics.js';
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
  readonly handles: StoredTokenKind | undefined;
}

/**
 * A refresh token kept server-side behind a token of its own (reference mode's handles). The
 * mode supplies it (src/reference-plugin/) and the routes call it, so they never import the
 * mode.
 */
export interface StoredTokenKind {
  /** True when `posted` is one of this kind's tokens (the sealed and legacy paths skip it). */
  owns(posted: string): boolean;
  /** Keeps Spotify's refresh token for `client`; resolves to the app's `refresh_token`. */
  keep(
    ctx: AppContext,
    refreshToken: string,
    client: ClientConfig,
    tokens: TokenSet,
  ): Promise<string>;
  /** Refreshes a token this kind owns, for `client`. */
  refresh(ctx: AppContext, posted: string, client: ClientConfig): Promise<TokenRefreshResponse>;
}
