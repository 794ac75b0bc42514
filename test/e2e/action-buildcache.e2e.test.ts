/**
 * The build cache end to end: a cold job saves an entry of what it used and built; the next job,
 * on a fresh runner (empty GOCACHE), restores it, compiles nothing, finds its tests cached and
 * saves nothing; build-cache: false leaves GOCACHE alone. dist/ main and post under the runner
 * emulation, the emulated cache service, the real go command.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hasCacheProg } from '../../src/buildcache/goenv.js'
import {
  startCacheService,
  type CacheService,
  type Fault,
  type FaultTarget,
} from '../support/emul/cache-service.js'
import { GO_BIN } from '../support/helpers/gocmd.js'
import { MODULES } from '../support/helpers/modules.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import { DIST, goJob, jobLog, problems, writeProject, type GoJob } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'
import { gocacheSeed } from '../support/action/gocache.js'

const fx = e2eFixture()
const MULTI_OLD = { module: 'example.com/multi', version: 'v1.1.0' }
const MULTI_NEW = { module: 'example.com/multi', version: 'v1.2.0' }
const REQS = [MODULES.app, MODULES.dep, MULTI_OLD]
const version = execFileSync(GO_BIN, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
const NO_COMPILE = `test "$(go build -x ./... 2>&1 | grep -c '/compile ')" = 0`

// A cold job builds and archives the standard library's outputs too: room for a loaded machine.
describe(`the build cache (${version})`, { timeout: 240_000 }, () => {
  let service: CacheService
  let blobs: TempDir
  let dirs: TempDir

  let seed: string
  beforeAll(async () => {
    blobs = tempDir('gmc-e2e-blobs-')
    dirs = tempDir('gmc-e2e-gocache-')
    service = await startCacheService({ dir: blobs.path })
    seed = await gocacheSeed(join(dirs.path, 'seed'))
  }, 300_000)
  afterAll(async () => {
    await service?.stop()
    blobs?.remove()
    dirs?.remove()
  })

  /**
   * A fresh GOCACHE: empty, or holding the standard library as a runner's setup step might leave it
   * (the file's seed): copied (own inodes, for a job whose saved usage is read from times other
   * jobs' go commands also touch) or hard-linked (a job that saves nothing).
   */
  let n = 0
  const gocache = (from: 'empty' | 'copy' | 'link'): string => {
    const dir = join(dirs.path, `gocache-${n++}`)
    if (from === 'empty') mkdirSync(dir)
    else execFileSync('cp', [from === 'copy' ? '-a' : '-al', seed, dir])
    return dir
  }
  // Checked out a minute back, each job at a different time, as on runners: the go command then
  // indexes the job's own packages by their mtimes, a new index entry every job, never a reason to save.
  const projectOf =
    (reqs: typeof REQS) =>
    async (ws: string): Promise<void> => {
      await writeProject(ws, fx.tree.goSum, reqs)
      writeFileSync(
        join(ws, 'main_test.go'),
        'package main\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n',
      )
      const then = new Date(Date.now() - 60_000 + n * 1000)
      for (const name of readdirSync(ws)) utimesSync(join(ws, name), then, then)
    }
  const project = projectOf(REQS)
  const job = (
    cache: string,
    steps: string[],
    inputs: Record<string, string> = { 'build-cache': 'true' },
    write = project,
    reqs = REQS,
  ): Promise<GoJob> =>
    goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs,
      project: write,
      gocache: cache,
      steps,
      inputs,
      runId: `${n}`,
      root: join(dirs.path, 'job'),
    })
  const buildEntries = () => service.entries().filter((e) => e.finalized && e.key.includes('-build-'))

  test('cold: builds and tests, and post saves a build entry for this OS, arch and Go version', async () => {
    const j = await job(gocache('copy'), ['go build ./...', 'go test ./...'])
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(problems(j), jobLog(j)).toEqual([])
    expect(j.result.main.outputs['build-cache-hit']).toBe('false')
    const entries = buildEntries()
    expect(entries.map((e) => e.key)).toEqual([
      expect.stringMatching(
        new RegExp(`^go-mod-cache-v1-build-linux-amd64-${version.replace(/\./g, '\\.')}-[0-9a-f]{40}$`),
      ),
    ])
    expect(jobLog(j)).toMatch(/Build actions: \d+ reused from the cache, [1-9]\d* run by this job/)
  })

  test('warm, fresh runner: restores it, compiles nothing, tests (cached), saves nothing', async () => {
    const j = await job(gocache('empty'), [
      NO_COMPILE,
      'go test ./... > test.out; cat test.out; grep -q "(cached)" test.out',
    ])
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['build-cache-hit']).toBe('true')
    expect(
      buildEntries().map((e) => e.key),
      jobLog(j),
    ).toHaveLength(1)
    expect(jobLog(j)).toMatch(/Build cache saved: not saved: nothing new was built/)
    // Restored beside the modules, the build cache's lines still come in a group of their own.
    const main = j.result.main.stdout
    const modules = main.slice(main.indexOf('::group::Restore Go modules') + 1)
    expect(modules.slice(0, modules.indexOf('::endgroup::'))).not.toMatch(/::group::|Build cache/)
    expect(main).toMatch(
      /::group::Restore the Go build cache\r?\n(?:.*\r?\n)*?Build cache go-mod-cache-v1-build-/,
    )
  })

  test('build-cache: false restores nothing and saves nothing', async () => {
    const j = await job(gocache('link'), ['go build ./...'], { 'build-cache': 'false' })
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['build-cache-hit']).toBe('false')
    expect(
      buildEntries().map((e) => e.key),
      jobLog(j),
    ).toHaveLength(1)
    expect(jobLog(j)).not.toMatch(/Build cache/)
  })

  test('save: never and cache: false apply to the build cache as to modules', async () => {
    const change = `printf 'package main\\n\\nfunc extra() {}\\n' > extra.go && go build ./...`
    const never = await job(gocache('empty'), [change], { 'build-cache': 'true', save: 'never' })
    expect(never.result.success, jobLog(never)).toBe(true)
    expect(never.result.main.outputs['build-cache-hit']).toBe('true')
    expect(jobLog(never)).toMatch(/Build cache saved: not saved: saving is off for this job/)
    const off = await job(gocache('link'), [change], { 'build-cache': 'true', cache: 'false' })
    expect(off.result.success, jobLog(off)).toBe(true)
    expect(off.result.main.outputs['build-cache-hit']).toBe('false')
    expect(buildEntries().map((e) => e.key)).toHaveLength(1)
  })

  test('matrix jobs with a build-cache-scope each restore their own newest entry, not the sibling saved last', async () => {
    const pkg = (name: string): string =>
      `mkdir -p ${name} && printf 'package ${name}\\n\\nfunc F() int { return 1 }\\n' > ${name}/f.go`
    // A key prefix of its own: the later tests restore the newest entry of the suite's prefix.
    const scoped = (scope: string) => ({
      'build-cache': 'true',
      'build-cache-scope': scope,
      'key-prefix': 'go-mod-cache-matrix',
    })
    const api = await job(gocache('copy'), [pkg('api'), 'go build ./api/'], scoped('api'))
    expect(api.result.success, jobLog(api)).toBe(true)
    // The worker's first job has no entry of its own: it starts from the api job's, and saves its own.
    const worker = await job(gocache('empty'), [pkg('worker'), 'go build ./worker/'], scoped('worker'))
    expect(worker.result.success, jobLog(worker)).toBe(true)
    expect(jobLog(worker)).toMatch(/Build cache go-mod-cache-matrix-build-[^ ]+-api-[0-9a-f]{40}/)
    const keys = buildEntries().map((e) => e.key)
    expect(
      keys.some((k) => /-worker-[0-9a-f]{40}/.test(k)),
      keys.join('\n'),
    ).toBe(true)
    // The worker's entry is the newest; the api job still finds its own and compiles nothing.
    const again = await job(
      gocache('empty'),
      [pkg('api'), `test "$(go build -x ./api/ 2>&1 | grep -c '/compile ')" = 0`],
      scoped('api'),
    )
    expect(again.result.success, jobLog(again)).toBe(true)
    expect(jobLog(again)).toMatch(/Build cache go-mod-cache-matrix-build-[^ ]+-api-[0-9a-f]{40}/)
  })

  test("two runners' jobs at once on one GOCACHE: neither saves the other's outputs as its own", async () => {
    // Self-hosted runners of one user share ~/.cache/go-build. Each job compiles a file of its own
    // while the other runs (the steps wait for each other), so the times show both jobs' outputs.
    const shared = gocache('copy')
    const sync = join(dirs.path, `sync-${n}`)
    mkdirSync(sync)
    const waitFor = (name: string): string =>
      `timeout 60 sh -c 'until [ -e "${sync}/${name}" ]; do sleep 0.1; done'`
    const own = (name: string): string =>
      `printf 'package main\\n\\nfunc ${name}() {}\\n' > ${name}.go && go build ./...`
    const before = buildEntries().length
    const run = (runner: string, steps: string[]): Promise<GoJob> =>
      goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs: REQS,
        project,
        gocache: shared,
        env: { RUNNER_NAME: runner },
        steps,
        inputs: { 'build-cache': 'true' },
        runId: `${n++}`,
      })
    const jobs = await Promise.all([
      run('runner-a', [own('fromA'), `touch "${sync}/a"`, waitFor('b')]),
      run('runner-b', [waitFor('a'), own('fromB'), `touch "${sync}/b"`]),
    ])
    for (const j of jobs) {
      expect(j.result.success, jobLog(j)).toBe(true)
      expect(problems(j), jobLog(j)).toEqual([])
      expect(jobLog(j)).toMatch(
        /Build cache saved: not saved: 1 job\(s\) of other runners used GOCACHE meanwhile/,
      )
      // The times count the other job's actions too: the summary gives no count of this job's.
      expect(jobLog(j)).not.toMatch(/Build actions:/)
    }
    expect(buildEntries()).toHaveLength(before)
  })

  test.runIf(hasCacheProg(version))(
    'build-cache: gocacheprog restores the same entry and serves it through GOCACHEPROG',
    async () => {
      const j = await job(gocache('empty'), [NO_COMPILE, 'test -n "$GOCACHEPROG"'], {
        'build-cache': 'gocacheprog',
      })
      expect(j.result.success, jobLog(j)).toBe(true)
      expect(j.result.main.outputs['build-cache-hit']).toBe('true')
      expect(jobLog(j)).toMatch(/usage from GOCACHEPROG/)
      expect(jobLog(j)).toMatch(/Build cache saved: not saved: nothing new was built/)
    },
  )

  test.runIf(hasCacheProg(version))('a GOCACHEPROG the job sets is left alone, and said so', async () => {
    // The job's own program starts from the seed (it keeps the go command's layout): nothing of
    // the standard library to compile.
    const own = join(dirs.path, 'own-prog')
    execFileSync('cp', ['-a', seed, own])
    const j = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: REQS,
      project,
      gocache: gocache('empty'),
      env: { GOCACHEPROG: `${process.execPath} ${DIST.cacheprog} ${own} ${own}.journal` },
      steps: ['test -n "$GOCACHEPROG"', 'go build ./...'],
      inputs: { 'build-cache': 'true' },
      runId: `${n}`,
      root: join(dirs.path, 'job'),
    })
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['build-cache-hit']).toBe('false')
    expect(jobLog(j)).toMatch(/GOCACHEPROG is set by the job \(.+\): the build cache is left to it/)
    expect(jobLog(j)).not.toMatch(/Build cache saved/)
  })

  test('one source file changed: only its package compiles again, and a small layer is saved', async () => {
    const change = `printf 'package main\\n\\nfunc extra() {}\\n' > extra.go`
    const j = await job(gocache('empty'), [
      change,
      `test "$(go build -x ./... 2>&1 | grep -c '/compile ')" = 1`,
      'go test ./...',
    ])
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['build-cache-hit']).toBe('true')
    expect(jobLog(j)).toMatch(
      /Build cache saved: go-mod-cache-v1-build-linux-amd64-\S+-layer-[0-9a-f]{40} \(/,
    )
  })

  test('one dependency bumped: modules hit in part, the build entry by restore key, only importers compile', async () => {
    const bumped = [MODULES.app, MODULES.dep, MULTI_NEW]
    const compiles = `n=$(go build -x ./... 2>&1 | grep -c '/compile '); echo "compiled $n"; test "$n" -ge 2 -a "$n" -le 3`
    const j = await job(gocache('empty'), [compiles], undefined, projectOf(bumped), bumped)
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['cache-hit']).toBe('false')
    expect(j.result.main.outputs['cache-matched-key']).not.toBe('')
    expect(j.result.main.outputs['build-cache-hit']).toBe('true')
  })

  test('entry downloads failing (every try reset) cost the job its caches, never the job', async () => {
    await service.setFault('blob-download', { kind: 'reset' })
    try {
      const j = await job(gocache('copy'), ['go build ./...'])
      expect(j.result.success, jobLog(j)).toBe(true)
      expect(j.result.main.outputs['build-cache-hit']).toBe('false')
      expect(jobLog(j)).not.toMatch(/::error::/)
    } finally {
      await service.setFault('blob-download', undefined)
    }
  })

  // Issue 25's case 8: each fault is on the build entry's requests only (the module entry's are
  // answered as ever), and the restore fails fast: three tries on a 500, no long Retry-After wait.
  const BUILD = 'go-mod-cache-v1-build-'
  test.each<[string, FaultTarget, Fault, RegExp]>([
    [
      'a 500 on every try',
      'GetCacheEntryDownloadURL',
      { kind: 'status', status: 500, keyPrefix: BUILD },
      /^warning: Failed to restore: GetCacheEntryDownloadURL failed after 3 attempts: \(500\)/,
    ],
    [
      'a 429 with a Retry-After of a minute',
      'GetCacheEntryDownloadURL',
      { kind: 'status', status: 429, retryAfter: 60, keyPrefix: BUILD },
      /^warning: Failed to restore: GetCacheEntryDownloadURL failed: rate limited \(429\)/,
    ],
    [
      'a truncated archive',
      'blob-download',
      { kind: 'truncate', afterBytes: 512, keyPrefix: BUILD },
      /^warning: Failed to restore: restore failed at [\d.]+ of [\d.]+ MB \(.+\): continuing uncached$/,
    ],
  ])(
    'build cache service failures, %s: the job succeeds uncached, modules restored, one warning',
    async (_, target, fault, warning) => {
      service.calls.length = 0
      await service.setFault(target, fault)
      try {
        const j = await job(gocache('copy'), ['go build ./...'])
        expect(j.result.success, jobLog(j)).toBe(true)
        expect(j.result.main.outputs['build-cache-hit']).toBe('false')
        expect(j.result.main.outputs['cache-hit']).toBe('true')
        expect(Number(j.result.main.outputs['modules-from-cache'])).toBeGreaterThan(0)
        expect(problems(j), jobLog(j)).toEqual([expect.stringMatching(warning)])
        expect(jobLog(j)).toMatch(/Build cache not restored: the cache service failed/)
        expect(service.calls.filter((c) => c.fault !== undefined).length).toBeGreaterThan(0)
      } finally {
        await service.setFault(target, undefined)
      }
    },
  )

  test('a module with no dependencies (no go.sum) gets its build cache too', async () => {
    const hello = async (ws: string): Promise<void> => {
      mkdirSync(ws, { recursive: true })
      writeFileSync(join(ws, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n')
      writeFileSync(
        join(ws, 'main.go'),
        'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n',
      )
    }
    const j = await job(gocache('empty'), ['test ! -e go.sum', 'go build ./...'], undefined, hello)
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['build-cache-hit']).toBe('true')
    expect(jobLog(j)).toMatch(/Build cache saved: go-mod-cache-v1-build-linux-amd64-/)
    expect(buildEntries().length).toBeGreaterThan(1)
  })
})
