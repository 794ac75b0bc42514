/** Medians and the markdown table the bench prints. */
import type { JobTiming } from './jobs.js'

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2
}

/** Per-column medians of a style's runs of one scenario. */
export type Medians = { runs: number; failed: number } & Pick<
  JobTiming,
  'mainMs' | 'goMs' | 'postMs' | 'totalMs' | 'restoreMs' | 'upstreamRequests' | 'upstreamZips'
>

/** Medians of every column over the runs (each column on its own). */
export function medians(runs: JobTiming[]): Medians {
  const of = (f: (t: JobTiming) => number | undefined): number =>
    median(runs.map(f).filter((v): v is number => v !== undefined))
  const restore = of((t) => t.restoreMs)
  return {
    runs: runs.length,
    failed: runs.filter((t) => !t.ok).length,
    mainMs: of((t) => t.mainMs),
    goMs: of((t) => t.goMs),
    postMs: of((t) => t.postMs),
    totalMs: of((t) => t.totalMs),
    ...(Number.isNaN(restore) ? {} : { restoreMs: restore }),
    upstreamRequests: of((t) => t.upstreamRequests),
    upstreamZips: of((t) => t.upstreamZips),
  }
}

/** One compared scenario: ours against the baseline, with the target ratio. */
export interface Comparison {
  scenario: string
  ours: Medians
  baseline: Medians
  /** ours.total / baseline.total must be at most this. */
  target: number
}

const s = (ms: number): string => (Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(2))

/** The timing table: one row per style and scenario, the ratio and verdict on ours' row. */
export function timingTable(rows: Comparison[]): string {
  const out = [
    '| scenario | style | main (restore) s | go step s | post s | total s | upstream req (zips) | ratio | target | met? |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const row of rows) {
    const ratio = row.ours.totalMs / row.baseline.totalMs
    const failed = row.ours.failed + row.baseline.failed
    const noTarget = Number.isNaN(row.target)
    const verdict =
      failed > 0 ? `invalid (${failed} failed runs)` : noTarget ? '-' : ratio <= row.target ? 'met' : 'missed'
    const restore = row.ours.restoreMs === undefined ? '' : ` (${s(row.ours.restoreMs)})`
    out.push(
      `| ${row.scenario} | ours | ${s(row.ours.mainMs)}${restore} | ${s(row.ours.goMs)} | ${s(row.ours.postMs)} | ` +
        `${s(row.ours.totalMs)} | ${row.ours.upstreamRequests} (${row.ours.upstreamZips}) | ` +
        `${ratio.toFixed(2)}x | ${noTarget ? '-' : `<= ${row.target}x`} | ${verdict} |`,
    )
    out.push(
      `| | setup-go | ${s(row.baseline.mainMs)} | ${s(row.baseline.goMs)} | ${s(row.baseline.postMs)} | ` +
        `${s(row.baseline.totalMs)} | ${row.baseline.upstreamRequests} (${row.baseline.upstreamZips}) | | | |`,
    )
  }
  return out.join('\n')
}

/**
 * The entry-size rows: whole entries against setup-go's (the target), and the layers one changed
 * dependency saved instead of a whole entry (layer.ts), for reference.
 */
export function sizeTable(ours: number[], baseline: number[], target: number, layers: number[] = []): string {
  // Three decimals below 1 MiB: a layer of one small module is a few KiB, not "0.0".
  const mib = (b: number): string => (b / 1048576).toFixed(b < 1048576 ? 3 : 1)
  const o = median(ours)
  const b = median(baseline)
  const ratio = o / b
  const rows = [
    '| entry | ours MiB | setup-go MiB | ratio | target | met? |',
    '|---|---:|---:|---:|---:|---|',
    `| whole entry in the cache service (median of ${ours.length} / ${baseline.length}) | ${mib(o)} | ${mib(b)} | ` +
      `${ratio.toFixed(2)}x | <= ${target}x | ${ratio <= target ? 'met' : 'missed'} |`,
  ]
  if (layers.length > 0) {
    const l = median(layers)
    rows.push(
      `| one dep changed: layer saved instead (median of ${layers.length}) | ${mib(l)} | ${mib(b)} | ` +
        `${(l / b).toFixed(4)}x | - | - |`,
    )
  }
  return rows.join('\n')
}
