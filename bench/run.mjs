#!/usr/bin/env node
/**
 * tokenswap benchmark (issue 7): side-by-side HTTP runs on one machine in one go —
 * the mock's token endpoint directly, a pass-through proxy, the swap service's /refresh and
 * /swap — plus in-process seal/open vs raw WebCrypto, swap service cold start and peak RSS.
 * Writes bench/results/latest.json and prints a markdown table (progress goes to stderr).
 *
 *   pnpm bench                      # builds everything, then runs this
 *   node bench/run.mjs --only direct,proxy --duration 5
 *
 * See bench/README.md for what each row means and the latest numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { measureColdStart } from './lib/cold-start.mjs';
import { benchCrypto } from './lib/crypto-bench.mjs';
import { computeRatios, evaluateGoals } from './lib/goals.mjs';
import { runLoad } from './lib/load.mjs';
import { machineInfo } from './lib/machine.mjs';
import { parseOptions, USAGE } from './lib/options.mjs';
import { renderProfileSummary, summariseProfile } from './lib/profile-summary.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { sampleRss } from './lib/rss-sampler.mjs';
import { benchKeyring, startMock, startProxy, startSwapService } from './lib/servers.mjs';
import {
  checkRefreshGrant,
  checkSwapRefresh,
  FORM,
  mintCodePool,
  mockRefreshToken,
  refreshGrantRequest,
  sealedRefreshToken,
  swapRequests,
} from './lib/token-flows.mjs';

const progress = (message) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
process.once('SIGINT', () => process.exit(130)); // children are killed on exit

const want = (section) => options.sections.has(section);
const load = {
  connections: options.connections,
  duration: options.duration,
  warmup: options.warmup,
};
const results = {
  machine: machineInfo(),
  options: {
    ...load,
    sections: [...options.sections],
    coldRuns: options.coldRuns,
    profile: options.profile,
  },
  http: {},
  memory: {},
  profiles: {},
};
const keys = benchKeyring();
const profileNames = [];

/** Starts a swap service child for one run; with --profile it writes <name>.cpuprofile. */
async function swapServiceFor(mock, logLevel, profileName) {
  if (options.profile) profileNames.push(profileName);
  return startSwapService({
    accountsUrl: mock.url,
    logLevel,
    keys,
    profileName: options.profile ? profileName : undefined,
  });
}

/** /refresh at one log level, with the child's RSS sampled every 100 ms. */
async function refreshRun(mock, logLevel, key) {
  const swap = await swapServiceFor(mock, logLevel, `swap-refresh-${logLevel}`);
  try {
    const sealed = await sealedRefreshToken(swap, mock);
    await checkSwapRefresh(swap, sealed);
    progress(`swap service /refresh (LOG_LEVEL=${logLevel}): ${describe(load)}`);
    const sampler = sampleRss(swap.pid, 100);
    results.http[key] = await runLoad({
      title: `swap /refresh (${logLevel})`,
      url: `${swap.url}/refresh`,
      ...load,
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ refresh_token: sealed }).toString(),
    });
    results.memory[key] = sampler.stop();
  } finally {
    await swap.stop();
  }
}

async function swapRun(mock) {
  const rate =
    results.http.refresh?.requestsPerSecond ??
    results.http.proxy?.requestsPerSecond ??
    results.http.direct?.requestsPerSecond ??
    3000;
  // Codes are single-use: mint 1.5x what the run is expected to use, capped below the mock's
  // store size (100 000 entries by default, oldest evicted first).
  const count = Math.min(
    90_000,
    Math.ceil(rate * (load.duration + load.warmup) * 1.5) + load.connections * 4 + 200,
  );
  progress(`minting ${count} codes for /swap via the mock's control API`);
  const codes = await mintCodePool(mock, count);
  const swap = await swapServiceFor(mock, 'warn', 'swap-swap-warn');
  try {
    const { requests, state } = swapRequests(codes);
    progress(`swap service /swap (LOG_LEVEL=warn): ${describe(load)}`);
    results.http.swap = await runLoad({
      title: 'swap /swap (warn)',
      url: swap.url,
      ...load,
      requests,
    });
    results.swapCodes = { minted: codes.length, used: state.used, exhausted: state.exhausted };
  } finally {
    await swap.stop();
  }
}

function describe({ connections, duration, warmup }) {
  return `${connections} connections x ${duration} s (+${warmup} s warm-up)`;
}

progress(
  `machine: ${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}`,
);
const needsMock = ['direct', 'proxy', 'refresh', 'swap', 'refresh-info', 'coldstart'].some(want);
if (needsMock) {
  progress('starting the mock accounts service (rotation off)');
  const mock = await startMock({ rotation: 'off' });
  try {
    const refreshToken = await mockRefreshToken(mock);
    const grant = refreshGrantRequest(refreshToken);
    if (want('direct')) {
      await checkRefreshGrant(mock.url, refreshToken);
      progress(`mock /api/token direct: ${describe(load)}`);
      results.http.direct = await runLoad({
        title: 'direct',
        url: `${mock.url}${grant.path}`,
        ...load,
        ...grant,
      });
    }
    if (want('proxy')) {
      const proxy = await startProxy({ upstreamUrl: mock.url });
      try {
        await checkRefreshGrant(proxy.url, refreshToken);
        progress(`pass-through proxy: ${describe(load)}`);
        results.http.proxy = await runLoad({
          title: 'proxy',
          url: `${proxy.url}${grant.path}`,
          ...load,
          ...grant,
        });
      } finally {
        await proxy.stop();
      }
    }
    if (want('refresh')) await refreshRun(mock, 'warn', 'refresh');
    if (want('swap')) await swapRun(mock);
    if (want('refresh-info')) await refreshRun(mock, 'info', 'refreshInfo');
    if (want('coldstart')) {
      progress(`cold start x ${options.coldRuns}`);
      results.coldStart = await measureColdStart({
        accountsUrl: mock.url,
        keys,
        logLevel: 'warn',
        runs: options.coldRuns,
      });
    }
  } finally {
    await mock.stop();
  }
}
if (want('crypto')) {
  progress('in-process seal/open vs raw WebCrypto');
  results.crypto = await benchCrypto({ keys, concurrency: options.connections });
}

results.ratios = computeRatios(results.http);
results.goals = evaluateGoals(results);
for (const name of profileNames) {
  const path = new URL(`./results/${name}.cpuprofile`, import.meta.url).pathname;
  try {
    results.profiles[name] = summariseProfile(path);
  } catch (error) {
    results.profiles[name] = {
      error: `no profile (${error.message}); does the server exit cleanly on SIGTERM?`,
    };
  }
}

mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
progress(`results written to ${options.out}`);
for (const summary of Object.values(results.profiles)) {
  if (!summary.error) console.error(`\n${renderProfileSummary(summary)}`);
  else console.error(`\n${summary.error}`);
}
console.log(`\n${renderMarkdown(results)}`);
