/** Command-line flags of bench/run.mjs, validated once. */
import { parseArgs } from 'node:util';

/** Every section of a full run, in the order it runs. */
export const SECTIONS = [
  'direct',
  'proxy',
  'refresh',
  'refresh-info',
  'handler',
  'direct-code',
  'swap',
  'coldstart',
  'crypto',
];

export const USAGE = `Usage: node bench/run.mjs [flags]   (or: pnpm bench -- [flags])

  --connections N   concurrent connections per HTTP run (default 10)
  --duration S      measured seconds per HTTP run (default 10)
  --warmup S        warm-up seconds per server before its first measured slice (default 2)
  --rounds N        the direct, proxy and /refresh (warn, info) runs alternate in N slices of
                    duration/N seconds each, so machine drift hits them alike; every goal is the
                    median of the N per-round ratios (at least 3; default 5)
  --swap-node-args="ARGS"
                    extra node flags for the swap service children, e.g.
                    "--max-semi-space-size=2" (an experiment; recorded in the results)
  --experiment="ARGS"
                    adds a row: one more /refresh (LOG_LEVEL=warn) swap service child
                    started with these node flags, in the same alternation as the others,
                    to compare a candidate fix with the plain service in one run
  --only LIST       comma-separated sections to run (default: all):
                    ${SECTIONS.join(', ')}
  --cold-runs N     cold starts to take the median of (default 5)
  --profile         run the proxy and swap service children under --cpu-prof; profiles go to
                    bench/results/*.cpuprofile and a summary is printed
  --compare FILE    also print this run beside an earlier results JSON (e.g.
                    bench/results/latest.json): each figure with its change, and the goals'
                    verdicts then and now
  --out FILE        results JSON (default bench/results/run.json, ignored by git; the
                    committed baseline is refreshed on purpose: pnpm bench:baseline)
  --help            this text`;

/** Fewest rounds a goal's median is taken over (issue 18: at least 3 interleaved rounds). */
export const MIN_ROUNDS = 3;

function positive(name, raw, { integer = false, allowZero = false, min } = {}) {
  const value = Number(raw);
  const okNumber = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!okNumber || (integer && !Number.isInteger(value))) {
    throw new Error(
      `--${name} must be a ${integer ? 'whole ' : ''}number > ${allowZero ? '= ' : ''}0, got "${raw}"`,
    );
  }
  if (min !== undefined && value < min) {
    throw new Error(`--${name} must be at least ${min}, got "${raw}"`);
  }
  return value;
}

/** Parses argv (without node and script); throws with a message naming the bad flag. */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'), // `pnpm bench -- --flag` passes the `--` along
    options: {
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '5' },
      'swap-node-args': { type: 'string', default: '' },
      experiment: { type: 'string', default: '' },
      only: { type: 'string' },
      'cold-runs': { type: 'string', default: '5' },
      profile: { type: 'boolean', default: false },
      compare: { type: 'string' },
      out: { type: 'string', default: new URL('../results/run.json', import.meta.url).pathname },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : SECTIONS;
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0) {
    throw new Error(
      `--only: unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`,
    );
  }
  return Object.freeze({
    help: values.help,
    connections: positive('connections', values.connections, { integer: true }),
    duration: positive('duration', values.duration, { integer: true }),
    warmup: positive('warmup', values.warmup, { integer: true, allowZero: true }),
    rounds: positive('rounds', values.rounds, { integer: true, min: MIN_ROUNDS }),
    coldRuns: positive('cold-runs', values['cold-runs'], { integer: true }),
    profile: values.profile,
    swapNodeArgs: values['swap-node-args'].split(/\s+/).filter(Boolean),
    experimentNodeArgs: values.experiment.split(/\s+/).filter(Boolean),
    compare: values.compare,
    out: values.out,
    sections: new Set(only),
  });
}
