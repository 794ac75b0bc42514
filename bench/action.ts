/**
 * Bench: whole jobs of this action (modules and build cache) against actions/setup-go's real cache
 * (GOMODCACHE + GOCACHE under its go.sum key), on the same emulated Actions cache service and a
 * fixture upstream with latency, with the real go command on a project of the corpus's modules.
 *
 *   npx tsx bench/action.ts [--runs 3] [--latency 30] [--gocache empty|warm] [--node FILE]
 *     [--scenarios warm,source,onedep] [--styles ours,ours-prog,setup-go] [--baseline real|modules]
 *     [--base REV] [--keep] [--verbose]
 *
 * Each job is main -> `go build -v ./...` -> `go test ./...` -> post on a fresh runner (empty
 * GOCACHE unless --gocache warm), run as the runner runs them (test/support/emul). After the cold
 * jobs that fill every cache, each round runs, every style in a rotating order: warm (nothing
 * changed), one source file changed, one dependency bumped. Prints markdown tables: medians, min,
 * paired ratios against setup-go and their range. GO_BIN picks the go command.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startCacheService, type CacheService } from '../test/support/emul/cache-service.js'
import { GO_BIN } from '../test/support/helpers/gocmd.js'
import { startUpstream } from '../test/support/helpers/upstream.js'
import { buildBaseBundles, buildBundles } from './action-lib/bundles.js'
import { buildGocacheTemplate, templateDir } from './action-lib/gocache.js'
import { jobRoot, OUR_INPUTS, runBenchJob, type JobTiming, type Style } from './action-lib/jobs.js'
import { prepareProject, withSourceChange, type Variant } from './action-lib/project.js'
import {
  pairedRatios,
  sizeTable,
  timingTable,
  type EntrySizes,
  type ScenarioRuns,
} from './action-lib/table.js'

const SCENARIOS = ['warm', 'source', 'onedep']
const STYLES: Style[] = ['ours', 'ours-prog', 'ours-base', 'setup-go']
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    latency: { type: 'string', default: '30' },
    gocache: { type: 'string', default: 'empty' },
    node: { type: 'string' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    styles: { type: 'string' },
    baseline: { type: 'string', default: 'real' },
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
const styles = (flags.styles?.split(',') ??
  STYLES.filter(
    (st) => (hasProg || st !== 'ours-prog') && (flags.base !== undefined || st !== 'ours-base'),
  )) as Style[]
if (
  !Number.isInteger(runs) ||
  runs < 1 ||
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
      '  [--base REV] [--keep] [--verbose]\n',
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
const load = (): string =>
  execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ')
const loads = [load()]

const bundles = buildBundles(repo, log)
if (flags.base !== undefined) bundles.base = buildBaseBundles(repo, flags.base, log)
log(`preparing the project (corpus consumer, ${runs + 1} variants), ${goVersion}`)
const project = await prepareProject(join(work, 'scratch'), runs + 1)
const upstream = await startUpstream({ root: project.corpus.root, latencyMs })
const service = await startCacheService({ dir: join(work, 'blobs') })
const dirs = jobRoot(join(work, 'job'))
const results = new Map<string, ScenarioRuns>()
const STEPS = ['go build -v ./...', 'go test ./...']

async function job(
  scenario: string,
  round: number,
  style: Style,
  variant: Variant,
  files: Record<string, string>,
  template?: string,
): Promise<JobTiming> {
  const t = await runBenchJob({
    style,
    dirs,
    bundles,
    service,
    upstream,
    variant,
    files,
    commands: STEPS,
    gocacheTemplate: template,
    node,
    modulesOnly: flags.baseline === 'modules',
  })
  const byStyle = results.get(scenario) ?? new Map<Style, (JobTiming | undefined)[]>()
  const list = byStyle.get(style) ?? []
  list[round] = t
  byStyle.set(style, list)
  results.set(scenario, byStyle)
  const restore = t.restoreMs === undefined ? '' : ` (restore ${secs(t.restoreMs)})`
  log(
    `${scenario.padEnd(14)} r${round} ${style.padEnd(9)} main ${secs(t.mainMs)}${restore} ` +
      `go ${t.stepMs.map(secs).join(' + ')} post ${secs(t.postMs)} total ${secs(t.totalMs)} ` +
      `compiled ${t.compiled.join('/')} up ${(t.uploaded / 1048576).toFixed(1)} MiB ` +
      `zips ${t.upstreamZips} ${t.ok ? 'ok' : 'FAILED'} (load ${load()})`,
  )
  if (t.failure && (flags.verbose || !t.ok)) log(`  ${t.failure.split('\n').join('\n  ')}`)
  return t
}

// Every style once, in an order that rotates by round, so none always follows another.
async function each(
  scenario: string,
  round: number,
  variant: Variant,
  files: Record<string, string>,
  template?: string,
): Promise<void> {
  const order = styles.map((_, i) => styles[(i + round) % styles.length] as Style)
  for (const style of order) await job(scenario, round, style, variant, files, template)
}

// Ours' entries by key prefix (each style has its own); setup-go's by its own prefix.
function entrySizes(cache: CacheService, style: Style): EntrySizes {
  const prefix = style === 'setup-go' ? 'setup-go-' : `${OUR_INPUTS[style]['key-prefix']}-`
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

try {
  const v0 = project.variants[0]
  if (v0 === undefined) throw new Error('no project variant')
  let template: string | undefined
  if (flags.gocache === 'warm') {
    template = templateDir(work)
    await buildGocacheTemplate(dirs, v0, `file://${project.corpus.root}`, template)
  }
  // The cold jobs that fill every cache.
  await each('cold (prime)', 0, v0, v0.files, template)
  let current = v0
  for (let r = 0; r < runs; r++) {
    loads.push(load())
    if (scenarios.has('warm')) await each('warm', r, current, current.files, template)
    // A new rev each round: no cache holds its outputs yet.
    if (scenarios.has('source'))
      await each('one source file', r, current, withSourceChange(current.files, r + 1), template)
    // Variant r+1 swaps one module against variant r's: the newest entries are variant r's.
    const next = project.variants[r + 1]
    if (scenarios.has('onedep') && next !== undefined) {
      await each('one dep bumped', r, next, next.files, template)
      current = next
    }
  }
  loads.push(load())
  const order = ['warm', 'one source file', 'one dep bumped', 'cold (prime)']
  const rows = order.flatMap((name): Array<[string, ScenarioRuns]> => {
    const runsOf = results.get(name)
    return runsOf === undefined ? [] : [[name, runsOf]]
  })
  const out = [
    `## go-mod-cache-action vs actions/setup-go's cache, whole jobs (${goVersion})`,
    '',
    `corpus: ${project.corpus.modules.length} modules; project: ${project.ownPackages} packages of its own importing ` +
      `${project.packages.length} corpus packages from ${project.buildModules} modules; steps on node ${nodeVersion}; ` +
      `upstream latency ${latencyMs} ms per request; GOCACHE at job start: ` +
      `${flags.gocache === 'warm' ? 'the same prebuilt template in every job' : 'empty (a fresh runner)'}; ` +
      `setup-go caches ${flags.baseline === 'modules' ? 'GOMODCACHE only' : 'GOMODCACHE + GOCACHE'}; ` +
      `ours: build-cache true (ours) / gocacheprog (ours-prog); ${runs} rounds; times in seconds; ` +
      `"main" of ours includes starting the proxy, its module restore in parentheses; load average ${loads.join(' -> ')}.`,
    '',
    timingTable(rows, styles),
    '',
    ...(styles.includes('ours-base') && styles.includes('ours') ? [againstBase(rows), ''] : []),
    sizeTable(styles.map((st) => entrySizes(service, st))),
    '',
    `bench wall time ${secs(Date.now() - started)} s`,
  ]
  process.stdout.write(out.join('\n') + '\n')
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
