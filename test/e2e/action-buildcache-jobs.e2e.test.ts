/**
 * The build cache over many jobs (issue 25, tests 5 and 6): ten changed jobs in a row leave entries
 * that hold exactly what their job used, never more; two Go versions against one cache service keep
 * two entries and never restore each other's. dist/ main and post under the runner emulation, the
 * emulated cache service, the real go command; each job on a fresh runner (empty GOCACHE, new HOME).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { e2eFixture } from '../support/action/fixture.js'
import {
  archiveNames,
  archiveText,
  extractArchive,
  goJob,
  jobLog,
  problems,
  sumFor,
  type GoJob,
} from '../support/action/job.js'
import { startCacheService, type CacheEntry, type CacheService } from '../support/emul/cache-service.js'
import { GO_BIN } from '../support/helpers/gocmd.js'
import { hasCacheProg } from '../../src/buildcache/goenv.js'
import { MODULES, type Requirement } from '../support/helpers/modules.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

const fx = e2eFixture()
const GO_NEW = process.env.GO_NEW_BIN ?? '/usr/local/go/bin/go'
const GO_OLD = process.env.GO_OLD_BIN ?? '/usr/lib/go-1.19/bin/go'
const goVersion = (bin: string): string =>
  execFileSync(bin, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
const version = goVersion(GO_BIN)
const NO_COMPILE = `test "$(go build -x ./... 2>&1 | grep -c '/compile ')" = 0`
// Where the emulated runner's workspace is saved from: the build entry's archive names start with it.
const ENTRY_DIR = '.go-build-cache-entry/'

/** One job's project: its packages (name to source revision) and the fixture modules it requires. */
interface Spec {
  pkgs: Record<string, number>
  reqs: Requirement[]
}

// example.com/jobs: `base`, imported by every other package; p1 also imports example.com/dep, p2
// example.com/multi, p4 example.com/app once required. No package imports the standard library: a
// cold job compiles a handful of packages, so a reference build in an empty GOCACHE costs nothing.
const MULTI = (v: string): Requirement => ({ module: 'example.com/multi', version: v })
const FIRST: Spec = {
  pkgs: { base: 1, p1: 1, p2: 1, p3: 1, p4: 1, gone: 1 },
  reqs: [MODULES.dep, MULTI('v1.1.0')],
}
const IMPORTS: Record<string, string[]> = {
  p1: ['example.com/dep'],
  p2: ['example.com/multi'],
  p4: ['example.com/app'],
}

/**
 * Ten changed jobs, each with the compiles its change needs when the last entry holds all the rest:
 * sources, a deleted package, a bumped and an added dependency, and the base every package imports.
 */
function tenJobs(): Array<{ spec: Spec; compiles: number }> {
  const jobs = [{ spec: FIRST, compiles: 8 }]
  const next = (compiles: number, change: (s: Spec) => void): void => {
    const last = jobs[jobs.length - 1]!.spec
    const spec: Spec = { pkgs: { ...last.pkgs }, reqs: [...last.reqs] }
    change(spec)
    jobs.push({ spec, compiles })
  }
  next(1, (s) => (s.pkgs.p1! += 1))
  next(0, (s) => delete s.pkgs.gone)
  next(1, (s) => (s.pkgs.p3! += 1))
  next(2, (s) => (s.reqs = [MODULES.dep, MULTI('v1.2.0')])) // multi and p2
  next(5, (s) => (s.pkgs.base! += 1)) // every package of its own: past the layer threshold
  next(1, (s) => (s.pkgs.p4! += 1))
  next(1, (s) => (s.pkgs.p1! += 1))
  next(2, (s) => (s.reqs = [...s.reqs, MODULES.app])) // app and p4, which now imports it
  next(1, (s) => (s.pkgs.p2! += 1))
  return jobs
}

/**
 * Writes the workspace of `spec`, every file checked out at `at` (the go command keys its index of
 * the job's packages on their mtimes: each job is checked out at its own time, as on runners).
 */
