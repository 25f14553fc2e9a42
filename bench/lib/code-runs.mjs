/**
 * A run where each request spends a fresh single-use code (the swap service's /swap, or the
 * mock's authorization_code grant).
 */
import { latencyHistogram, measureSlice } from './load.mjs';
import { sampleRss } from './rss-sampler.mjs';
import { combineSlices } from './slices.mjs';
import { codeRequests, mintCodePool } from './token-flows.mjs';
import { watchUpstreamConnections } from './upstream-connections.mjs';

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Codes are minted before the load (minting during it would load the mock and the bench
 * process). The warm-up doubles as calibration: codes for the measured run are minted for the
 * higher of the rate it reached and `expectedRate`, with 50 % to spare, capped below the mock's
 * store size (100 000 entries, oldest evicted first). Should the pool still run dry, the run
 * stops early (and says so) rather than send spent codes.
 * @param {{ mock: { pid: number, url: string, mintCode: () => Promise<string> }, title: string,
 *   shape: Parameters<typeof codeRequests>[1], expectedRate: number, profileName?: string,
 *   start: () => Promise<{ url: string, pid?: number, stop?: () => Promise<unknown> }>,
 *   connections: number, duration: number, warmup: number,
 *   progress: (message: string) => void }} run
 */
export async function runWithCodes(run) {
  const { mock, title, shape, expectedRate, profileName, start, progress } = run;
  const { connections, duration, warmup } = run;
  const calibrationSeconds = Math.max(warmup, 1);
  const firstBatch = Math.ceil(Math.max(1000, expectedRate) * calibrationSeconds * 1.5) + 200;
  progress(`minting ${firstBatch} codes for the warm-up of ${title} via POST /__mock/codes`);
  const codes = await mintCodePool(mock, firstBatch);
  const server = await start();
  const rss = server.pid ? sampleRss(server.pid, 100) : undefined;
  const mockPort = Number(new URL(mock.url).port);
  const upstream = server.pid ? watchUpstreamConnections(server.pid, mockPort, 100) : undefined;
  const { requests, state } = codeRequests(codes, shape);
  const target = { url: server.url, requests };
  // autocannon builds a request per connection ahead: keep that many codes in reserve.
  const available = () => codes.length - state.used - connections * 2;

  progress(`warm-up ${title}: ${connections} connections x ${calibrationSeconds} s`);
  const warm = await measureSlice(target, {
    connections,
    seconds: calibrationSeconds,
    maxRequests: available(),
  });
  const rate = Math.max(warm.requestsPerSecond, expectedRate);
  const needed = Math.min(90_000, Math.ceil(rate * duration * 1.5) + connections * 4 + 200);
  const more = Math.max(0, needed - (codes.length - state.used));
  progress(`minting ${more} more codes (the warm-up reached ${warm.requestsPerSecond} req/s)`);
  codes.push(...(await mintCodePool(mock, more)));

  progress(`${title}: ${connections} connections x ${duration} s`);
  const histogram = latencyHistogram();
  const cpuPids = { server: server.pid, mock: mock.pid, loadGenerator: 'self' };
  const fromUs = monotonicUs();
  const slice = await measureSlice(target, {
    connections,
    seconds: duration,
    histogram,
    cpuPids,
    maxRequests: available(),
  });
  const toUs = monotonicUs();
  const summary = combineSlices({ title, connections, slices: [slice], histogram, warmup: warm });
  summary.upstreamConnections = upstream?.stop();
  const memory = rss?.stop();
  await server.stop?.();
  return {
    summary,
    memory,
    codePool: { minted: codes.length, used: state.used, exhausted: state.exhausted },
    profileWindow: profileName
      ? { name: profileName, window: { fromUs, toUs, requests: slice.requestsTotal } }
      : undefined,
  };
}
