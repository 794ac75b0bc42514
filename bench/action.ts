/**
 * Bench: this action's jobs against setup-go's cache style, on the same emulated Actions cache
 * service and a fixture upstream with latency, with the real go command on the 109-module corpus.
 *
 *   npx tsx bench/action.ts [--runs 3] [--latency 30] [--gocache warm|cold] [--node FILE]
 *     [--scenarios build,download,onedep] [--keep] [--verbose]
 *
 * Scenarios: warm `go build` job, warm `go mod download` job (of every corpus module the project
 * requires; `all` names .mod-only versions the corpus has no zip for), one dependency changed
 * (ours: partial hit; setup-go: full miss), entry sizes. Each job is main -> one step -> post,
 * run as the runner runs them (test/support/emul). Prints markdown tables; medians of --runs. --node runs
 * both styles' steps (and so our proxy) with another node binary: GitHub runs the action on node24.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startCacheService, type CacheService } from '../test/support/emul/cache-service.js'
import { startUpstream } from '../test/support/helpers/upstream.js'
import { buildBundles } from './action-lib/bundles.js'
import { buildGocacheTemplate, templateDir } from './action-lib/gocache.js'
import { jobRoot, runBenchJob, type JobSpec, type JobTiming, type Style } from './action-lib/jobs.js'
import { prepareProject, type Variant } from './action-lib/project.js'
import { medians, sizeTable, timingTable, type Comparison } from './action-lib/table.js'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    latency: { type: 'string', default: '30' },
    gocache: { type: 'string', default: 'warm' },
    node: { type: 'string' },
    scenarios: { type: 'string', default: 'build,download,onedep' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
})
const runs = Number(flags.runs)
const latencyMs = Number(flags.latency)
const scenarioNames = ['build', 'download', 'onedep']
const scenarios = new Set(flags.scenarios.split(','))
if (
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isFinite(latencyMs) ||
  !['warm', 'cold'].includes(flags.gocache) ||
  [...scenarios].some((name) => !scenarioNames.includes(name))
) {
  process.stderr.write(
    'usage: tsx bench/action.ts [--runs N>=1] [--latency MS] [--gocache warm|cold] [--node FILE]\n' +
      `  [--scenarios ${scenarioNames.join(',')} (any of them)] [--keep] [--verbose]\n`,
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

const bundles = buildBundles(repo, log)
log(`preparing the project (corpus consumer, ${runs + 1} variants, build target)`)
const project = await prepareProject(join(work, 'scratch'), runs + 1)
const upstream = await startUpstream({ root: project.corpus.root, latencyMs })
const service = await startCacheService({ dir: join(work, 'blobs') })
const dirs = jobRoot(join(work, 'job'))
const timings = new Map<string, JobTiming[]>()

async function job(
  scenario: string,
  style: Style,
  variant: Variant,
  command: string,
  template?: string,
): Promise<JobTiming> {
  const spec: JobSpec = {
    style,
    dirs,
    bundles,
    service,
    upstream,
    variant,
    command,
    gocacheTemplate: template,
    node,
  }
  const t = await runBenchJob(spec)
  const key = `${scenario}/${style}`
  timings.set(key, [...(timings.get(key) ?? []), t])
  const restore = t.restoreMs === undefined ? '' : ` (restore ${secs(t.restoreMs)})`
  log(
    `${scenario.padEnd(16)} ${style.padEnd(8)} main ${secs(t.mainMs)}${restore} go ${secs(t.goMs)} ` +
      `post ${secs(t.postMs)} total ${secs(t.totalMs)} upstream ${t.upstreamRequests} (${t.upstreamZips} zips)` +
      `${t.modulesFetched === undefined ? '' : ` fetched ${t.modulesFetched}`} ${t.ok ? 'ok' : 'FAILED'}`,
  )
  if (t.failure && (flags.verbose || !t.ok)) log(`  ${t.failure.split('\n').join('\n  ')}`)
  return t
}

// Both orders, so neither style always runs right after the other (page cache, CPU heat).
async function pair(
  scenario: string,
  r: number,
  variant: Variant,
  command: string,
  template?: string,
): Promise<void> {
  const styles: Style[] = r % 2 === 0 ? ['ours', 'setup-go'] : ['setup-go', 'ours']
  for (const style of styles) await job(scenario, style, variant, command, template)
}

const download = (v: Variant): string => `go mod download ${v.downloadArgs.join(' ')}`
const build = 'go build -o /dev/null .'

/** Sizes of the finalized entries whose key starts with `prefix`: whole entries, or only layers. */
function entrySizes(service: CacheService, prefix: string, layers = false): number[] {
  return service
    .entries()
    .filter((e) => e.finalized && e.key.startsWith(prefix) && e.key.includes('-layer-') === layers)
    .map((e) => e.blobBytes ?? e.sizeBytes ?? 0)
}