function writeSpec(ws: string, spec: Spec, goSumAll: string, at: Date): void {
  const files: Record<string, string> = {
    'go.mod': `module example.com/jobs\n\ngo 1.19\n\nrequire (\n${spec.reqs.map((r) => `\t${r.module} ${r.version}\n`).join('')})\n`,
    'go.sum': sumFor(goSumAll, spec.reqs),
  }
  const hasApp = spec.reqs.some((r) => r.module === MODULES.app.module)
  for (const [pkg, rev] of Object.entries(spec.pkgs)) {
    const imports = pkg === 'base' ? [] : ['example.com/jobs/base', ...(IMPORTS[pkg] ?? [])]
    const used = imports.filter((i) => i !== 'example.com/app' || hasApp)
    const calls = used.map((i) => ` + ${i.split('/').pop()}.Name()`).join('')
    files[`${pkg}/${pkg}.go`] =
      `package ${pkg}\n\n${used.map((i) => `import "${i}"\n`).join('')}\n` +
      `// Name says which revision of example.com/jobs/${pkg} this is.\n` +
      `func Name() string { return "${pkg}@${rev}"${calls} }\n`
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, rel)), { recursive: true })
    writeFileSync(join(ws, rel), text)
  }
  for (const rel of [...Object.keys(files), ...Object.keys(spec.pkgs), '.']) utimesSync(join(ws, rel), at, at)
}

/** The cache files (`ab/<64 hex>-a|d`) a GOCACHE holds, read by the test itself. */
function cacheFilesIn(gocache: string): Set<string> {
  const out = new Set<string>()
  for (const sub of readdirSync(gocache).filter((d) => /^[0-9a-f]{2}$/.test(d)))
    for (const name of readdirSync(join(gocache, sub)))
      if (/^[0-9a-f]{64}-[ad]$/.test(name)) out.add(`${sub}/${name}`)
  return out
}

/**
 * A suite's cache service, job root and directories; `job` runs one project spec on a fresh runner
 * with `mode` as its build-cache input.
 */
function jobsHarness(mode: 'true' | 'gocacheprog' = 'true') {
  const h = {} as { service: CacheService; blobs: TempDir; dirs: TempDir }
  beforeAll(async () => {
    h.blobs = tempDir('gmc-e2e-blobs-')
    h.dirs = tempDir('gmc-e2e-jobs-')
    h.service = await startCacheService({ dir: h.blobs.path })
  })
  afterAll(async () => {
    await h.service?.stop()
    h.blobs?.remove()
    h.dirs?.remove()
  })
  // Checkouts a few minutes back, one second apart: every job sees its own mtimes.
  const t0 = Date.now() - 10 * 60_000
  let n = 0
  const job = async (spec: Spec, steps: string[], goBin = GO_BIN): Promise<GoJob> => {
    const at = new Date(t0 + ++n * 1000)
    const gocache = join(h.dirs.path, `gocache-${n}`)
    mkdirSync(gocache)
    return goJob({
      service: h.service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: spec.reqs,
      project: async (ws) => writeSpec(ws, spec, fx.tree.goSum, at),
      gocache,
      env: { PATH: `${dirname(goBin)}:${process.env.PATH ?? '/usr/bin:/bin'}` },
      steps,
      inputs: { 'build-cache': mode },
      runId: `${n}`,
      root: join(h.dirs.path, 'job'),
    })
  }
  const buildEntries = (): CacheEntry[] =>
    h.service.entries().filter((e) => e.finalized && e.key.includes('-build-'))
  return { h, job, buildEntries, dir: (name: string) => join(h.dirs.path, name) }
}

/** A saved build entry's cache files, and for a layer its base's key and the base files it drops. */
interface Saved {
  entry: CacheEntry
  files: Set<string>
  layer?: { base: string; drop: string[] }
}

