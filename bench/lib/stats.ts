/** Small statistics and formatting helpers for benchmark tables. */

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[mid] ?? NaN
  return ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

/** The smallest value of a list (NaN when empty). */
export function min(values: number[]): number {
  return values.length === 0 ? NaN : Math.min(...values)
}

/** The largest value of a list (NaN when empty). */
export function max(values: number[]): number {
  return values.length === 0 ? NaN : Math.max(...values)
}

/** Renders a markdown table; every row must have as many cells as the header. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
