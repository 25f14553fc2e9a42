/**
 * Samples a child's memory from /proc/<pid>/status every `intervalMs` (Linux only):
 * VmRSS (resident now) and, at the end, VmHWM (the kernel's resident high-water mark since the
 * process started, so nothing between two samples is missed). RssFile is the part backed by
 * files (mostly the node binary itself, shared with every other node process); RssAnon is the
 * process's own memory (V8 heap, buffers, native allocations).
 */
import { readFileSync } from 'node:fs';

function readStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) : undefined;
    };
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') };
  } catch {
    return undefined; // process gone, or no /proc (not Linux)
  }
}

const mb = (kb) => (kb === undefined ? undefined : Math.round((kb / 1024) * 10) / 10);

/**
 * Starts sampling; `stop()` returns the idle (first sample) and peak figures in MB, all
 * undefined where /proc is unavailable. `startSlice()` / `endSlice()` bracket one measured
 * slice: `endSlice()` returns the highest VmRSS sampled in it (MB), the same sampling for every
 * row, so a per-round ratio of two rows compares like with like.
 * @param {number} pid
 * @param {number} [intervalMs]
 */
export function sampleRss(pid, intervalMs = 100) {
  const idle = readStatus(pid);
  let max = idle;
  let samples = idle ? 1 : 0;
  let sliceMaxKb;
  const sample = () => {
    const now = readStatus(pid);
    if (now?.rss === undefined) return;
    samples += 1;
    if (max?.rss === undefined || now.rss > max.rss) max = now;
    if (sliceMaxKb !== undefined) sliceMaxKb = Math.max(sliceMaxKb, now.rss);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    startSlice() {
      sliceMaxKb = 0;
      sample();
    },
    endSlice() {
      sample();
      const peak = sliceMaxKb || undefined;
      sliceMaxKb = undefined;
      return mb(peak);
    },
    stop() {
      clearInterval(timer);
      sample();
      const end = readStatus(pid);
      return {
        samples,
        intervalMs,
        idleRssMb: mb(idle?.rss),
        idleRssAnonMb: mb(idle?.anon),
        idleRssFileMb: mb(idle?.file),
        maxSampledRssMb: mb(max?.rss),
        maxSampledRssAnonMb: mb(max?.anon),
        maxSampledRssFileMb: mb(max?.file),
        peakRssMb: mb(end?.hwm),
        endRssMb: mb(end?.rss),
      };
    },
  };
}
