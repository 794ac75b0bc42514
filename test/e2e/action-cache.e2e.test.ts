/**
 * The action end to end with the real go command: cold job, exact hit with the upstream stopped,
 * one dependency changed (saved as a layer), that set again, on Node 20 and on node24. The built
 * dist/ bundles run as separate processes under the runner emulation, against the emulated Actions
 * cache service and a fixture upstream.
 */
import { cpSync, existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { layerKeyOf } from '../../src/entry/layer.js'
import { node24Path } from '../support/emul/node24.js'
import { MODULES, type Requirement } from '../support/helpers/modules.js'
import { escapePath } from '../../src/proxy/index.js'
import { startUpstream } from '../support/helpers/upstream.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import {
  archiveNames,
  archiveText,
  goJob,
  jobLog,
  problems,
  writeProject,
  type GoJob,
} from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const BASE = [MODULES.app, MODULES.dep, MODULES.upper, MODULES.pseudo]
const MULTI_OLD = { module: 'example.com/multi', version: 'v1.1.0' }
const MULTI_NEW = { module: 'example.com/multi', version: 'v1.2.0' }

const fx = e2eFixture()

function mainMs(job: GoJob): number {
  const state = JSON.parse(job.result.main.state['go-mod-cache'] ?? '{}') as { restoreMs?: number }
  return job.result.main.ms - (state.restoreMs ?? 0)
}

// Each runtime gets its own cache service: the same jobs, from a cold start.
// An HTTP proxy in the environment hands the cache to @actions/cache (loopback never goes through
// it): layers are saved and restored through the library too.
const LIBRARY = { https_proxy: 'http://127.0.0.1:9', no_proxy: '127.0.0.1' }

