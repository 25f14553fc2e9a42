import { rootCauseLines } from '../prerequisites.js';
import type { CaseResult, ConformanceReport, Evidence } from '../types.js';
import { verdictSentence } from '../verdict.js';

const MARK: Record<CaseResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
};

/**
 * The human report: the seed and the root causes first (what to fix, in order), a table of
 * every case, the skipped and blocked cases with their reasons, then each failure with its
 * basis, the exchange that shows it and the masked transcript of the case. (The CLI adds the
 * final summary line.)
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
    `seed ${report.seed}${report.strict ? ', strict (SHOULD failures count)' : ''}`,
  ];
  if (report.rootCauses.length > 0) {
    out.push(
      '',
      'Root causes (fix these first):',
      ...rootCauseLines(report.rootCauses).map((l) => `  ${l}`),
    );
  }
  out.push('', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length > 0) {
    out.push('', 'Skipped:');
    for (const r of skipped) out.push(`  ${r.id}: ${r.message ?? ''}`);
  }
  for (const r of report.results.filter((r) => r.status === 'failed')) out.push(...failure(r));
  out.push(...expectationLines(report), '', verdictSentence(report));
  return `${out.join('\n')}\n`;
}

function failure(r: CaseResult): string[] {
  const out = [
    '',
    `FAIL ${r.id} [${r.level}] ${r.title}`,
    `  why:   ${r.message ?? ''}`,
    `  basis: ${r.basis}`,
  ];
  if (r.evidence) out.push(...exchange(r.evidence, '  '));
  if (r.transcript && r.transcript.length > 0) {
    out.push(
      `  transcript (${r.transcript.length} exchange${r.transcript.length === 1 ? '' : 's'}):`,
    );
    r.transcript.forEach((e, i) => {
      out.push(`    #${i + 1}`, ...exchange(e, '    '));
    });
  }
  return out;
}

function exchange(evidence: Evidence, pad: string): string[] {
  return [
    `${pad}request:`,
    indent(evidence.request, pad.length + 2),
    `${pad}response:`,
    indent(evidence.response, pad.length + 2),
  ];
}

function expectationLines(report: ConformanceReport): string[] {
  const exp = report.expectations;
  if (exp === undefined) return [];
  const list = (ids: string[]) => (ids.length === 0 ? '-' : ids.join(', '));
  return [
    '',
    'Expected failures:',
    `  failed as expected: ${list(exp.expected)}`,
    `  unexpected:         ${list(exp.unexpected)}`,
    `  stale (passed):     ${list(exp.stale)}`,
    `  not judged:         ${list(exp.unjudged)}`,
  ];
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
