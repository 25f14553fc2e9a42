/**
 * --compare FILE: this run beside an earlier results JSON (bench/results/latest.json, say), so a
 * pull request can show what it did to performance. Every figure is printed with its earlier
 * value and its change; both files are judged by today's goals. A figure the earlier file lacks
 * (an older schema, a skipped section) prints 'n/a'.
 */
import { evaluateGoals, formatGoalValue, GOALS } from './goals.mjs';
import { n, table, x } from './markdown.mjs';
import { RATIO_LABELS, ROW_LABELS } from './report.mjs';
import { goalFigures } from './round-ratios.mjs';

/**
 * @typedef {object} ComparedFigure
 * @property {string} label
 * @property {'absolute' | 'ratio' | 'count'} kind  how its change is printed
 * @property {number | undefined} before
 * @property {number | undefined} after
 * @property {number} [digits]
 * @property {string} [unit]
 * @property {boolean} [beforeWholeRun]  the earlier value is a whole-run ratio (schema 1)
 */

const finite = (value) => typeof value === 'number' && Number.isFinite(value);
const sign = (value) => (value > 0 ? '+' : value < 0 ? '-' : '±');

/** Goals whose figure is a ratio of two rows (the others are absolute). */
const RATIO_GOALS = GOALS.filter((goal) => goal.kind === 'ratio');

/**
 * The figures of both runs, in print order: each HTTP row's req/s, p99 and server CPU; the
 * goals' ratios; the whole-run ratios; RSS; cold starts; errors. A figure neither has is left out.
 * @returns {ComparedFigure[]}
 */
export function comparedFigures(earlier, now) {
  const out = [];
  /** Adds a figure read by `pick` from both runs, unless neither has it. */
  const add = (label, kind, pick, format = {}) => {
    const figure = { label, kind, before: pick(earlier), after: pick(now), ...format };
    if (finite(figure.before) || finite(figure.after)) out.push(figure);
  };
  for (const [key, label] of Object.entries(ROW_LABELS)) {
    const run = (results) => results.http?.[key];
    add(`${label}: req/s`, 'absolute', (r) => run(r)?.requestsPerSecond);
    add(`${label}: p99`, 'absolute', (r) => run(r)?.latencyMs?.p99, { digits: 2, unit: ' ms' });
    add(
      `${label}: server CPU µs/req`,
      'absolute',
      (r) => run(r)?.cpuMicrosecondsPerRequest?.server,
      {
        unit: ' µs',
      },
    );
  }
  const figures = new Map([earlier, now].map((results) => [results, goalFigures(results)]));
  for (const goal of RATIO_GOALS) {
    const wholeRun = figures.get(earlier)[goal.figure].basis === 'whole run';
    add(
      `goal: ${goal.goal} (median of rounds)`,
      'ratio',
      (r) => figures.get(r)[goal.figure].value,
      {
        beforeWholeRun: wholeRun,
      },
    );
  }
  for (const [key, label] of RATIO_LABELS) {
    add(`whole run: ${label}`, 'ratio', (r) => r.ratios?.[key]);
  }
  for (const [key, label] of Object.entries(ROW_LABELS)) {
    add(
      `RSS under load (max sampled), ${label}`,
      'absolute',
      (r) => r.memory?.[key]?.maxSampledRssMb,
      {
        digits: 1,
        unit: ' MB',
      },
    );
  }
  for (const [key, label] of [
    ['coldStart', 'swap service'],
    ['coldStartProxy', 'proxy'],
  ]) {
    add(`cold start, ${label} (median)`, 'absolute', (r) => r[key]?.medianMs, {
      digits: 1,
      unit: ' ms',
    });
  }
  add('errors + timeouts + non-2xx, all runs', 'count', (r) => figures.get(r).failures.value);
  return out;
}

/**
 * The change from `before` to `after`: '+3.2 %' for a figure, '-0.12 (-4.0 %)' for a ratio
 * (absolute change, then relative), '+2' for a count; 'n/a' when either side is missing.
 * @param {Pick<ComparedFigure, 'kind' | 'before' | 'after'>} figure
 */