describe.each([
  ['on Node 20', false, {}],
  ['on node24, the runtime action.yml names', true, {}],
  ['on Node 20, through @actions/cache', false, LIBRARY],
])('one repository over time %s', (runtime, onNode24, env) => {
  let service: CacheService
  let blobs: TempDir
  let node: string | undefined
  let firstKey = ''
  let layerKey = ''

  beforeAll(async () => {
    blobs = tempDir('gmc-e2e-blobs-')
    service = await startCacheService({ dir: blobs.path })
    node = onNode24 ? await node24Path() : undefined
  })

  afterAll(async () => {
    await service?.stop()
    blobs?.remove()
  })

  const created = (key: string) =>
    service.calls.filter((c) => c.method === 'CreateCacheEntry' && c.key === key && c.status === 200)

  test('1 cold job: saves one entry; summary and outputs say so', async () => {
    const job = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_OLD],
      node,
      env,
    })
    const log = jobLog(job)
    expect(job.result.success, log).toBe(true)
    expect(problems(job), log).toEqual([])
    const { main, post } = job.result
    expect(main.outputs['cache-hit']).toBe('false')
    expect(main.outputs['cache-matched-key']).toBe('')
    firstKey = main.outputs['cache-primary-key'] ?? ''
    expect(firstKey).toMatch(/^go-mod-cache-v1-[0-9a-f]{64}$/)
    expect(main.outputs['proxy-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(job.result.env.GOPROXY).toBe(`${main.env.GOPROXY?.split('|')[0]}|${fx.upstream.url}`)
    expect(job.result.env.GOFLAGS).toBe('-mod=mod -modcacherw')
    expect(Number(post?.outputs['modules-fetched'])).toBe(5)
    expect(created(firstKey)).toHaveLength(1)
    expect(service.entries().filter((e) => e.key === firstKey && e.finalized)).toHaveLength(1)
    expect(post?.summary).toContain('Go module cache')
    expect(post?.summary).toContain(firstKey)
    expect(post?.summary).toContain('none (miss)')
    expect(post?.stdout.includes('uploaded while it was archived')).toBe(!('https_proxy' in env))
    // Post stopped the proxy itself (it checks the pid is still ours): nothing left for the runner.
    expect(post?.stdout).not.toContain('Go module proxy log')
    expect(job.result.orphans).toEqual([])
    console.log(`main step without restore, cold ${runtime}: ${mainMs(job)} ms (whole step ${main.ms} ms)`)
  })

  test('2 same go.sum: exact hit, no upstream request (upstream stopped), nothing saved', async () => {
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    const before = service.calls.filter((c) => c.method === 'CreateCacheEntry').length
    const job = await goJob({
      service,
      upstream: offline.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_OLD],
      node,
      env,
    })
    const log = jobLog(job)
    expect(job.result.success, log).toBe(true)
    expect(problems(job), log).toEqual([])
    expect(offline.requests).toEqual([])
    const { main, post } = job.result
    expect(main.outputs['cache-hit']).toBe('true')
    expect(main.outputs['cache-matched-key']).toBe(firstKey)
    expect(Number(main.outputs['modules-from-cache'])).toBe(5)
    expect(post?.outputs['modules-fetched']).toBe('0')
    expect(service.calls.filter((c) => c.method === 'CreateCacheEntry')).toHaveLength(before)
    expect(post?.summary).toContain('exact hit')
    console.log(
      `main step without restore, exact hit ${runtime}: ${mainMs(job)} ms (whole step ${main.ms} ms)`,
    )
  })

  test('3 one dependency changed: partial hit, only the delta fetched, a layer saved without stale modules', async () => {
    const requestsBefore = fx.upstream.requests.length
    const job = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_NEW],
      node,
      env,
    })
    const log = jobLog(job)
    expect(job.result.success, log).toBe(true)
    expect(problems(job), log).toEqual([])
    const { main, post } = job.result
    const key = main.outputs['cache-primary-key'] ?? ''
    expect(key).not.toBe(firstKey)
    expect(main.outputs['cache-hit']).toBe('false')
    expect(main.outputs['cache-matched-key']).toBe(firstKey)
    const fetched = fx.upstream.requests.slice(requestsBefore).filter((r) => r.status === 200)
    expect(new Set(fetched.map((r) => r.path.replace(/\.(info|mod|zip)$/, '')))).toEqual(
      new Set(['/example.com/multi/@v/v1.2.0']),
    )
    expect(post?.outputs['modules-fetched']).toBe('1')
    // The new set is the first entry with one module swapped: saved as a layer on it, holding only
    // the new module (with its checked hash) and a manifest that leaves the old one out.
    layerKey = layerKeyOf(key)
    expect(service.entries().filter((e) => e.key === key)).toEqual([])
    const entry = service.entries().find((e) => e.key === layerKey && e.finalized)
    expect(entry, log).toBeDefined()
    const names = (await archiveNames(service, entry?.id)).filter((n) => !n.endsWith('/'))
    const files = names.map((n) => n.slice(n.indexOf('/') + 1)).sort()
    const multi = (v: string, ext: string) => `example.com/multi/@v/${v}.${ext}`
    expect(files).toEqual([...['info', 'mod', 'zip', 'ziphash'].map((x) => multi('v1.2.0', x)), 'layer.json'])
    const manifest = JSON.parse(await archiveText(service, entry?.id, '.go-mod-cache-entry/layer.json')) as {
      base: string
      drop: string[]
      extracted: string[]
    }
    expect(manifest.base).toBe(firstKey)
    // What the job's go command extracted, for the next job to extract ahead: the new version's tree.
    expect(manifest.extracted).toContain(multi('v1.2.0', 'zip'))
    expect(manifest.extracted).not.toContain(multi('v1.1.0', 'zip'))
    expect(manifest.drop.sort()).toEqual(['info', 'mod', 'zip', 'ziphash'].map((x) => multi('v1.1.0', x)))
    expect(post?.summary).toContain(`a layer of 4 files`)
  })

  test('4 the changed set again: its layer and the base are an exact hit, offline, with no stale module', async () => {
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    const before = service.calls.filter((c) => c.method === 'CreateCacheEntry').length
    const job = await goJob({
      service,
      upstream: offline.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_NEW],
      node,
      env,
      keep: true,
    })
    try {
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([])
      expect(offline.requests).toEqual([])
      const { main, post } = job.result
      expect(main.outputs['cache-hit']).toBe('true')
      expect(main.outputs['cache-matched-key']).toBe(layerKey)
      expect(Number(main.outputs['modules-from-cache'])).toBe(5)
      expect(service.calls.filter((c) => c.method === 'CreateCacheEntry')).toHaveLength(before)
      expect(post?.summary).toContain(`exact hit), a layer on ${firstKey}`)
      const store = join(job.gomodcache, 'cache', 'download', 'example.com', 'multi', '@v')
      expect((await readdir(store)).filter((n) => !n.startsWith('list')).sort()).toEqual(
        ['info', 'lock', 'mod', 'zip', 'ziphash'].map((x) => `v1.2.0.${x}`),
      )
    } finally {
      job.dir.remove()
    }
  })
})

