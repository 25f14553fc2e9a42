import { rootCauseLines } from '../prerequisites.js';
import type { CaseResult, ConformanceReport } from '../types.js';

/**
 * JUnit XML for CI dashboards: one `<testsuite>` per case family (SWAP, ERR, …), each opening
 * with `<properties>` (the seed, strictness, the root causes), one `<testcase>` per case,
 * `<failure>` with the reason, the evidence and the masked transcript, `<skipped>` with the
 * reason (`blocked by …` for a case whose prerequisite failed).
 *
 * @example
 * ```ts
 * await writeFile('conformance.xml', formatJunit(report));
 * ```
 */
export function formatJunit(report: ConformanceReport): string {
  const families = new Map<string, CaseResult[]>();
  for (const result of report.results) {
    const family = result.id.split('-')[0] ?? result.id;
    families.set(family, [...(families.get(family) ?? []), result]);
  }
  const { summary } = report;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tokenswap-conformance" tests="${report.results.length}" failures="${summary.failed}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}">`,
  ];
  for (const [family, results] of families) {
    const failures = results.filter((r) => r.status === 'failed').length;
    const skipped = results.filter((r) => r.status === 'skipped').length;
    const time = results.reduce((t, r) => t + r.durationMs, 0);
    out.push(
      `  <testsuite name="${family}" tests="${results.length}" failures="${failures}" skipped="${skipped}" time="${seconds(time)}" timestamp="${report.startedAt}">`,
    );
    out.push(...properties(report));
    for (const r of results) out.push(...testcase(r));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testcase(r: CaseResult): string[] {
  const open = `    <testcase classname="tokenswap.conformance.${escapeXml(r.id.split('-')[0] ?? '')}" name="${escapeXml(`${r.id} [${r.level}] ${r.title}`)}" time="${seconds(r.durationMs)}"`;
  if (r.status === 'passed') return [`${open}/>`];
  if (r.status === 'skipped')
    return [
      `${open}>`,
      `      <skipped message="${escapeXml(r.message ?? '')}"/>`,
      '    </testcase>',
    ];
  const detail = [
    `basis: ${r.basis}`,
    r.evidence ? `request:\n${r.evidence.request}\n\nresponse:\n${r.evidence.response}` : '',
    ...(r.transcript ?? []).map(
      (e, i) => `transcript #${i + 1}\nrequest:\n${e.request}\n\nresponse:\n${e.response}`,
    ),
  ].join('\n\n');
  return [
    `${open}>`,
    `      <failure message="${escapeXml(r.message ?? '')}" type="${r.level}">${escapeXml(detail)}</failure>`,
    '    </testcase>',
  ];
}

function properties(report: ConformanceReport): string[] {
  const property = (name: string, value: string) =>
    `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`;
  return [
    '    <properties>',
    property('seed', String(report.seed)),
    property('strict', String(report.strict)),
    ...rootCauseLines(report.rootCauses).map((line) => property('root-cause', line)),
    '    </properties>',
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML attribute/text escaping; control characters (not allowed in XML 1.0) become U+FFFD. */
function escapeXml(text: string): string {
  return (
    text
      .replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
      )
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
  );
}
