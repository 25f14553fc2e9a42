/** The per-round tables of the report: the goals, and the informational per-round ratios. */
import { formatGoalValue } from './goals.mjs';
import { table, x } from './markdown.mjs';
import { informationalRoundRatios } from './round-ratios.mjs';

/**
 * The goals table: each ratio goal's median over rounds beside every round's value, so a reader
 * sees the spread.
 * @param {import('./goals.mjs').GoalResult[]} goals
 */
export function renderGoals(goals, rounds) {
  const spread = (g) => {
    const values = g.perRound.map((v) => formatGoalValue(g.id, v)).join(', ');
    if (g.basis === 'samples') return values ? `samples: ${values}` : '';
    if (g.basis === 'whole run') return 'whole run (no per-round figures)';
    if (g.basis === 'total') return 'every row, warm-ups included';
    return values;
  };
  return [
    `Goals (issue 18): each ratio is the median of the per-round ratios over ${rounds ?? 'n/a'} interleaved rounds; the /refresh rows compared are LOG_LEVEL=info (the service's default) unless named.`,
    '',
    table(
      ['Goal', 'target', 'measured (median)', 'per round', 'result'],
      goals.map((g) => [
        g.goal,
        g.target,
        formatGoalValue(g.id, g.value),
        spread(g),
        `**${g.result}**`,
      ]),
    ),
  ].join('\n');
}

/** The per-round ratios no goal reads (logging cost, --experiment), or '' when none was measured. */
export function renderInformationalRatios(results) {
  const rows = informationalRoundRatios(results).map(({ label, figure }) => [
    label,
    x(figure.value),
    figure.perRound.map(x).join(', '),
  ]);
  if (rows.length === 0) return '';
  return [
    'Per-round ratios no goal reads (median of rounds, every round):',
    '',
    table(['Ratio', 'median', 'per round'], rows),
  ].join('\n');
}
