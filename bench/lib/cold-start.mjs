/**
 * Swap service cold start: from spawn() to the first 200 from GET /readyz, polled every 5 ms
 * on fresh connections. Each sample is a new process with the same config as the load runs.
 */
import { spawnNode } from './child-process.mjs';
import { freePort, waitUntilReady } from './http.mjs';
import { SWAP_SERVICE_SCRIPT, swapServiceEnv } from './servers.mjs';

/**
 * @param {{ accountsUrl: string, keys: string, logLevel: string, runs: number }} options
 * @returns {Promise<{ runs: number, medianMs: number, samplesMs: number[] }>}
 */
export async function measureColdStart({ accountsUrl, keys, logLevel, runs }) {
  const samplesMs = [];
  for (let i = 0; i < runs; i += 1) {
    const port = await freePort();
    const proc = spawnNode({
      name: `swap-service-cold-${i}`,
      script: SWAP_SERVICE_SCRIPT,
      env: swapServiceEnv({ accountsUrl, port, logLevel, keys }),
    });
    try {
      const readyAt = await waitUntilReady(`http://127.0.0.1:${port}/readyz`, {
        intervalMs: 5,
        isAlive: proc.isAlive,
      });
      samplesMs.push(Math.round((readyAt - proc.startedAt) * 10) / 10);
    } catch (error) {
      throw new Error(`cold start ${i + 1} failed: ${error.message}\n${proc.tail()}`);
    } finally {
      await proc.stop();
    }
  }
  return { runs, medianMs: median(samplesMs), samplesMs };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
