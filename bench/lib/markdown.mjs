/** Number formats and tables shared by the report and the comparison. */

/** A number with thousands separators and `digits` decimals; 'n/a' when not measured. */
export const n = (value, digits = 0) =>
  value === undefined || value === null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });

/** A ratio as `0.68x`; 'n/a' when not measured. */
export const x = (value) =>
  value === undefined || value === null || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x`;

/** A markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
