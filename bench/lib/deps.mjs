/**
 * Third-party modules the bench borrows from the swap service's dependencies, so the bench
 * needs no package.json of its own (it is a script folder, not a workspace package).
 * If the root ever gets `autocannon` as a devDependency, resolve from there instead.
 * One function per module, so a process loads only what it uses (the proxy must not pay for
 * autocannon in its start-up time and memory).
 */
import { createRequire } from 'node:module';

const fromSwapService = createRequire(
  new URL('../../apps/swap-service/package.json', import.meta.url),
);

/** autocannon 8 (devDependency of apps/swap-service and apps/mock-accounts). */
export const loadAutocannon = () => fromSwapService('autocannon');

/** fastify 5, as the swap service uses it. */
export const loadFastify = () => fromSwapService('fastify');

/** undici 7, as the swap service uses it. */
export const loadUndici = () => fromSwapService('undici');
