/**
 * Running and recording the action bench's jobs: one job of a style in a scenario's round, every
 * style once per round in a rotating order, and the sizes of a style's entries in a cache service.
 */
import { readFileSync } from 'node:fs'
import type { CacheService } from '../../test/support/emul/cache-service.js'
import type { Upstream } from '../../test/support/helpers/upstream.js'
import type { Bundles } from './bundles.js'
import { OUR_INPUTS, runBenchJob, type JobRoot, type JobTiming, type Style } from './jobs.js'
import type { Variant } from './project.js'
import type { EntrySizes, ScenarioRuns } from './table.js'

/** What every job of one bench run shares, and where its timings are kept. */
export interface BenchContext {
  dirs: JobRoot
  bundles: Bundles
  upstream: Upstream
  /** The cache service jobs use unless a scenario brings its own. */
  service: CacheService
  node: string
  modulesOnly: boolean
  styles: Style[]
  commands: string[]
  /** A GOCACHE every job starts from (--gocache warm). */
  template?: string
  /** Per scenario name, per style, one timing per round. */
  results: Map<string, ScenarioRuns>
  verbose: boolean
  log: (line: string) => void
}

/** What a scenario may change for its jobs: the go command, the cache service. */
export interface JobOptions {
  goBin?: string
  service?: CacheService
}

const secs = (ms: number): string => (ms / 1000).toFixed(2)
/** The load averages (1, 5, 15 minutes) of this shared machine. */
export const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/** Runs one job, records it under `scenario` and `round`, and logs one line about it. */
export async function job(
  ctx: BenchContext,
  scenario: string,
  round: number,
  style: Style,
  variant: Variant,
  files: Record<string, string>,
  opts: JobOptions = {},
): Promise<JobTiming> {
  const t = await runBenchJob({
    style,
    dirs: ctx.dirs,
    bundles: ctx.bundles,
    service: opts.service ?? ctx.service,
    upstream: ctx.upstream,
    variant,
    files,
    commands: ctx.commands,
    gocacheTemplate: ctx.template,
    node: ctx.node,
    modulesOnly: ctx.modulesOnly,
    goBin: opts.goBin,
  })
  const byStyle = ctx.results.get(scenario) ?? new Map<Style, (JobTiming | undefined)[]>()
  const list = byStyle.get(style) ?? []
  list[round] = t
  byStyle.set(style, list)
  ctx.results.set(scenario, byStyle)
  const restore = t.restoreMs === undefined ? '' : ` (restore ${secs(t.restoreMs)})`
  ctx.log(
    `${scenario.padEnd(14)} r${round} ${style.padEnd(9)} main ${secs(t.mainMs)}${restore} ` +
      `go ${t.stepMs.map(secs).join(' + ')} post ${secs(t.postMs)} total ${secs(t.totalMs)} ` +
      `compiled ${t.compiled.join('/')} up ${(t.uploaded / 1048576).toFixed(1)} MiB ` +
      `zips ${t.upstreamZips} ${t.ok ? 'ok' : 'FAILED'} (load ${loadavg()})`,
  )
  if (t.failure && (ctx.verbose || !t.ok)) ctx.log(`  ${t.failure.split('\n').join('\n  ')}`)
  return t
}

/** Every style once, in an order that rotates by round, so none always follows another. */
export async function each(
  ctx: BenchContext,
  scenario: string,
  round: number,
  variant: Variant,
  files: Record<string, string>,
  opts: JobOptions = {},
): Promise<Map<Style, JobTiming>> {
  const order = ctx.styles.map((_, i) => ctx.styles[(i + round) % ctx.styles.length] as Style)
  const out = new Map<Style, JobTiming>()
  for (const style of order) out.set(style, await job(ctx, scenario, round, style, variant, files, opts))
  return out
}

/** The key prefix of a style's entries: each of ours has its own, setup-go's is its own. */
export const keyPrefixOf = (style: Style): string =>
  style === 'setup-go' ? 'setup-go-' : `${OUR_INPUTS[style]['key-prefix']}-`

/** A style's finalized entries in the service, by kind, in bytes. */
export function entrySizes(cache: CacheService, style: Style): EntrySizes {
  const prefix = keyPrefixOf(style)
  const mine = cache.entries().filter((e) => e.finalized && e.key.startsWith(prefix))
  const size = (pick: (key: string) => boolean): number[] =>
    mine.filter((e) => pick(e.key)).map((e) => e.blobBytes ?? e.sizeBytes ?? 0)
  const build = (k: string): boolean => k.startsWith(`${prefix}build-`)
  const layer = (k: string): boolean => k.includes('-layer-')
  return {
    style,
    whole: size((k) => !build(k) && !layer(k)),
    build: size((k) => build(k) && !layer(k)),
    layers: size((k) => !build(k) && layer(k)),
    buildLayers: size((k) => build(k) && layer(k)),
  }
}
