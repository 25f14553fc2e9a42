export type {
  OAuthErrorBody,
  Result,
  TokenSwapErrorCode,
  TokenSwapErrorOptions,
} from './errors.js';
export {
  DEFAULT_STATUS,
  ERROR_CODES,
  fail,
  isTokenSwapError,
  ok,
  TokenSwapError,
} from './errors.js';
