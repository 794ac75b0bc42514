/**
 * The action end to end when things go wrong or race: three concurrent matrix jobs on one key,
 * the proxy killed mid-job, the cache service down or answering 409/429, and restore-only jobs
 * (save: never, a fork's pull request) that must not leak the runner's cache token.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { MODULES, tamperedModules } from '../support/helpers/modules.js'
import { startUpstream } from '../support/helpers/upstream.js'
import { tempDir } from '../support/helpers/tempdir.js'
import { goJob, jobLog, problems } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const REQS = [MODULES.app, MODULES.dep, MODULES.upper, MODULES.pseudo, MODULES.multi]
// The proxy's pid, from the ready file main's launcher waited for.
const PROXY_PID = `pid=$(sed -E 's/.*"pid":([0-9]+).*/\\1/' "$RUNNER_TEMP"/go-mod-cache-*/ready.json)`

const fx = e2eFixture()

async function withService<T>(use: (service: CacheService) => Promise<T>): Promise<T> {
  const service = await startCacheService()
  try {
    return await use(service)
  } finally {
    await service.stop()
  }
}

describe('races and faults', () => {
  // An HTTP proxy in the environment hands the cache to @actions/cache (GHES and macOS/Windows
  // runners get it too); loopback never goes through the proxy, in the library as in the go command.
  test.each([
    ['the streaming client', {}, true],
    ['@actions/cache', { https_proxy: 'http://127.0.0.1:9', no_proxy: '127.0.0.1' }, false],
  ])(
    '4 three concurrent matrix jobs, same key, through %s: one entry, no archive work for the others, no warnings',
    async (_, env, streaming) => {
      await withService(async (service) => {
        const runId = '4242'
        const jobs = await Promise.all(
          [0, 1, 2].map(() =>
            goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs: REQS, runId, env }),
          ),
        )
        for (const job of jobs) {
          expect(job.result.success, jobLog(job)).toBe(true)
          expect(problems(job), jobLog(job)).toEqual([])
        }
        const key = jobs[0]?.result.main.outputs['cache-primary-key'] ?? ''
        expect(jobs.map((j) => j.result.main.outputs['cache-primary-key'])).toEqual([key, key, key])
        // Only one job ever reserved the real key: the others stopped before building an archive.
        expect(service.calls.filter((c) => c.method === 'CreateCacheEntry' && c.key === key)).toHaveLength(1)
        expect(service.entries().filter((e) => e.key === key && e.finalized)).toHaveLength(1)
        const saved = jobs.filter((j) => j.result.post?.stdout.includes(`Saved ${key}`))
        expect(saved).toHaveLength(1)
        expect(saved[0]?.result.post?.stdout.includes('uploaded while it was archived')).toBe(streaming)
        for (const job of jobs.filter((j) => !saved.includes(j))) {
          expect(job.result.post?.stdout).toMatch(/saved by another job|Another job of this run is saving/)
        }
      })
    },
  )

  test('5 proxy killed mid-job: the next go command still succeeds through the | fallback, and post saves', async () => {
    await withService(async (service) => {
      const job = await goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs: REQS,
        inputs: { prefetch: 'false' },
        steps: ['go mod download example.com/dep', `${PROXY_PID}; kill -9 "$pid"`, 'go build ./...'],
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(job.result.steps.map((s) => s.code)).toEqual([0, 0, 0])
      expect(job.result.post?.stdout).toContain('Go module proxy log (gone)')
      expect(job.result.post?.code).toBe(0)
      // The journal's unflushed lines died with the proxy: the new key is saved all the same.
      const key = job.result.main.outputs['cache-primary-key'] ?? ''
      expect(job.result.post?.stdout, log).toContain(`Saved ${key}`)
      expect(service.entries().filter((e) => e.key === key && e.finalized)).toHaveLength(1)
    })
  })

  test.each([
    ['down', { target: 'all', fault: { kind: 'down' } }, 1],
    ['429 on restore', { target: 'GetCacheEntryDownloadURL', fault: { kind: 'status', status: 429 } }, 1],
    ['409 on create', { target: 'CreateCacheEntry', fault: { kind: 'status', status: 409 } }, 0],
  ] as const)(
    '6 cache service %s: the job succeeds uncached, with one clear line',
    async (_, setup, warnings) => {
      await withService(async (service) => {
        await service.setFault(setup.target, setup.fault)
        const job = await goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs: REQS })
        const log = jobLog(job)
        expect(job.result.success, log).toBe(true)
        expect(job.result.steps[0]?.code, log).toBe(0)
        expect(problems(job), log).toHaveLength(warnings)
        expect(service.entries().filter((e) => e.finalized)).toEqual([])
        const summary = job.result.post?.summary ?? ''
        if (warnings === 1) {
          expect(problems(job)[0]).toMatch(/Failed to restore/)
          expect(summary).toContain('not saved: the cache service failed in main')
        } else {
          expect(job.result.post?.stdout).toContain('Another job of this run is saving')
        }
      })
    },
  )

  test.each([
    ['save: never', { inputs: { save: 'never' } }],
    [
      'a fork pull request',
      {
        eventName: 'pull_request',
        event: { pull_request: { head: { repo: { fork: true } } } },
      },
    ],
  ] as const)(
    '8 restore only (%s): nothing saved; the token reaches no export and not the proxy',
    async (_, how) => {
      await withService(async (service) => {
        const out = tempDir('gmc-e2e-environ-')
        try {
          const environ = join(out.path, 'environ')
          const job = await goJob({
            service,
            upstream: fx.upstream.url,
            goSumAll: fx.tree.goSum,
            reqs: REQS,
            ...how,
            steps: ['go build ./...', `${PROXY_PID}; tr '\\0' '\\n' < /proc/$pid/environ > '${environ}'`],
          })
          const log = jobLog(job)
          expect(job.result.success, log).toBe(true)
          expect(problems(job), log).toEqual([])
          expect(service.calls.filter((c) => c.method === 'CreateCacheEntry')).toEqual([])
          const proxyEnv = await readFile(environ, 'utf8')
          expect(proxyEnv).toContain(`RUNNER_TRACKING_ID=${job.result.context.trackingId}`)
          const exported = JSON.stringify([
            job.result.env,
            job.result.main.outputs,
            job.result.post?.outputs,
            job.result.main.summary,
            job.result.post?.summary,
          ])
          for (const secret of [service.token, service.url]) {
            expect(proxyEnv).not.toContain(secret)
            expect(exported).not.toContain(secret)
          }
          expect(proxyEnv).not.toMatch(/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/)
        } finally {
          out.remove()
        }
      })
    },
  )

  test.each([
    ['none', [] as string[]],
    ['read', ['GetCacheEntryDownloadURL']],
    // No read at all, not even the lookupOnly check before saving.
    ['write-only', ['CreateCacheEntry', 'blob-upload', 'FinalizeCacheEntryUpload']],
  ])('ACTIONS_CACHE_MODE=%s limits the cache calls to %j', async (mode, methods) => {
    await withService(async (service) => {
      const job = await goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs: REQS,
        env: { ACTIONS_CACHE_MODE: mode },
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([])
      const called = [...new Set(service.calls.map((c) => c.method))]
      expect(called.sort(), log).toEqual([...methods].sort())
    })
  })

  test('a job GOPROXY the proxy cannot read: one warning, GOPROXY left as it was, and the job goes on', async () => {
    await withService(async (service) => {
      // go.mod requires nothing, so the go command needs no module, whatever GOPROXY says.
      const job = await goJob({
        service,
        upstream: 'ftp://goproxy.example',
        goSumAll: fx.tree.goSum,
        reqs: [],
        steps: ['go build ./...'],
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([
        expect.stringMatching(
          /^warning: go-mod-cache: the proxy did not start, GOPROXY is left as it was: .*unsupported scheme "ftp:"/s,
        ),
      ])
      expect(job.result.env.GOPROXY).toBeUndefined()
      expect(job.result.main.outputs['proxy-url']).toBe('')
    })
  })

  // The go command stops with a checksum mismatch at a .mod or a .ziphash go.sum does not list,
  // and never fetches it again: an entry saved for other hashes of a module (a private module whose
  // tag moved, or a tampered entry) must not bring those into the store.
  test('an entry saved for other hashes of a module: restored without them, the module comes afresh', async () => {
    const moved = await tamperedModules()
    const before = await startUpstream({ root: moved.root })
    try {
      await withService(async (service) => {
        const first = await goJob({
          service,
          upstream: before.url,
          goSumAll: moved.goSum,
          reqs: [MODULES.dep],
        })
        expect(first.result.success, jobLog(first)).toBe(true)
        const seen = fx.upstream.requests.length
        const job = await goJob({
          service,
          upstream: fx.upstream.url,
          goSumAll: fx.tree.goSum,
          reqs: [MODULES.dep],
          steps: ['go build ./...', 'test ! -e "$GOMODCACHE/example.com/dep@v1.0.0/evil.go"'],
        })
        const log = jobLog(job)
        expect(job.result.main.outputs['cache-matched-key'], log).toBe(
          first.result.main.outputs['cache-primary-key'],
        )
        expect(job.result.success, log).toBe(true)
        expect(problems(job), log).toEqual([
          expect.stringMatching(/^warning: go-mod-cache: 3 files of \S+ contradict go.sum .*fetched afresh$/),
        ])
        const fetched = fx.upstream.requests.slice(seen).map((r) => r.path)
        expect(fetched).toEqual(
          expect.arrayContaining(['/example.com/dep/@v/v1.0.0.zip', '/example.com/dep/@v/v1.0.0.mod']),
        )
      })
    } finally {
      await before.stop()
    }
  })
})