async function readSaved(service: CacheService, entry: CacheEntry): Promise<Saved> {
  const names = await archiveNames(service, entry.id)
  const files = new Set(
    names
      .filter((n) => n.startsWith(ENTRY_DIR))
      .map((n) => n.slice(ENTRY_DIR.length))
      .filter((rel) => /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/.test(rel)),
  )
  if (!entry.key.includes('-layer-')) return { entry, files }
  const layer = JSON.parse(await archiveText(service, entry.id, `${ENTRY_DIR}layer.json`)) as Saved['layer']
  return { entry, files, layer }
}

/** What restoring `saved` brings: a whole entry's files, or the layer's files on its base's, less its drops. */
function restoredSet(saved: Saved, byKey: Map<string, Saved>): Set<string> {
  if (!saved.layer) return saved.files
  const base = byKey.get(saved.layer.base)
  if (!base) throw new Error(`the base ${saved.layer.base} of ${saved.entry.key} is not in the service`)
  const out = new Set([...base.files].filter((rel) => !saved.layer!.drop.includes(rel)))
  for (const rel of saved.files) out.add(rel)
  return out
}

/** Every file of a saved entry's archive that contains `text`. */
async function filesContaining(
  service: CacheService,
  entry: CacheEntry,
  text: string,
  dir: string,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  await extractArchive(service, entry.id, dir)
  const root = join(dir, ENTRY_DIR)
  return [...cacheFilesIn(root)].filter((rel) => readFileSync(join(root, rel), 'latin1').includes(text))
}

// On both Go versions: Go 1.26 also indexes the job's packages anew at every checkout, entries
// each job must leave behind. The usage read from GOCACHE's times (every Go), and from the
// GOCACHEPROG journal (Go 1.24+).
describe.each([
  { mode: 'true' as const, runs: true },
  { mode: 'gocacheprog' as const, runs: hasCacheProg(version) },
])(`ten changed jobs in a row (${version}), build-cache: $mode`, { timeout: 300_000 }, ({ mode, runs }) => {
  const { h, job, buildEntries, dir } = jobsHarness(mode)

  test.runIf(runs)(
    'every entry holds only what its job built; the next job compiles only its change; layers sit on whole entries',
    async () => {
      const byKey = new Map<string, Saved>()
      const wholes: Array<Saved & { job: number }> = []
      const jobs = tenJobs()
      // An eleventh job, the tenth's commit again: its entry holds all it needs.
      for (const [i, { spec, compiles }] of [...jobs, { ...jobs[9]!, compiles: 0 }].entries()) {
        // The job's build, counted, then a reference: the same build in an empty GOCACHE, in the same
        // paths and environment: every file this state of the project can use, and nothing else.
        const ref = dir(`ref-${i}`)
        const j = await job(spec, [
          `n=$(go build -x ./... 2>&1 | grep -c '/compile ' || true); echo "compiled $n"; test $n = ${compiles}`,
          mode === 'gocacheprog' ? 'test -n "$GOCACHEPROG"' : 'test -z "$GOCACHEPROG"',
          // GOCACHEPROG empty: the job's program (gocacheprog mode) would take the reference's build.
          `mkdir ${ref} && GOCACHEPROG= GOCACHE=${ref} go build ./...`,
        ])
        const what = `job ${i + 1}\n${jobLog(j)}`
        expect(j.result.success, what).toBe(true)
        expect(problems(j), what).toEqual([])
        expect(j.result.main.outputs['build-cache-hit'], what).toBe(i === 0 ? 'false' : 'true')

        const entries = buildEntries()
        expect(entries, what).toHaveLength(byKey.size + (compiles > 0 ? 1 : 0))
        if (compiles === 0) {
          expect(jobLog(j)).toMatch(/Build cache saved: not saved: nothing new was built/)
          continue
        }
        const newest = entries[entries.length - 1]!
        const saved = await readSaved(h.service, newest)
        byKey.set(newest.key, saved)
        // Layers never stack: a layer's base is the newest whole entry.
        if (saved.layer) expect(saved.layer.base, newest.key).toBe(wholes[wholes.length - 1]?.entry.key)
        else wholes.push({ ...saved, job: i + 1 })
        const reference = cacheFilesIn(ref)
        const stale = [...restoredSet(saved, byKey)].filter((rel) => !reference.has(rel))
        expect(stale, `${newest.key} holds files this project no longer builds\n${what}`).toEqual([])
      }

      // Both kinds were saved, and a whole entry after job 3 deleted the package \`gone\`.
      expect(wholes.length).toBeGreaterThanOrEqual(2)
      expect(byKey.size - wholes.length).toBeGreaterThanOrEqual(2)
      const [first, last] = [wholes[0]!, wholes[wholes.length - 1]!]
      expect(last.job).toBeGreaterThan(3)
      const gone = 'example.com/jobs/gone'
      expect(await filesContaining(h.service, first.entry, gone, dir('first'))).not.toEqual([])
      expect(await filesContaining(h.service, last.entry, gone, dir('last'))).toEqual([])
    },
  )
})