try {
  const v0 = project.variants[0]
  if (v0 === undefined) throw new Error('no project variant')
  // The cold jobs that fill both caches: setup-go's holds what a `go mod download` job leaves.
  await pair('cold (prime)', 0, v0, download(v0))
  let template: string | undefined
  if (flags.gocache === 'warm') {
    template = templateDir(work)
    await buildGocacheTemplate(dirs, v0, `file://${project.corpus.root}`, template)
  }
  if (scenarios.has('build'))
    for (let r = 0; r < runs; r++) await pair('warm go build', r, v0, build, template)
  if (scenarios.has('download'))
    for (let r = 0; r < runs; r++) await pair('warm download', r, v0, download(v0), template)
  // Variant r+1 swaps one module against the newest entry (variant r's): one dependency changed.
  for (let r = 0; scenarios.has('onedep') && r < runs; r++) {
    const v = project.variants[r + 1]
    if (v !== undefined) await pair('one dep changed', r, v, download(v), template)
  }
  const compare = (scenario: string, target: number): Comparison => ({
    scenario,
    target,
    ours: medians(timings.get(`${scenario}/ours`) ?? []),
    baseline: medians(timings.get(`${scenario}/setup-go`) ?? []),
  })
  const out = [
    `## go-mod-cache-action vs setup-go-style module cache`,
    '',
    `corpus: ${project.corpus.modules.length} modules; go build target: ${project.packages.length} packages ` +
      `from ${project.buildModules} modules; steps on node ${nodeVersion}; upstream latency ${latencyMs} ms per request; ` +
      `GOCACHE ${flags.gocache === 'warm' ? 'warm (same prebuilt cache in both, not part of either cache)' : 'empty in both'}; ` +
      `only GOMODCACHE is cached by the baseline; medians of ${runs} runs; times in seconds; ` +
      `"ours main" includes starting the proxy, its restore in parentheses.`,
    '',
    timingTable(
      [compare('warm go build', 0.8), compare('warm download', 0.95), compare('one dep changed', 0.3)].filter(
        (row) => row.ours.runs > 0,
      ),
    ),
    '',
    sizeTable(
      entrySizes(service, 'go-mod-cache-v1-'),
      entrySizes(service, 'setup-go-'),
      0.75,
      entrySizes(service, 'go-mod-cache-v1-', true),
    ),
    '',
    'cold jobs (prime, one run, for reference):',
    '',
    timingTable([{ ...compare('cold (prime)', Number.NaN) }]),
    '',
    `bench wall time ${secs(Date.now() - started)} s`,
  ]
  process.stdout.write(out.join('\n') + '\n')
} finally {
  await upstream.stop()
  await service.stop()
  if (flags.keep) log(`kept ${work}`)
  else {
    // setup-go-style jobs leave read-only module trees (no -modcacherw).
    execFileSync('chmod', ['-R', 'u+w', work])
    rmSync(work, { recursive: true, force: true, maxRetries: 3 })
  }
}
