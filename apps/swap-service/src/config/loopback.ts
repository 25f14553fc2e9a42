/** Moved to `@tokenswap/handler/env`, shared with the fetch handler. */
export { isLoopbackHost } from '@tokenswap/handler/env';
