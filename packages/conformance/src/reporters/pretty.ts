import type { CaseResult, ConformanceReport } from '../types.js';

const MARK: Record<CaseResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
};

/**
 * The human report: a summary table of every case, then each failure with its basis and the
 * masked request/response excerpt that shows why. (The CLI adds the final summary line.)
 *
 * @example
 * ```ts
 * process.stdout.write(formatPretty(await runConformance(options)));
 * ```
 */
export function formatPretty(report: ConformanceReport): string {
  const rows = report.results.map((r) => [
    MARK[r.status],
    r.id,
    r.level,
    `${r.durationMs} ms`,
    r.title,
  ]);
  const header = ['RESULT', 'ID', 'LEVEL', 'TIME', 'CASE'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  const out: string[] = [
    `tokenswap conformance — swap ${report.target.swapUrl}, refresh ${report.target.refreshUrl}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length > 0) {
    out.push('', 'Skipped:');
    for (const r of skipped) out.push(`  ${r.id}: ${r.message ?? ''}`);
  }
  const failed = report.results.filter((r) => r.status === 'failed');
  for (const r of failed) {
    out.push(
      '',
      `FAIL ${r.id} [${r.level}] ${r.title}`,
      `  why:   ${r.message ?? ''}`,
      `  basis: ${r.basis}`,
    );
    if (r.evidence) {
      out.push(
        '  request:',
        indent(r.evidence.request, 4),
        '  response:',
        indent(r.evidence.response, 4),
      );
    }
  }
  const { mustFailed } = report.summary;
  out.push(
    '',
    mustFailed === 0
      ? 'Every MUST case passed: the implementation honours the contract.'
      : `${mustFailed} MUST case${mustFailed === 1 ? '' : 's'} failed: the implementation does not honour the contract.`,
  );
  return `${out.join('\n')}\n`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
