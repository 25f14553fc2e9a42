/**
 * The paths the service serves besides the configured `SWAP_PATH`/`REFRESH_PATH`: the config
 * checks that those two shadow none of them, and the routes and modes register them from here.
 */

/** Reference mode's `POST /revoke` (src/reference-plugin/revoke-route.ts). */
export const REVOKE_PATH = '/revoke';

/** bih's server's paths, served when compat routes are on. */
export const COMPAT_PATHS = Object.freeze({ swap: '/api/token', refresh: '/api/refresh_token' });

/** Paths the service itself uses; the token routes must not shadow them. */
export const RESERVED_PATHS: readonly string[] = [
  '/',
  '/healthz',
  '/readyz',
  '/metrics',
  REVOKE_PATH,
];
