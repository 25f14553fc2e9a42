/**
 * Cold start: from spawn() to the first accepted answer on the ready URL, polled every 5 ms on
 * fresh connections. Each sample is a new process. The pass-through proxy (Fastify + undici,
 * none of our code) is measured the same way, as the floor for this stack on this machine.
 */
import { spawnNode } from './child-process.mjs';
import { freePort, waitUntilReady } from './http.mjs';
import { median } from './round-ratios.mjs';
import { spawnSwapService, swapServiceEnv } from './servers.mjs';

const PROXY_SCRIPT = new URL('../proxy.mjs', import.meta.url).pathname;

/**
 * Milliseconds from spawn() to the first accepted answer of one fresh process.
 * @param {{ launch: (port: number) => ReturnType<typeof spawnNode>, readyPath: string }} subject
 */
async function coldStartOnce({ launch, readyPath }) {
  const port = await freePort();
  const proc = launch(port);
  try {
    const readyAt = await waitUntilReady(`http://127.0.0.1:${port}${readyPath}`, {
      intervalMs: 5,
      isAlive: proc.isAlive,
    });
    return Math.round((readyAt - proc.startedAt) * 10) / 10;
  } catch (error) {
    throw new Error(`cold start of ${proc.name} failed: ${error.message}\n${proc.tail()}`);
  } finally {
    await proc.stop();
  }
}

/** The swap service from its bin (same config as the load runs) until GET /readyz answers 200. */
export function swapServiceSubject({ entry, accountsUrl, keys, logLevel, nodeArgs = [] }) {
  return {
    readyPath: '/readyz',
    launch: (port) =>
      spawnSwapService({
        name: 'swap-service-cold',
        entry,
        nodeArgs,
        env: swapServiceEnv({ accountsUrl, port, logLevel, keys }),
      }),
  };
}

/** The pass-through proxy until its local GET /__proxy/ready answers 200. */
export function proxySubject({ upstreamUrl }) {
  return {
    readyPath: '/__proxy/ready',
    launch: (port) =>
      spawnNode({
        name: 'proxy-cold',
        script: PROXY_SCRIPT,
        args: ['--upstream', upstreamUrl, '--port', String(port), '--host', '127.0.0.1'],
      }),
  };
}

/**
 * `runs` cold starts of each subject, taken in turn (a, b, a, b, ...) so drift in the machine's
 * load hits them alike.
 * @param {Record<string, { launch: (port: number) => ReturnType<typeof spawnNode>, readyPath: string }>} subjects
 * @param {number} runs
 * @returns {Promise<Record<string, { runs: number, medianMs: number, samplesMs: number[] }>>}
 */
export async function measureColdStarts(subjects, runs) {
  const samples = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const [name, subject] of Object.entries(subjects)) {
      samples[name].push(await coldStartOnce(subject));
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, samplesMs]) => [
      name,
      { runs, medianMs: median(samplesMs), samplesMs },
    ]),
  );
}