// Both go commands, so it runs once: in the go-new project.
describe.runIf(GO_BIN === GO_NEW)(
  'two Go versions in a matrix, one cache service',
  { timeout: 240_000 },
  () => {
    const { h, job, buildEntries, dir } = jobsHarness()
    const versions = { old: goVersion(GO_OLD), new: goVersion(GO_NEW) }
    const restoredKey = (j: GoJob): string =>
      /Build cache (\S+-build-\S+): \d+ files/.exec(jobLog(j))?.[1] ?? ''
    const keyOf = (v: string): RegExp =>
      new RegExp(`-build-linux-amd64-${v.replace(/\./g, '\\.')}-[0-9a-f]{40}$`)

    test('two build entries keyed by version; each restores its own, never the newer other one', async () => {
      // Cold on Go 1.19, then cold on today's Go: the newest entry is the other version's.
      const old1 = await job(FIRST, ['go build ./...'], GO_OLD)
      expect(old1.result.success, jobLog(old1)).toBe(true)
      const new1 = await job(FIRST, ['go build ./...'], GO_NEW)
      expect(new1.result.success, jobLog(new1)).toBe(true)
      expect(new1.result.main.outputs['build-cache-hit'], jobLog(new1)).toBe('false')
      const entries = buildEntries()
      expect(entries.map((e) => e.key)).toEqual([
        expect.stringMatching(keyOf(versions.old)),
        expect.stringMatching(keyOf(versions.new)),
      ])

      // Warm on each: Go 1.19's newest entry is the other version's; nothing compiles, nothing is saved.
      for (const [bin, v, own] of [
        [GO_OLD, versions.old, entries[0]!],
        [GO_NEW, versions.new, entries[1]!],
      ] as const) {
        const j = await job(FIRST, [NO_COMPILE], bin)
        expect(j.result.success, jobLog(j)).toBe(true)
        expect(j.result.main.outputs['build-cache-hit'], jobLog(j)).toBe('true')
        expect(restoredKey(j), `${v}\n${jobLog(j)}`).toBe(own.key)
        expect(jobLog(j)).toMatch(/Build cache saved: not saved: nothing new was built/)
      }
      expect(buildEntries()).toHaveLength(2)

      // Never mixed: each entry's compiled packages name their own Go version only.
      for (const [e, own, other] of [
        [entries[0]!, versions.old, versions.new],
        [entries[1]!, versions.new, versions.old],
      ] as const) {
        expect(
          await filesContaining(h.service, e, `go object linux amd64 ${own} `, dir(`x-${own}`)),
        ).not.toEqual([])
        expect(await filesContaining(h.service, e, other, dir(`y-${own}`))).toEqual([])
      }
    })
  },
)