export function formatChange({ kind, before, after }) {
  if (!finite(before) || !finite(after)) return 'n/a';
  const delta = after - before;
  if (kind === 'count') return `${sign(delta)}${Math.abs(delta)}`;
  const pct =
    before === 0 ? 'n/a %' : `${sign(delta)}${Math.abs((delta / before) * 100).toFixed(1)} %`;
  if (kind !== 'ratio') return pct;
  const shown = Math.abs(delta).toFixed(2); // a change that rounds to 0.00 is signed ±
  return `${shown === '0.00' ? '±' : sign(delta)}${shown} (${pct})`;
}

/** A compared figure's value as printed. */
export function formatValue({ kind, digits = 0, unit = '' }, value) {
  if (!finite(value)) return 'n/a';
  if (kind === 'ratio') return x(value);
  return `${n(value, kind === 'count' ? 0 : digits)}${unit}`;
}

/** One line on where the earlier file comes from, and a warning when the runs differ in kind. */
function provenance(path, earlier, now) {
  const m = earlier.machine ?? {};
  const o = earlier.options ?? {};
  const lines = [
    `Compared with ${path} (results version ${earlier.version}; ${m.date ?? 'n/a'}, ${m.cpuModel ?? 'n/a'}, ${m.cores ?? 'n/a'} cores, Node ${m.node ?? 'n/a'}, load average ${m.loadAverage1m ?? 'n/a'} → ${m.loadAverage1mAtEnd ?? 'n/a'}; ${o.rounds ?? 'n/a'} rounds, ${o.duration ?? 'n/a'} s per row). Absolute figures (req/s, ms, µs, MB) follow the machine's load at the time; the ratios are the figures to compare.`,
  ];
  const differ = [
    ['machine', m.cpuModel, now.machine?.cpuModel],
    ['cores', m.cores, now.machine?.cores],
    ['Node', m.node, now.machine?.node],
    ['connections', o.connections, now.options?.connections],
    ['duration', o.duration, now.options?.duration],
  ].filter(([, a, b]) => a !== undefined && a !== b);
  if (differ.length > 0) {
    lines.push(
      `Not like for like: ${differ.map(([what, a, b]) => `${what} ${a} then, ${b} now`).join('; ')}.`,
    );
  }
  return lines.join('\n');
}

/**
 * The comparison printed after the report.
 * @param {string} path  the earlier file, as named on the command line
 * @param {Record<string, any> & { version: number }} earlier  from readBenchResults
 * @param {Record<string, any>} now  this run's results
 */
export function renderComparison(path, earlier, now) {
  const figures = comparedFigures(earlier, now);
  const [goalsBefore, goalsAfter] = [evaluateGoals(earlier), evaluateGoals(now)];
  const anyWholeRun = figures.some((f) => f.beforeWholeRun && finite(f.before));
  const rows = figures.map((f) => [
    f.label,
    `${formatValue(f, f.before)}${f.beforeWholeRun && finite(f.before) ? ' †' : ''}`,
    formatValue(f, f.after),
    formatChange(f),
  ]);
  const verdict = (goal) =>
    `${formatGoalValue(goal.id, goal.value)}${goal.basis === 'whole run' ? ' †' : ''} ${goal.result}`;
  const out = [
    provenance(path, earlier, now),
    '',
    table(['Figure', 'earlier', 'now', 'change'], rows),
  ];
  if (anyWholeRun) {
    out.push('', `† whole-run ratio: ${path} has no per-round figures (results version 1).`);
  }
  out.push(
    '',
    "Goals then and now (today's goals applied to both files):",
    '',
    table(
      ['Goal', 'target', 'earlier', 'now'],
      goalsAfter.map((goal, i) => [goal.goal, goal.target, verdict(goalsBefore[i]), verdict(goal)]),
    ),
  );
  return out.join('\n');
}
