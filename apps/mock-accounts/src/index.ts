export { buildMockApp, type MockApp } from './app.js';
export { createMockClock, type MockClock } from './clock.js';
export {
  DEMO_CLIENT,
  DEMO_USERS,
  type MockAccountsOptions,
  type MockClient,
  type MockConfig,
  type MockUser,
  type RotationMode,
  SIX_MONTHS_SECONDS,
} from './config.js';
export {
  MockAccountsError,
  TOKEN_ERRORS,
  type TokenError,
  type TokenErrorCode,
  WEB_API_ERRORS,
  type WebApiError,
} from './errors.js';
export type { Fault, FaultEndpoint, MockFaults } from './faults.js';
export {
  exchangeToken,
  GRANTS,
  type TokenOutcome,
  type TokenRequest,
} from './grants/exchange-token.js';
export type { JournalEntry, MockJournal } from './journal.js';
export { MockConfigError, resolveConfig } from './resolve-config.js';
export { SPOTIFY_SCOPES } from './scopes.js';
export { type MockAccounts, startMockAccounts } from './server.js';
export type { MintCodeParams, MockState, MockStats } from './state/mock-state.js';