// A self-hosted fleet's own v2 server (the emulation's 'self-hosted' flavour) and GitHub's service,
// with small upload blocks in the first job (an entry of many) and the default in the second (a
// layer of one).
describe.each([
  ["GitHub's service", 'github'],
  ['a self-hosted v2 server', 'self-hosted'],
] as const)('uploads of many blocks and of one, to %s', (_, flavour) => {
  const BLOCK = 512
  let service: CacheService

  beforeAll(async () => {
    service = await startCacheService({ flavour })
  })

  afterAll(async () => {
    await service?.stop()
  })

  const putBlocks = (from: number) =>
    service.calls.slice(from).filter((c) => c.op === 'put-block' && c.status === 201).length

  test('a cold job saves in many blocks; the next restores them and saves a layer in one', async () => {
    const cold = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_OLD],
      env: { GO_MOD_CACHE_UPLOAD_BLOCK_BYTES: String(BLOCK) },
    })
    expect(cold.result.success, jobLog(cold)).toBe(true)
    expect(problems(cold), jobLog(cold)).toEqual([])
    const firstKey = cold.result.main.outputs['cache-primary-key'] ?? ''
    const entry = service.entries().find((e) => e.key === firstKey && e.finalized)
    expect(entry, jobLog(cold)).toBeDefined()
    expect(putBlocks(0)).toBe(Math.ceil((entry?.blobBytes ?? 0) / BLOCK))
    expect(putBlocks(0)).toBeGreaterThan(1)
    // The blocks joined in order: the archive reads whole.
    const names = await archiveNames(service, entry?.id)
    expect(names.filter((n) => n.endsWith('/example.com/multi/@v/v1.1.0.zip'))).toHaveLength(1)

    const before = service.calls.length
    const changed = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_NEW],
    })
    expect(changed.result.success, jobLog(changed)).toBe(true)
    expect(problems(changed), jobLog(changed)).toEqual([])
    const { main, post } = changed.result
    expect(main.outputs['cache-matched-key']).toBe(firstKey)
    expect(Number(main.outputs['modules-from-cache'])).toBe(5)
    expect(post?.outputs['modules-fetched']).toBe('1')
    const layer = layerKeyOf(main.outputs['cache-primary-key'] ?? '')
    expect(service.entries().filter((e) => e.key === layer && e.finalized)).toHaveLength(1)
    expect(putBlocks(before)).toBe(1)
  })
})

