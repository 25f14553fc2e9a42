// sonic-boom is CommonJS: Node's ESM sees only its default export (module.exports), which
// carries the class as `SonicBoom`.
import sonicBoom from 'sonic-boom';

type SonicBoom = InstanceType<typeof sonicBoom.SonicBoom>;

import type { ServiceMode } from './config/service-config.js';

/** Bytes gathered before one write to stdout (pino's `minLength`). */
export const LOG_BUFFER_BYTES = 4096;
/** The longest a line waits in the buffer on a quiet service before it is written anyway. */
export const LOG_FLUSH_INTERVAL_MS = 250;

type Destination = SonicBoom;

/** The stdout destination of each mode, one per process; a write failed on those in `broken`. */
const destinations = new Map<ServiceMode, Destination>();
const broken = new Set<Destination>();

/**
 * How long an exit waits for the buffer to be written. A stdout that takes no more bytes must not
 * hold a stop: sonic-boom's synchronous flush retries a failed write forever (EPIPE included), and
 * pino's own exit hook calls it, which kept a service whose log reader had gone (stdout closed)
 * from ever exiting on SIGTERM (`test/log-flush.test.ts`).
 */
export const LOG_FLUSH_DEADLINE_MS = 500;

/**
 * The service's stdout, as pino's asynchronous destination, one per process and mode, shared by
 * every app built in it so {@link flushLogs} can reach it from the exit paths of `server.ts`.
 * Production gathers `LOG_BUFFER_BYTES` (about 15 request lines) per `write` syscall instead of
 * one per line, and writes at least every `LOG_FLUSH_INTERVAL_MS`; development writes each line
 * at once (a person is reading it).
 *
 * Nothing is lost on the way out while stdout takes bytes: the stop and failure paths wait for
 * {@link flushLogs} before `process.exit`, and the 'exit' hook below writes what is left
 * synchronously (an uncaught error ends the process through 'exit' too) — unless a write has
 * already failed, when a synchronous flush would never return. A `SonicBoom` made here rather
 * than with `pino.destination()` (which makes the same object) for that reason: pino's own exit
 * hook has no such guard.
 */
export function stdoutDestination(mode: ServiceMode): Destination {
  let destination = destinations.get(mode);
  if (destination === undefined) {
    const created = new sonicBoom.SonicBoom({
      fd: 1,
      sync: false,
      // Development: 1, not 0, so a line is still written at once, while `flush` waits for the
      // write in flight (with 0 sonic-boom's flush returns at once, leaving it to `flushSync`).
      ...(mode === 'production'
        ? { minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS }
        : { minLength: 1 }),
    });
    created.on('error', () => broken.add(created));
    if (destinations.size === 0) process.once('exit', flushLogsSync);
    destinations.set(mode, created);
    destination = created;
  }
  return destination;
}

/**
 * Writes what the stdout destinations hold and resolves once it is written, a write failed, or
 * `LOG_FLUSH_DEADLINE_MS` passed; at once when there is none (tests with their own streams).
 */
export async function flushLogs(): Promise<void> {
  await Promise.all([...destinations.values()].map(flushOne));
}

function flushOne(destination: Destination): Promise<void> {
  if (broken.has(destination)) return Promise.resolve();
  return new Promise((resolve) => {
    const deadline = setTimeout(resolve, LOG_FLUSH_DEADLINE_MS);
    const done = () => {
      clearTimeout(deadline);
      resolve();
    };
    try {
      destination.flush(done);
    } catch {
      done();
    }
  });
}

/** The 'exit' hook: what is left, written synchronously, unless a write already failed. */
function flushLogsSync(): void {
  for (const destination of destinations.values()) {
    if (broken.has(destination)) continue;
    try {
      destination.flushSync();
    } catch {
      // Destroyed or not open: nothing can be written any more.
    }
  }
}
