import type { ConformanceReport } from '../types.js';

/**
 * The machine-readable report: the `ConformanceReport` as pretty-printed JSON.
 *
 * @example
 * ```ts
 * await writeFile('conformance.json', formatJson(report));
 * ```
 */
export function formatJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
