// Preloaded into the spawned swap service (`node --import <this file> dist/server.js`) by the
// soak test: measures the service process's own event-loop delay without adding anything to
// the service. Each SIGUSR2 writes the histogram since the previous one to the file named by
// HARDENING_LOOP_DELAY_FILE (with a sequence number and the heap in use) and starts a new window.
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.HARDENING_LOOP_DELAY_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let seq = 0;
  // The histogram records the whole timer interval (an idle process reads about 10 ms at a
  // 10 ms resolution), so the delay is what exceeds the resolution.
  const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  process.on('SIGUSR2', () => {
    // With --expose-gc (the soak), a full collection first: the heap and RSS read next are what
    // the process keeps, not garbage a major GC has not reached yet.
    if (typeof globalThis.gc === 'function') globalThis.gc();
    seq += 1;
    const snapshot = {
      seq,
      count: histogram.count,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      meanMs: ms(histogram.mean),
      heapUsedKiB: Math.round(process.memoryUsage().heapUsed / 1024),
    };
    // Written aside and renamed, so the reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
    renameSync(`${file}.tmp`, file);
    histogram.reset();
  });
}
