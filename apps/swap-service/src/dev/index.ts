/**
 * Development mode, one entry: the in-process mock accounts service and its environment, the
 * development port taken ahead of the config, and the playground (`GET /`, its script and the
 * dev-only proxy routes). Loaded by `start-swap-service.ts` and registered by `app.ts` only when
 * development mode runs; the routes and the flow never import it.
 */
export type { DevInfo } from './dev-info.js';
export {
  DEMO_SCOPES,
  type DevEnvironment,
  type DevEnvironmentOptions,
  startDevEnvironment,
  wantsDevelopmentMode,
} from './dev-mode.js';
export { type HeldPort, holdPort } from './hold-port.js';
export {
  PLAYGROUND_ROUTES,
  type PlaygroundOptions,
  playgroundPlugin,
  playgroundRedirectUri,
} from './playground/index.js';
