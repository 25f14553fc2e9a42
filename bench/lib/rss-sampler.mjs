/**
 * Samples a child's memory from /proc/<pid>/status every `intervalMs` (Linux only):
 * VmRSS (resident now) and VmHWM (the kernel's resident high-water mark since the process
 * started, so nothing between two samples is missed).
 */
import { readFileSync } from 'node:fs';

function readStatusKb(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // process gone, or no /proc (not Linux)
  }
}

/**
 * Starts sampling; `stop()` returns peaks in MB (undefined where /proc is unavailable).
 * @param {number} pid
 * @param {number} [intervalMs]
 */
export function sampleRss(pid, intervalMs = 100) {
  let maxRssKb = 0;
  let samples = 0;
  const sample = () => {
    const rss = readStatusKb(pid, 'VmRSS');
    if (rss === undefined) return;
    samples += 1;
    if (rss > maxRssKb) maxRssKb = rss;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const hwmKb = readStatusKb(pid, 'VmHWM');
      const mb = (kb) =>
        kb === undefined || kb === 0 ? undefined : Math.round((kb / 1024) * 10) / 10;
      return {
        samples,
        intervalMs,
        maxSampledRssMb: mb(maxRssKb),
        peakRssMb: mb(hwmKb),
      };
    },
  };
}
