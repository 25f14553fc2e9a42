/**
 * Runs of several servers measured in alternating slices (a, b, c, a, b, c, ...), so drift in
 * the machine's load hits them alike and their ratios stay meaningful on a shared machine.
 * Round r is the r-th slice of every row: each slice has its own latency histogram, CPU and RSS
 * peak, so a ratio can be taken within one round and the goals read the median over rounds.
 */
import { latencyHistogram, measureSlice } from './load.mjs';
import { sampleRss } from './rss-sampler.mjs';
import { combineSlices, latencyOf } from './slices.mjs';
import { watchUpstreamConnections } from './upstream-connections.mjs';

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * @typedef {object} Member  one row
 * @property {string} key             its key in the results (`http.<key>`, `memory.<key>`)
 * @property {string} title
 * @property {import('./load.mjs').Target} target
 * @property {number} [pid]           the server's pid when it is a child of ours (RSS, CPU, connections)
 * @property {string} [profileName]   its .cpuprofile, if profiled
 */

/**
 * Warms each member up once, then measures them in `rounds` alternating slices of
 * duration/rounds seconds. Samples each child's RSS and its connections to the mock, and the CPU
 * the server, the mock and this process spend per request.
 * @param {Member[]} members
 * @param {{ connections: number, duration: number, warmup: number, rounds: number,
 *   mock: { pid: number, url: string }, progress: (message: string) => void }} run
 * @returns {Promise<{ http: Record<string, import('./slices.mjs').LoadSummary>,
 *   memory: Record<string, ReturnType<ReturnType<typeof sampleRss>['stop']>>,
 *   profileWindows: Record<string, { fromUs: number, toUs: number, requests: number }> }>}
 */
export async function runAlternating(members, run) {
  const { connections, duration, warmup, rounds, mock, progress } = run;
  const mockPort = Number(new URL(mock.url).port);
  const state = members.map((member) => ({
    member,
    rss: member.pid ? sampleRss(member.pid, 100) : undefined,
    upstream: member.pid ? watchUpstreamConnections(member.pid, mockPort, 100) : undefined,
    histogram: latencyHistogram(),
    slices: [],
    warmup: undefined,
  }));
  for (const row of state) {
    if (warmup <= 0) continue;
    progress(`warm-up ${row.member.title}: ${connections} connections x ${warmup} s`);
    row.warmup = await measureSlice(row.member.target, { connections, seconds: warmup });
  }
  const seconds = duration / rounds;
  const fromUs = monotonicUs();
  for (let round = 1; round <= rounds; round += 1) {
    for (const row of state) {
      const { member } = row;
      progress(
        `round ${round}/${rounds} ${member.title}: ${connections} connections x ${seconds} s`,
      );
      const cpuPids = { server: member.pid, mock: mock.pid, loadGenerator: 'self' };
      const histogram = latencyHistogram();
      row.rss?.startSlice();
      const slice = await measureSlice(member.target, { connections, seconds, histogram, cpuPids });
      const maxSampledRssMb = row.rss?.endSlice();
      row.histogram.add(histogram);
      row.slices.push({ ...slice, latencyMs: latencyOf(histogram), maxSampledRssMb });
    }
  }
  const toUs = monotonicUs();
  const out = { http: {}, memory: {}, profileWindows: {} };
  for (const row of state) {
    const { member } = row;
    const summary = combineSlices({ ...row, title: member.title, connections });
    summary.upstreamConnections = row.upstream?.stop();
    out.http[member.key] = summary;
    if (row.rss) out.memory[member.key] = row.rss.stop();
    if (member.profileName) {
      out.profileWindows[member.profileName] = { fromUs, toUs, requests: summary.requestsTotal };
    }
  }
  return out;
}
