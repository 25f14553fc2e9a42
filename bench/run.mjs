#!/usr/bin/env node
/**
 * tokenswap benchmark (issue 7): side-by-side HTTP runs on one machine in one go —
 * the mock's token endpoint directly, a pass-through proxy, the swap service's /refresh and
 * /swap — plus in-process seal/open vs raw WebCrypto, swap service cold start and peak RSS.
 * Writes bench/results/run.json (or --out) and prints a markdown table (progress goes to stderr);
 * with --compare FILE, also this run beside an earlier results JSON.
 *
 *   pnpm bench                      # builds everything, then runs this
 *   node bench/run.mjs --only direct,proxy --duration 5
 *   node bench/run.mjs --only proxy,refresh,refresh-info --compare bench/results/latest.json
 *
 * See bench/README.md for what each row means and the latest numbers.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runAlternating } from './lib/alternating-runs.mjs';
import { runWithCodes } from './lib/code-runs.mjs';
import { measureColdStarts, proxySubject, swapServiceSubject } from './lib/cold-start.mjs';
import { renderComparison } from './lib/compare.mjs';
import { benchCrypto } from './lib/crypto-bench.mjs';
import { computeRatios, evaluateGoals } from './lib/goals.mjs';
import { machineInfo } from './lib/machine.mjs';
import { parseOptions, SECTIONS, USAGE } from './lib/options.mjs';
import { renderProfileSummary, summariseProfile } from './lib/profile-summary.mjs';
import { handlerRowKey, renderMarkdown } from './lib/report.mjs';
import { RESULTS_SCHEMA, RESULTS_VERSION, readBenchResults } from './lib/results-file.mjs';
import { informationalRoundRatios } from './lib/round-ratios.mjs';
import {
  benchKeyring,
  HANDLER_RUNTIMES,
  startHandler,
  startMock,
  startProxy,
  startSwapService,
} from './lib/servers.mjs';
import { swapServiceEntry } from './lib/swap-service-entry.mjs';
import {
  CODE_GRANT_SHAPE,
  checkRefreshGrant,
  checkSwapRefresh,
  FORM,
  mockRefreshToken,
  refreshGrantRequest,
  SWAP_SHAPE,
  sealedRefreshToken,
} from './lib/token-flows.mjs';

const progress = (message) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

let options;
/** The earlier results JSON of --compare, read before any run (a bad file exits 2 at once). */
let earlier;
try {
  options = parseOptions(process.argv.slice(2));
  if (options.compare !== undefined) earlier = readBenchResults(options.compare);
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
process.once('SIGINT', () => process.exit(130)); // children are killed on exit

// The swap service starts from its package's bin, as users start it (lib/swap-service-entry.mjs).
let entry;
try {
  entry = swapServiceEntry();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
// The bench runs the built packages (`pnpm bench` builds them first).
const missing = [
  'packages/core/dist/index.js',
  'apps/mock-accounts/dist/cli.js',
  ...entry.imports, // what the bin loads: the service's built entry
].filter((path) => !existsSync(new URL(`../${path}`, import.meta.url)));
if (missing.length > 0) {
  console.error(`not built: ${missing.join(', ')}\nrun \`pnpm build\` (or \`pnpm bench\`) first`);
  process.exit(2);
}

const want = (section) => options.sections.has(section);
const { connections, duration, warmup, rounds } = options;
const results = {
  schema: RESULTS_SCHEMA,
  version: RESULTS_VERSION,
  machine: machineInfo(),
  options: {
    connections,
    duration,
    warmup,
    rounds,
    sections: [...options.sections],
    coldRuns: options.coldRuns,
    profile: options.profile,
    swapNodeArgs: options.swapNodeArgs,
    experimentNodeArgs: options.experimentNodeArgs,
    compare: options.compare,
  },
  swapService: {
    bin: entry.bin,
    entry: entry.entry,
    nodeArgs: entry.nodeArgs,
    imports: entry.imports,
  },
  http: {},
  memory: {},
  codePools: {},
  profiles: {},
};
const keys = benchKeyring();
const profileNames = [];
/** Per profile: the measured window (monotonic µs, the clock V8 stamps samples with) and its requests. */
const profileWindows = {};
/** Children to stop at the end (the mock last: the others talk to it). */
const children = [];

/** Starts a swap service child; with --profile it writes bench/results/<name>.cpuprofile. */
async function swapService(mock, logLevel, profileName, nodeArgs = options.swapNodeArgs) {
  if (options.profile) profileNames.push(profileName);
  const swap = await startSwapService({
    entry,
    accountsUrl: mock.url,
    logLevel,
    keys,
    profileName: options.profile ? profileName : undefined,
    nodeArgs,
  });
  children.push(swap);
  return swap;
}

/**
 * A /refresh target on a fresh swap service child, checked once before any load.
 * @param {string[]} [nodeArgs]  for the experiment row (--experiment)
 */
async function refreshMember(mock, logLevel, key, nodeArgs) {
  const profileName = nodeArgs ? 'swap-refresh-experiment' : `swap-refresh-${logLevel}`;
  const swap = await swapService(mock, logLevel, profileName, nodeArgs);
  const sealed = await sealedRefreshToken(swap, mock);
  await checkSwapRefresh(swap, sealed);
  return {
    key,
    title: nodeArgs
      ? `swap service /refresh (LOG_LEVEL=${logLevel}, node ${nodeArgs.join(' ')})`
      : `swap service /refresh (LOG_LEVEL=${logLevel})`,
    profileName,
    pid: swap.pid,
    target: {
      url: `${swap.url}/refresh`,
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ refresh_token: sealed }).toString(),
    },
  };
}

