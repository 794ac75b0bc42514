/**
 * Bench: whole jobs of this action (modules and build cache) against actions/setup-go's real cache
 * (GOMODCACHE + GOCACHE under its go.sum key), on the same emulated Actions cache service and a
 * fixture upstream with latency, with the real go command on a project of the corpus's modules.
 *
 *   npx tsx bench/action.ts [--runs 3] [--latency 30] [--gocache empty|warm] [--node FILE]
 *     [--scenarios warm,source,onedep,gobump,changed] [--styles ours,ours-prog,setup-go]
 *     [--baseline real|modules] [--go-from go1.25.5|PATH] [--changed-jobs 10] [--base REV] [--keep]
 *     [--verbose]
 *
 * Each job is main -> `go build -v ./...` -> `go test ./...` -> post on a fresh runner (empty
 * GOCACHE unless --gocache warm), run as the runner runs them (test/support/emul). After the cold
 * jobs that fill every cache, each round runs, every style in a rotating order: warm (nothing
 * changed), one source file changed, one dependency bumped. `gobump` (Go version bumped from
 * --go-from to GO_BIN's) and `changed` (--changed-jobs consecutive changed jobs, by bytes) run on
 * cache services of their own. Prints markdown tables: medians, min, paired ratios against
 * setup-go and their range. GO_BIN picks the go command.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startCacheService } from '../test/support/emul/cache-service.js'
import { GO_BIN } from '../test/support/helpers/gocmd.js'
import { startUpstream } from '../test/support/helpers/upstream.js'
import { buildBaseBundles, buildBundles } from './action-lib/bundles.js'
import { buildGocacheTemplate, templateDir } from './action-lib/gocache.js'
import { fromGoBin, goBumpNames, goBumpRounds, goVersionOf } from './action-lib/gobump.js'
import { jobRoot, type Style } from './action-lib/jobs.js'
import { prepareProject, withSourceChange, type Variant } from './action-lib/project.js'
import { each, entrySizes, loadavg, type BenchContext } from './action-lib/rounds.js'
import { changedSeries, SERIES, seriesVariants } from './action-lib/series.js'
import {
  pairedRatios,
  seriesTable,
  sizeTable,
  timingTable,
  type ScenarioRuns,
  type SeriesSizes,
} from './action-lib/table.js'

/** The rounds on the shared service; `gobump` and `changed` bring their own (not run by default). */
const ROUNDS = ['warm', 'source', 'onedep']
const SCENARIOS = [...ROUNDS, 'gobump', 'changed']
const STYLES: Style[] = ['ours', 'ours-prog', 'ours-base', 'setup-go']
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    latency: { type: 'string', default: '30' },
    gocache: { type: 'string', default: 'empty' },
    node: { type: 'string' },
    scenarios: { type: 'string', default: ROUNDS.join(',') },
    styles: { type: 'string' },
    baseline: { type: 'string', default: 'real' },
    // A 1.25 -> 1.26 bump is the one users meet now; pinned so runs compare.
    'go-from': { type: 'string', default: 'go1.25.5' },
    'changed-jobs': { type: 'string', default: '10' },
    base: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
})
const goVersion = execFileSync(GO_BIN, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
// GOCACHEPROG is Go 1.24+: older go commands get the directory mode only.
const hasProg = Number(/^go1\.(\d+)/.exec(goVersion)?.[1] ?? 0) >= 24
const runs = Number(flags.runs)
const latencyMs = Number(flags.latency)
const scenarios = new Set(flags.scenarios.split(','))
const changedJobs = Number(flags['changed-jobs'])
const styles = (flags.styles?.split(',') ??
  STYLES.filter(
    (st) => (hasProg || st !== 'ours-prog') && (flags.base !== undefined || st !== 'ours-base'),
  )) as Style[]
if (
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(changedJobs) ||
  changedJobs < 1 ||
  !Number.isFinite(latencyMs) ||
  !['empty', 'warm'].includes(flags.gocache) ||
  !['real', 'modules'].includes(flags.baseline) ||
  [...scenarios].some((name) => !SCENARIOS.includes(name)) ||
  styles.some((st) => !STYLES.includes(st)) ||
  (styles.includes('ours-base') && flags.base === undefined)
) {
  process.stderr.write(
    'usage: tsx bench/action.ts [--runs N>=1] [--latency MS] [--gocache empty|warm] [--node FILE]\n' +
      `  [--scenarios ${SCENARIOS.join(',')}] [--styles ${STYLES.join(',')}] [--baseline real|modules]\n` +
      '  [--go-from go1.N.P|PATH] [--changed-jobs N>=1] [--base REV] [--keep] [--verbose]\n',
  )
  process.exit(2)
}
// Absolute: jobs spawn it from their own working directories.
const node = flags.node ? resolve(flags.node) : process.execPath
let nodeVersion: string
try {
  nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
} catch {
  process.stderr.write(`bench: --node: expected a node binary, got ${node}\n`)
  process.exit(2)
}

const repo = fileURLToPath(new URL('..', import.meta.url))
const log = (line: string): void => void process.stderr.write(`${line}\n`)
const secs = (ms: number): string => (ms / 1000).toFixed(2)
const work = mkdtempSync(join(tmpdir(), 'gmc-bench-action-'))
const started = Date.now()
const loads = [loadavg()]
const rounds = ROUNDS.some((name) => scenarios.has(name))

const bundles = buildBundles(repo, log)
if (flags.base !== undefined) bundles.base = buildBaseBundles(repo, flags.base, log)
const fromBin = scenarios.has('gobump') ? fromGoBin(repo, flags['go-from'], log) : undefined
const variantCount = Math.max(runs + 1, scenarios.has('changed') ? seriesVariants(changedJobs) : 0)
log(`preparing the project (corpus consumer, ${variantCount} variants), ${goVersion}`)
const project = await prepareProject(join(work, 'scratch'), variantCount)
const upstream = await startUpstream({ root: project.corpus.root, latencyMs })
const service = await startCacheService({ dir: join(work, 'blobs') })
const ctx: BenchContext = {
  dirs: jobRoot(join(work, 'job')),
  bundles,
  upstream,
  service,
  node,
  modulesOnly: flags.baseline === 'modules',
  styles,
  commands: ['go build -v ./...', 'go test ./...'],
  results: new Map<string, ScenarioRuns>(),
  verbose: flags.verbose,
  log,
}

// The cold jobs that fill every cache, then each round's scenarios on the shared service.
async function sharedRounds(v0: Variant): Promise<void> {
  await each(ctx, 'cold (prime)', 0, v0, v0.files)
  let current = v0
  // Warm is the last job's commit run again: after a source change, that change's sources.
  let last = v0.files
  for (let r = 0; r < runs; r++) {
    loads.push(loadavg())
    if (scenarios.has('warm')) await each(ctx, 'warm', r, current, last)
    // A new rev each round: no cache holds its outputs yet.
    if (scenarios.has('source')) {
      last = withSourceChange(current.files, r + 1)
      await each(ctx, 'one source file', r, current, last)
    }
    // Variant r+1 swaps one module against variant r's: the newest entries are variant r's.
    const next = project.variants[r + 1]
    if (scenarios.has('onedep') && next !== undefined) {
      await each(ctx, 'one dep bumped', r, next, next.files)
      current = next
      last = next.files
    }
  }
}

// The change against its base revision: each round's ours over the same round's ours-base.
function againstBase(rows: Array<[string, ScenarioRuns]>): string {
  const lines = rows.map(([name, runsOf]) => {
    const r = pairedRatios(runsOf, 'ours', 'ours-base').sort((a, b) => a - b)
    const mid = r[Math.floor(r.length / 2)]
    return mid === undefined
      ? `- ${name}: no pair`
      : `- ${name}: ${mid.toFixed(2)}x (${r[0]!.toFixed(2)}x-${r[r.length - 1]!.toFixed(2)}x, n=${r.length})`
  })
  return [`ours / ours-base (${flags.base}), paired per round, median (range):`, ...lines].join('\n')
}

// The tables, in the order of the issue's: timings, the shared service's entries, the series' bytes.
function report(series: SeriesSizes[] | undefined): string {
  const bump =
    fromBin === undefined ? [] : Object.values(goBumpNames(goVersionOf(fromBin), goVersion)).reverse()
  const order = ['warm', 'one source file', 'one dep bumped', ...bump, SERIES.source, SERIES.onedep]
  const rows = [...order, 'cold (prime)', SERIES.prime].flatMap((name): Array<[string, ScenarioRuns]> => {
    const runsOf = ctx.results.get(name)
    return runsOf === undefined ? [] : [[name, runsOf]]
  })
  return [
    `## go-mod-cache-action vs actions/setup-go's cache, whole jobs (${goVersion})`,
    '',
    `corpus: ${project.corpus.modules.length} modules; project: ${project.ownPackages} packages of its own importing ` +
      `${project.packages.length} corpus packages from ${project.buildModules} modules; steps on node ${nodeVersion}; ` +
      `upstream latency ${latencyMs} ms per request; GOCACHE at job start: ` +
      `${flags.gocache === 'warm' ? 'the same prebuilt template in every job' : 'empty (a fresh runner)'}; ` +
      `setup-go caches ${flags.baseline === 'modules' ? 'GOMODCACHE only' : 'GOMODCACHE + GOCACHE'}; ` +
      `ours: build-cache true (ours) / gocacheprog (ours-prog); ${runs} rounds (of warm, source, onedep, gobump); times in seconds; ` +
      `"main" of ours includes starting the proxy, its module restore in parentheses; load average ${loads.join(' -> ')}.`,
    '',
    timingTable(rows, styles),
    ...(styles.includes('ours-base') && styles.includes('ours') ? ['', againstBase(rows)] : []),
    ...(rounds ? ['', sizeTable(styles.map((st) => entrySizes(service, st)))] : []),
    ...(series ? ['', seriesTable(series)] : []),
    '',
    `bench wall time ${secs(Date.now() - started)} s`,
  ].join('\n')
}

try {
  const v0 = project.variants[0]
  if (v0 === undefined) throw new Error('no project variant')
  if (flags.gocache === 'warm') {
    ctx.template = templateDir(work)
    await buildGocacheTemplate(ctx.dirs, v0, `file://${project.corpus.root}`, ctx.template)
  }
  if (rounds) await sharedRounds(v0)
  if (fromBin !== undefined) await goBumpRounds(ctx, runs, v0, fromBin, work)
  loads.push(loadavg())
  const series = scenarios.has('changed')
    ? await changedSeries(ctx, project.variants, changedJobs, work)
    : undefined
  loads.push(loadavg())
  process.stdout.write(report(series) + '\n')
} finally {
  await upstream.stop()
  await service.stop()
  if (flags.keep) log(`kept ${work}`)
  else {
    // setup-go jobs leave read-only module trees (no -modcacherw).
    execFileSync('chmod', ['-R', 'u+w', work])
    rmSync(work, { recursive: true, force: true, maxRetries: 3 })
  }
}
