/** Moved to `@tokenswap/handler/env`, shared with the fetch handler. */
export { type AccountsUrlCheck, checkAccountsUrl } from '@tokenswap/handler/env';