/**
 * A /refresh target on `@tokenswap/handler` running on `runtimeName`, with a token it sealed
 * itself, checked once before any load.
 */
async function handlerMember(mock, runtimeName) {
  const handler = await startHandler({ runtimeName, accountsUrl: mock.url, keys });
  children.push(handler);
  const sealed = await sealedRefreshToken(handler, mock);
  await checkSwapRefresh(handler, sealed);
  return {
    key: handlerRowKey(runtimeName),
    title: `handler /refresh on ${runtimeName}`,
    pid: handler.pid,
    target: {
      url: `${handler.url}/refresh`,
      headers: { 'content-type': FORM },
      body: new URLSearchParams({ refresh_token: sealed }).toString(),
    },
  };
}

/** Merges what a group of runs returned into the results. */
function record({ http = {}, memory = {}, profileWindows: windows = {} }) {
  Object.assign(results.http, http);
  Object.assign(results.memory, memory);
  Object.assign(profileWindows, windows);
}

/** A code-spending run (see lib/code-runs.mjs), recorded under `key`. */
async function codeRun(mock, key, run) {
  const out = await runWithCodes({ ...run, mock, connections, duration, warmup, progress });
  results.http[key] = out.summary;
  if (out.memory) results.memory[key] = out.memory;
  results.codePools[key] = out.codePool;
  if (out.profileWindow) profileWindows[out.profileWindow.name] = out.profileWindow.window;
}

