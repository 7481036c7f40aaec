/** Number formatting and a plain-text table for benchmark reports read in a terminal. */

export type Align = 'left' | 'right';

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatSeconds(value: number): string {
  return value.toFixed(3);
}

export function formatRatio(value: number): string {
  return `${value.toFixed(1)}×`;
}

/** Columns padded to their widest cell; `align` gives each column's alignment (default left). */
export function formatTable(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