describe('verify-restore', () => {
  test('an exact hit whose zips are hashed against go.sum in this job, none trusted from the entry', async () => {
    const service = await startCacheService()
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    try {
      const cold = await goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs: BASE })
      expect(cold.result.success, jobLog(cold)).toBe(true)
      const job = await goJob({
        service,
        upstream: offline.url,
        goSumAll: fx.tree.goSum,
        reqs: BASE,
        inputs: { 'verify-restore': 'true' },
        // Debug shows the proxy's log. Restored files keep their archive's older mtimes: every
        // .ziphash must be newer than the checkout (go.mod), written in this job by the proxy or go.
        env: { RUNNER_DEBUG: '1' },
        steps: [
          'go build ./...',
          'test -n "$(find "$GOMODCACHE/cache/download" -name "*.ziphash")"',
          'test -z "$(find "$GOMODCACHE/cache/download" -name "*.ziphash" ! -newer go.mod)"',
        ],
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([])
      expect(job.result.main.outputs['cache-hit']).toBe('true')
      expect(offline.requests).toEqual([])
      // Every zip the entry holds was checked by the proxy (its log is shown on debug).
      const zips = Number(job.result.main.outputs['modules-from-cache'])
      expect(zips).toBeGreaterThan(3)
      expect(job.result.post?.stdout).toContain(`verified ${zips} stored zips at start`)
    } finally {
      await service.stop()
    }
  })
})