progress(
  `machine: ${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}`,
);
const needsMock = SECTIONS.filter((section) => section !== 'crypto').some(want);
if (needsMock) {
  progress('starting the mock accounts service (rotation off)');
  const mock = await startMock({ rotation: 'off' });
  try {
    const refreshToken = await mockRefreshToken(mock);
    const grant = refreshGrantRequest(refreshToken);
    const members = [];
    if (want('direct')) {
      await checkRefreshGrant(mock.url, refreshToken);
      members.push({
        key: 'direct',
        title: 'mock /api/token direct',
        pid: undefined, // the server is the mock: its CPU is the "mock" column
        target: { ...grant, url: `${mock.url}${grant.path}` },
      });
    }
    if (want('proxy')) {
      if (options.profile) profileNames.push('proxy');
      const proxy = await startProxy({
        upstreamUrl: mock.url,
        profileName: options.profile ? 'proxy' : undefined,
      });
      children.push(proxy);
      await checkRefreshGrant(proxy.url, refreshToken);
      members.push({
        key: 'proxy',
        title: 'pass-through proxy',
        profileName: 'proxy',
        pid: proxy.pid,
        target: { ...grant, url: `${proxy.url}${grant.path}` },
      });
    }
    if (want('refresh')) members.push(await refreshMember(mock, 'warn', 'refresh'));
    if (want('refresh-info')) members.push(await refreshMember(mock, 'info', 'refreshInfo'));
    if (want('handler')) {
      for (const runtimeName of HANDLER_RUNTIMES) {
        members.push(await handlerMember(mock, runtimeName));
      }
    }
    if (options.experimentNodeArgs.length > 0) {
      const { experimentNodeArgs } = options;
      members.push(await refreshMember(mock, 'warn', 'refreshExperiment', experimentNodeArgs));
    }
    if (members.length > 0) {
      record(
        await runAlternating(members, { connections, duration, warmup, rounds, mock, progress }),
      );
    }
    // Stopped now (not at the end) so they take no memory or CPU from what follows.
    await Promise.all(children.splice(0).map((child) => child.stop()));
    if (want('direct-code')) {
      await codeRun(mock, 'directCode', {
        title: 'mock /api/token direct (authorization_code grant)',
        shape: CODE_GRANT_SHAPE,
        // The code grant does more work than the refresh grant (about half its rate here).
        expectedRate: 0.6 * (results.http.direct?.requestsPerSecond ?? 5000),
        start: async () => ({ url: mock.url }), // the server is the mock itself
      });
    }
    if (want('swap')) {
      await codeRun(mock, 'swap', {
        title: 'swap service /swap (LOG_LEVEL=warn)',
        shape: SWAP_SHAPE,
        // About the /refresh path's rate (seal instead of open), or ~0.6x the grant it wraps.
        expectedRate: Math.max(
          results.http.refresh?.requestsPerSecond ?? 0,
          0.6 * (results.http.directCode?.requestsPerSecond ?? 0),
          3000,
        ),
        start: () => swapService(mock, 'warn', 'swap-swap-warn'),
        profileName: 'swap-swap-warn',
      });
    }
    if (want('coldstart')) {
      progress(`cold starts, swap service and proxy in turn, x ${options.coldRuns}`);
      const cold = await measureColdStarts(
        {
          swapService: swapServiceSubject({
            entry,
            accountsUrl: mock.url,
            keys,
            logLevel: 'warn',
            nodeArgs: options.swapNodeArgs,
          }),
          proxy: proxySubject({ upstreamUrl: mock.url }),
        },
        options.coldRuns,
      );
      results.coldStart = cold.swapService;
      results.coldStartProxy = cold.proxy;
    }
  } finally {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    await mock.stop();
  }
}
if (want('crypto')) {
  progress('in-process seal/open vs raw WebCrypto');
  results.crypto = await benchCrypto({ keys, concurrency: connections });
}

results.machine.loadAverage1mAtEnd = machineInfo().loadAverage1m;
results.ratios = computeRatios(results.http);
results.roundRatios = informationalRoundRatios(results);
results.goals = evaluateGoals(results);
for (const name of profileNames) {
  const path = new URL(`./results/${name}.cpuprofile`, import.meta.url).pathname;
  try {
    results.profiles[name] = summariseProfile(path, { window: profileWindows[name] });
  } catch (error) {
    results.profiles[name] = {
      error: `no profile for ${name} (${error.message}); does the server exit cleanly on SIGTERM?`,
    };
  }
}

mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
progress(`results written to ${options.out}`);
for (const summary of Object.values(results.profiles)) {
  console.error(summary.error ?? `\n${renderProfileSummary(summary)}`);
}
console.log(`\n${renderMarkdown(results)}`);
if (earlier) console.log(`\n${renderComparison(options.compare, earlier, results)}`);
