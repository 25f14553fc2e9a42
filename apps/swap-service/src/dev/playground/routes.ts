/**
 * Every path the playground adds to the service (development mode only). One table, so the
 * server-rendered page hands the same paths to its script that the plugin registers.
 */
export const PLAYGROUND_ROUTES = Object.freeze({
  page: '/',
  script: '/playground.js',
  styles: '/playground.css',
  /** Forwards `GET` with the page's `Authorization` header to the mock's `/v1/me`. */
  me: '/__playground/me',
  /** Moves the mock's clock forward (`{ "advance": seconds }`). */
  clock: '/__playground/clock',
  /** Injects one fault on the mock's token endpoint (`{ "fault": name }`). */
  faults: '/__playground/faults',
});