// A restored store holds zips; the go command would extract each as the build reaches it. Main
// starts that extraction in the background, so the first step finds the trees, made by no step.
describe('the restored modules are extracted ahead of the steps', () => {
  const trees = (reqs: Requirement[]): string =>
    reqs.map((r) => `"$GOMODCACHE/${escapePath(r.module)}@${r.version}"`).join(' ')
  // Polls (bounded) until every tree is there and none is half made (the go command's .partial).
  const waitFor = (reqs: Requirement[]): string =>
    `for i in $(seq 300); do ok=1; for d in ${trees(reqs)}; do ` +
    'if ! test -d "$d" || test -e "$d.partial"; then ok=; fi; done; test -n "$ok" && exit 0; sleep 0.1; done; exit 1'

  test.each([
    ['trusting the entry', {}],
    ['with verify-restore', { 'verify-restore': 'true' }],
  ])('an exact hit, %s', async (_, inputs: Record<string, string>) => {
    const service = await startCacheService()
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    try {
      const cold = await goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs: BASE })
      expect(cold.result.success, jobLog(cold)).toBe(true)
      const job = await goJob({
        service,
        upstream: offline.url,
        goSumAll: fx.tree.goSum,
        reqs: BASE,
        inputs,
        steps: [waitFor(BASE), 'go build ./...'],
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([])
      expect(log).toContain(`Extracting ${BASE.length} restored modules into`)
      expect(log).not.toContain('The background extraction said')
      expect(job.result.post?.summary).toContain(`<td>Modules extracted ahead</td><td>${BASE.length} (`)
      expect(offline.requests).toEqual([])
    } finally {
      await service.stop()
    }
  })

  test("an entry lists the zips its job's build extracted, and the next job extracts only those", async () => {
    const service = await startCacheService()
    // go.sum names pseudo's zip, but nothing imports it: no go command extracts it.
    const unused = { ...MODULES.pseudo, pkg: '' }
    const used = BASE.filter((r) => r.module !== unused.module)
    const reqs = [...used, unused]
    try {
      const cold = await goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs })
      expect(cold.result.success, jobLog(cold)).toBe(true)
      const entry = service.entries().find((e) => e.finalized && !e.key.includes('-build-'))
      const listed = (await archiveText(service, entry?.id, '.go-mod-cache-entry/extracted.txt')).split('\n')
      const zipOf = (r: Requirement) => `${escapePath(r.module)}/@v/${r.version}.zip`
      expect(listed.filter((l) => l !== '').sort()).toEqual(used.map(zipOf).sort())
      const warm = await goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs,
        steps: [waitFor(used), `sleep 1; test ! -e ${trees([unused])}`, 'go build ./...'],
      })
      expect(warm.result.success, jobLog(warm)).toBe(true)
      expect(jobLog(warm)).toContain(`Extracting ${used.length} restored modules into`)
    } finally {
      await service.stop()
    }
  })

  test('a cold job on a disk that holds zips extracts none ahead, and its entry lists what its build extracted', async () => {
    // A runner's own disk: the store an earlier job (saving to another service) filled, pseudo's
    // zip in it though nothing imports it, and no extracted trees. This job adds a module; its
    // service has no entry, so nothing is restored and nothing may be extracted ahead.
    const unused = { ...MODULES.pseudo, pkg: '' }
    const used = BASE.filter((r) => r.module !== unused.module)
    const elsewhere = await startCacheService()
    const earlier = await goJob({
      service: elsewhere,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: [...used, unused],
      keep: true,
    })
    await elsewhere.stop()
    expect(earlier.result.success, jobLog(earlier)).toBe(true)
    const download = join(earlier.gomodcache, 'cache', 'download')
    const zipOf = (r: Requirement) => `${escapePath(r.module)}/@v/${r.version}.zip`
    expect(existsSync(join(download, zipOf(unused)))).toBe(true)
    const root = tempDir('gmc-e2e-disk-')
    const service = await startCacheService()
    const reqs = [...used, unused, MODULES.multi]
    try {
      const job = await goJob({
        service,
        root: join(root.path, 'job'),
        upstream: fx.upstream.url,
        project: async (ws) => {
          await writeProject(ws, fx.tree.goSum, reqs)
          cpSync(download, join(root.path, 'job', 'gopath', 'pkg', 'mod', 'cache', 'download'), {
            recursive: true,
          })
        },
        goSumAll: fx.tree.goSum,
        reqs,
      })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(job.result.main.outputs['cache-matched-key']).toBe('')
      expect(log).not.toContain('Extracting')
      const entry = service.entries().find((e) => e.finalized)
      const listed = (await archiveText(service, entry?.id, '.go-mod-cache-entry/extracted.txt')).split('\n')
      expect(listed.filter((l) => l !== '').sort(), log).toEqual([...used, MODULES.multi].map(zipOf).sort())
    } finally {
      await service.stop()
      earlier.dir.remove()
      root.remove()
    }
  })

  test('a zip the entry brings that go.sum contradicts is never extracted', async () => {
    const service = await startCacheService()
    try {
      const cold = await goJob({ service, upstream: fx.upstream.url, goSumAll: fx.tree.goSum, reqs: BASE })
      expect(cold.result.success, jobLog(cold)).toBe(true)
      // The same entry, restored by a job whose go.sum names another hash for one module.
      const [first, ...rest] = BASE
      const forged = fx.tree.goSum.replace(
        new RegExp(`^(${first!.module} ${first!.version}) h1:\\S+$`, 'm'),
        '$1 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      )
      expect(forged).not.toBe(fx.tree.goSum)
      const job = await goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: forged,
        reqs: BASE,
        steps: [waitFor(rest), `test ! -e ${trees([first!])}`],
      })
      expect(job.result.success, jobLog(job)).toBe(true)
      expect(jobLog(job)).toContain(`Extracting ${rest.length} restored modules into`)
    } finally {
      await service.stop()
    }
  })
})

// The test jobs set GOSUMDB=off; a runner leaves it unset, and main then sends the proxy the default
// database, reached through the upstream proxies first. The proxy once refused that configuration.
test('a job that leaves GOSUMDB unset, as runners do, gets its proxy', async () => {
  const blobs = tempDir('gmc-e2e-blobs-')
  const service = await startCacheService({ dir: blobs.path })
  try {
    const job = await goJob({
      service,
      upstream: fx.upstream.url,
      goSumAll: fx.tree.goSum,
      reqs: BASE,
      env: { GOSUMDB: undefined },
    })
    expect(job.result.success, jobLog(job)).toBe(true)
    expect(problems(job), jobLog(job)).toEqual([])
    expect(job.result.main.outputs['proxy-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  } finally {
    await service.stop()
    blobs.remove()
  }
})
