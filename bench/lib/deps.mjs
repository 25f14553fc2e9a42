/**
 * Third-party modules the bench borrows from the swap service's dependencies, so the bench
 * needs no package.json of its own (it is a script folder, not a workspace package).
 * If the root ever gets `autocannon` as a devDependency, resolve from there instead.
 */
import { createRequire } from 'node:module';

const fromSwapService = createRequire(
  new URL('../../apps/swap-service/package.json', import.meta.url),
);

/** autocannon 8 (devDependency of apps/swap-service and apps/mock-accounts). */
export const autocannon = fromSwapService('autocannon');

/** fastify 5 and undici 7, as the swap service itself uses them (for the pass-through proxy). */
export const fastify = fromSwapService('fastify');
export const undici = fromSwapService('undici');
