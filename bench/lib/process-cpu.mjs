/**
 * CPU time a process has used (user + system), from /proc/<pid>/stat (Linux only). CPU per
 * request is much steadier than requests/s on a shared machine: other work slows a server
 * down, but does not make each of its requests cost more CPU (cache effects aside).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100; // Linux's usual USER_HZ
    }
  }
  return ticksPerSecond;
}

/**
 * CPU milliseconds used so far by `pid` ('self': this process, the load generator), or
 * undefined if unknown (gone, or not Linux).
 */
export function cpuMs(pid) {
  if (pid === undefined) return undefined;
  if (pid === 'self') {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/**
 * Measures the CPU `pids` use while `work` runs.
 * @template T
 * @param {Record<string, number | 'self' | undefined>} pids  name -> pid
 * @param {() => Promise<T>} work
 * @returns {Promise<{ result: T, cpuMs: Record<string, number | undefined> }>}
 */
export async function withCpu(pids, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const result = await work();
  const used = {};
  for (const [name, pid] of Object.entries(pids)) {
    const after = cpuMs(pid);
    used[name] =
      after === undefined || before[name] === undefined ? undefined : after - before[name];
  }
  return { result, cpuMs: used };
}
