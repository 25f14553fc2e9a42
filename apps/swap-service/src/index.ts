/**
 * @tokenswap/swap-service — the Spotify token swap/refresh service on Fastify. `server.ts` is
 * the runnable entry; this module is the API for embedding, tests and benches.
 */
export { type BuildAppOptions, buildApp, type SwapServiceState } from './app.js';
export { KNOWN_ENV_NAMES } from './config/env-names.js';
export { LOG_LEVELS, type LogLevel } from './config/env-schema.js';
export {
  COMPAT_PATHS,
  type ConfigResult,
  type ParseConfigOptions,
  parseConfig,
  type ServiceConfig,
  type ServiceMode,
} from './config.js';
export { type DevInfo, startDevEnvironment, wantsDevelopmentMode } from './dev/index.js';
export { BODY_LIMIT_BYTES, toTokenSwapError } from './errors.js';
export { type LoggerOption, type LogStream, REDACT_PATHS } from './logging.js';
export { createMetrics, type ServiceMetrics } from './metrics.js';
export {
  ConfigurationError,
  type StartSwapServiceOptions,
  type SwapService,
  startSwapService,
} from './start-swap-service.js';
export {
  createTokenClient,
  type TokenClient,
  type TokenClientOptions,
  type UpstreamResponse,
} from './upstream/token-client.js';
