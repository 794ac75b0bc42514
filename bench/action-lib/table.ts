/** Medians, paired ratios and the markdown tables the action bench prints. */
import type { JobTiming, Style } from './jobs.js'

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2
}

/** One scenario's runs: per style, one timing per round (undefined when that round had none). */
export type ScenarioRuns = Map<Style, (JobTiming | undefined)[]>

const s = (ms: number): string => (Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(2))
const mib = (b: number): string => (Number.isNaN(b) ? '-' : (b / 1048576).toFixed(b < 1048576 ? 3 : 1))
// Two significant digits below a hundredth: a ratio of bytes can be far below it.
const x = (r: number): string =>
  Number.isFinite(r) ? `${r > 0 && r < 0.01 ? r.toPrecision(2) : r.toFixed(2)}x` : '-'

/** Each round's total of `style` over the same round's baseline total (rounds where both ran). */
export function pairedRatios(runs: ScenarioRuns, style: Style, baseline: Style = 'setup-go'): number[] {
  const mine = runs.get(style) ?? []
  const base = runs.get(baseline) ?? []
  return mine.flatMap((t, r) => {
    const b = base[r]
    return t !== undefined && b !== undefined ? [t.totalMs / b.totalMs] : []
  })
}

// One style's row: medians per column, min total, paired ratio and its range.
function row(scenario: string, style: Style, runs: ScenarioRuns): string {
  const ts = (runs.get(style) ?? []).filter((t): t is JobTiming => t !== undefined)
  const col = (f: (t: JobTiming) => number | undefined): number =>
    median(ts.map(f).filter((v): v is number => v !== undefined))
  const restore = col((t) => t.restoreMs)
  const ratios = style === 'setup-go' ? [] : pairedRatios(runs, style)
  const failed = ts.filter((t) => !t.ok).length
  const compiled = [0, 1]
    .map((i) => col((t) => t.compiled[i]))
    .map((n) => (Number.isNaN(n) ? '-' : String(n)))
  return (
    `| ${scenario} | ${style}${failed > 0 ? ` (${failed} FAILED)` : ''} | ` +
    `${s(col((t) => t.mainMs))}${Number.isNaN(restore) ? '' : ` (${s(restore)})`} | ` +
    `${s(col((t) => t.stepMs[0]))} | ${s(col((t) => t.stepMs[1]))} | ${s(col((t) => t.postMs))} | ` +
    `${s(col((t) => t.totalMs))} | ${s(Math.min(...ts.map((t) => t.totalMs)))} | ` +
    `${ratios.length > 0 ? x(median(ratios)) : '-'} | ` +
    `${ratios.length > 0 ? `${x(Math.min(...ratios))}-${x(Math.max(...ratios))}` : '-'} | ` +
    `${compiled.join(' / ')} | ${mib(col((t) => t.uploaded))} | ${col((t) => t.upstreamZips)} |`
  )
}

/** The timing table: per scenario one row per style, ratios against setup-go on ours' rows. */
export function timingTable(scenarios: Array<[string, ScenarioRuns]>, styles: Style[]): string {
  const out = [
    '| scenario | style | main (restore) s | go build s | go test s | post s | total s (median) | total min s | ' +
      'ours / setup-go (paired median) | paired range | compiled: build / test runs | uploaded MiB | upstream zips |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const [scenario, runs] of scenarios)
    for (const style of styles)
      if ((runs.get(style) ?? []).some((t) => t !== undefined)) out.push(row(scenario, style, runs))
  return out.join('\n')
}

/** The sizes of one style's entries in the cache service, in bytes. */
export interface EntrySizes {
  style: Style
  /** Whole entries: setup-go's archive, or ours' module entries. */
  whole: number[]
  /** Ours: whole build entries. */
  build: number[]
  /** Ours: module layers and build layers. */
  layers: number[]
  buildLayers: number[]
}

/** The entry-size table: setup-go's one archive against our module entry + build entry, and layers. */
export function sizeTable(sizes: EntrySizes[]): string {
  const base = median(sizes.find((e) => e.style === 'setup-go')?.whole ?? [])
  const out = [
    '| style | whole entry MiB (median, n) | build entry MiB (median, n) | together / setup-go | module layer MiB (median, n) | build layer MiB (median, n) |',
    '|---|---:|---:|---:|---:|---:|',
  ]
  const cell = (v: number[]): string => (v.length === 0 ? '-' : `${mib(median(v))} (${v.length})`)
  for (const e of sizes) {
    const together = median(e.whole) + (e.build.length > 0 ? median(e.build) : 0)
    out.push(
      `| ${e.style} | ${cell(e.whole)} | ${cell(e.build)} | ${x(together / base)} | ${cell(e.layers)} | ${cell(e.buildLayers)} |`,
    )
  }
  return out.join('\n')
}

/** One style's bytes over the changed-jobs series (series.ts). */
export interface SeriesSizes {
  style: Style
  /** Bytes each changed job uploaded, in order. */
  uploaded: number[]
  /** Bytes the cold job before them uploaded. */
  primeUploaded: number
  /** The style's largest entry in the service after the jobs, and how many entries it has. */
  largest: { key: string; bytes: number }
  entries: number
  /** The changed jobs' totals added up. */
  totalMs: number
}

// What kind of entry a key names, without its hashes.
const kindOf = (key: string): string =>
  key.startsWith('setup-go-')
    ? 'archive'
    : `${key.includes('-build-') ? 'build' : 'module'} ${key.includes('-layer-') ? 'layer' : 'entry'}`

/** The series table: bytes uploaded over the changed jobs and the largest entry, ratios against setup-go. */
export function seriesTable(sizes: SeriesSizes[]): string {
  const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0)
  const base = sizes.find((e) => e.style === 'setup-go')
  const ratio = (mine: number, theirs: number | undefined): string =>
    theirs === undefined ? '-' : x(mine / theirs)
  const out = [
    `| style | uploaded over ${sizes[0]?.uploaded.length ?? 0} changed jobs MiB | / setup-go | jobs that uploaded | ` +
      'largest entry after them MiB (kind) | / setup-go | entries | cold prime uploaded MiB | changed jobs total s | / setup-go |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const e of sizes) {
    const up = sum(e.uploaded)
    out.push(
      `| ${e.style} | ${mib(up)} | ${ratio(up, base && sum(base.uploaded))} | ${e.uploaded.filter((b) => b > 0).length} | ` +
        `${mib(e.largest.bytes)} (${kindOf(e.largest.key)}) | ${ratio(e.largest.bytes, base?.largest.bytes)} | ` +
        `${e.entries} | ${mib(e.primeUploaded)} | ${s(e.totalMs)} | ${ratio(e.totalMs, base?.totalMs)} |`,
    )
  }
  return out.join('\n')
}
