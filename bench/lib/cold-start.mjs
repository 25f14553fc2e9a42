/**
 * Cold start: from spawn() to the first accepted answer on the ready URL, polled every 5 ms on
 * fresh connections. Each sample is a new process. The pass-through proxy (Fastify + undici,
 * none of our code) is measured the same way, as the floor for this stack on this machine.
 */
import { spawnNode } from './child-process.mjs';
import { freePort, waitUntilReady } from './http.mjs';
import { SWAP_SERVICE_SCRIPT, swapServiceEnv } from './servers.mjs';

const PROXY_SCRIPT = new URL('../proxy.mjs', import.meta.url).pathname;

/**
 * @param {{ runs: number, launch: (port: number, i: number) => ReturnType<typeof spawnNode>, readyPath: string, accept?: (status: number) => boolean }} options
 * @returns {Promise<{ runs: number, medianMs: number, samplesMs: number[] }>}
 */
async function coldStarts({ runs, launch, readyPath, accept }) {
  const samplesMs = [];
  for (let i = 0; i < runs; i += 1) {
    const port = await freePort();
    const proc = launch(port, i);
    try {
      const readyAt = await waitUntilReady(`http://127.0.0.1:${port}${readyPath}`, {
        accept,
        intervalMs: 5,
        isAlive: proc.isAlive,
      });
      samplesMs.push(Math.round((readyAt - proc.startedAt) * 10) / 10);
    } catch (error) {
      throw new Error(
        `cold start ${i + 1} of ${proc.name} failed: ${error.message}\n${proc.tail()}`,
      );
    } finally {
      await proc.stop();
    }
  }
  return { runs, medianMs: median(samplesMs), samplesMs };
}

/** The swap service (same config as the load runs) until GET /readyz answers 200. */
export function swapServiceColdStart({ accountsUrl, keys, logLevel, runs, nodeArgs = [] }) {
  return coldStarts({
    runs,
    readyPath: '/readyz',
    launch: (port, i) =>
      spawnNode({
        name: `swap-service-cold-${i}`,
        script: SWAP_SERVICE_SCRIPT,
        nodeArgs,
        env: swapServiceEnv({ accountsUrl, port, logLevel, keys }),
      }),
  });
}

/** The pass-through proxy until it answers anything (it listens: it has no route of its own). */
export function proxyColdStart({ upstreamUrl, runs }) {
  return coldStarts({
    runs,
    readyPath: '/__proxy/ready',
    accept: () => true,
    launch: (port, i) =>
      spawnNode({
        name: `proxy-cold-${i}`,
        script: PROXY_SCRIPT,
        args: ['--upstream', upstreamUrl, '--port', String(port), '--host', '127.0.0.1'],
      }),
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
