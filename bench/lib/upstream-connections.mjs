/**
 * Counts the TCP connections a server process opens to the upstream (the mock) during a run,
 * from /proc (Linux only): the process's socket inodes (/proc/<pid>/fd) matched against
 * /proc/<pid>/net/tcp entries whose remote port is the upstream's. A keep-alive pool shows a
 * handful of connections for thousands of requests; one connection per request means no reuse.
 * Also checks that a pid is the one listening on a port (`listensOn`).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function socketInodes(pid) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed between readdir and readlink
    }
  }
  return inodes;
}

/** `local port -> true` for the process's established IPv4 connections to `upstreamPort`. */
function connectionsTo(pid, upstreamPort) {
  const inodes = socketInodes(pid);
  const ports = [];
  const lines = readFileSync(`/proc/${pid}/net/tcp`, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    const [, local, remote, state, , , , , , inode] = f;
    if (state !== '01' || !inodes.has(inode)) continue; // 01 = ESTABLISHED
    if (Number.parseInt(remote.split(':')[1], 16) !== upstreamPort) continue;
    ports.push(Number.parseInt(local.split(':')[1], 16));
  }
  return ports;
}

/**
 * Whether `pid` itself holds the listening socket on `port` (IPv4), or undefined where /proc is
 * unavailable. The bench samples CPU and RSS from that pid: a launcher that started the server
 * in another process would be measured instead of the server.
 * @param {number} pid
 * @param {number} port
 */
export function listensOn(pid, port) {
  try {
    const inodes = socketInodes(pid);
    const lines = readFileSync(`/proc/${pid}/net/tcp`, 'utf8').trim().split('\n').slice(1);
    return lines.some((line) => {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      // 0A = LISTEN
      return (
        state === '0A' && inodes.has(inode) && Number.parseInt(local.split(':')[1], 16) === port
      );
    });
  } catch {
    return undefined;
  }
}

/**
 * Samples every `intervalMs` until `stop()`, which returns how many distinct connections
 * (local ports) were seen, or undefined where /proc is unavailable.
 * @param {number} pid
 * @param {number} upstreamPort
 */
export function watchUpstreamConnections(pid, upstreamPort, intervalMs = 100) {
  const seen = new Set();
  let available = true;
  const sample = () => {
    try {
      for (const port of connectionsTo(pid, upstreamPort)) seen.add(port);
    } catch {
      available = false;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return available ? seen.size : undefined;
    },
  };
}
