// The light helpers, importable from any package's tests. Helpers that load a heavy or a
// workspace dependency have their own entry (see package.json `exports`): `/keys` (core),
// `/redis` (ioredis), `/swap-service-process`, `/raw-http`, `/log-views`, `/source-files`.
export {
  type ChildOutput,
  type FinishedRun,
  runToExit,
  type SpawnOptions,
  spawnWithOutput,
} from './child-process.js';
export { CHROMIUM_PATH, chromiumSkipReason, launchChromium } from './chromium.js';
export { type Closable, closeAfterEach } from './close-after-each.js';
export { freePort } from './free-port.js';
export {
  type HttpAnswer,
  jsonOrUndefined,
  post,
  postJson,
  probeUntilStatusChanges,
  type SendInit,
  send,
} from './http.js';
export { pkcePair } from './pkce.js';
export { screenshotPath } from './screenshot-path.js';
export { type EnvClient, swapServiceEnv } from './service-env.js';
export { type TestClock, testClock } from './test-clock.js';
export { sleep, waitUntil } from './wait-until.js';
