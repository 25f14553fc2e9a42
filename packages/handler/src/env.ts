/**
 * `@tokenswap/handler/env` — the environment variables the fetch handler and the swap service
 * both read, defined once: valibot entries and building blocks, the redirect-URI aliases and the
 * accounts-URL check. The service extends these with its server-only variables.
 */

export { type AccountsUrlCheck, checkAccountsUrl } from './config/accounts-url.js';
export { type AppEntry, type AppsJsonResult, parseAppsJson } from './config/apps-json.js';
export {
  bool,
  commaList,
  oneAppVariablesAlongside,
  REDIRECT_URI_NAMES,
  required,
  resolveRedirectUri,
  routePath,
  SHARED_ENV_ENTRIES,
  wholeNumber,
  withoutBlanks,
} from './config/env-fields.js';
export { isLoopbackHost } from './config/loopback.js';
