import pino from 'pino';

/** Bytes gathered before one write to stdout (pino's `minLength`). */
export const LOG_BUFFER_BYTES = 4096;
/** The longest a line waits in the buffer on a quiet service before it is written anyway. */
export const LOG_FLUSH_INTERVAL_MS = 250;

type Destination = ReturnType<typeof pino.destination>;

let buffered: Destination | undefined;

/**
 * Production's stdout: pino's asynchronous destination, which writes once `LOG_BUFFER_BYTES`
 * have gathered (about 15 request lines) instead of one `write` syscall per line, and at least
 * every `LOG_FLUSH_INTERVAL_MS`. One per process, shared by every app built in it, so
 * {@link flushLogs} can reach it from anywhere (the exit paths of `server.ts`).
 *
 * Nothing is lost on the way out: `flushLogs` writes the buffer synchronously, the service's
 * stop and failure paths call it before `process.exit`, and the 'exit' hook below covers the
 * rest (an uncaught error ends the process through 'exit' too).
 */
export function bufferedStdout(): Destination {
  if (buffered === undefined) {
    buffered = pino.destination({
      dest: 1,
      sync: false,
      minLength: LOG_BUFFER_BYTES,
      periodicFlush: LOG_FLUSH_INTERVAL_MS,
    });
    process.once('exit', flushLogs);
  }
  return buffered;
}

/** Writes what the buffered destination holds, synchronously; a no-op when there is none. */
export function flushLogs(): void {
  try {
    buffered?.flushSync();
  } catch {
    // Destroyed (stdout closed: EPIPE) or not open: nothing can be written any more.
  }
}
