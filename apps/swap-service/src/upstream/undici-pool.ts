import type { Pool } from 'undici';
// @ts-expect-error: the file has no declaration of its own; it is typed below as undici's Pool.
import poolClass from 'undici/lib/dispatcher/pool.js';

/**
 * undici's `Pool` class alone, from its own file instead of the package's main entry, which also
 * sets up fetch, WebSocket, EventSource, caches and mocks: most of undici's share of the
 * service's start-up (issue 18, cold start). undici has no `exports` map, so the file may be
 * imported; its place is pinned by the lockfile and every upstream test goes through it. The
 * class is the one `import { Pool } from 'undici'` gives (`test/token-client.test.ts`).
 */
export const UndiciPool = poolClass as typeof Pool;
