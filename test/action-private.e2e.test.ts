/**
 * GOPRIVATE end to end: the go command fetches a private module itself (here a step copies its
 * files into GOMODCACHE/cache/download, as the go command's direct fetch writes them, since this
 * machine has no VCS host), and the action never asks an upstream for it, yet caches it.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from './emul/cache-service.js'
import { MODULES, type Requirement } from './helpers/modules.js'
import { startUpstream } from './helpers/upstream.js'
import { tempDir, type TempDir } from './helpers/tempdir.js'
import { archiveNames, goJob, jobLog, problems, type GoJob } from './helpers-action/job.js'
import { e2eFixture } from './helpers-action/fixture.js'

const BASE = [MODULES.app, MODULES.dep, MODULES.upper]
const PRIVATE_OLD = { module: 'example.com/multi', version: 'v1.1.0' }
const PRIVATE_NEW = { module: 'example.com/multi', version: 'v1.2.0' }
const GOPRIVATE = 'example.com/multi'

const fx = e2eFixture()

describe('a private module (GOPRIVATE)', () => {
  let service: CacheService
  let blobs: TempDir

  beforeAll(async () => {
    blobs = tempDir('gmc-e2e-blobs-')
    service = await startCacheService({ dir: blobs.path })
  })

  afterAll(async () => {
    await service?.stop()
    blobs?.remove()
  })

  // What the go command's direct fetch of a version leaves in the module cache.
  const fetchDirect = (r: Requirement): string => {
    const rel = `${r.module}/@v`
    const files = ['info', 'mod', 'zip'].map((ext) => join(fx.tree.root, rel, `${r.version}.${ext}`))
    return `mkdir -p "$GOMODCACHE/cache/download/${rel}" && cp ${files.join(' ')} "$GOMODCACHE/cache/download/${rel}/"`
  }

  const job = (upstream: string, reqs: Requirement[], steps: string[]): Promise<GoJob> =>
    goJob({ service, upstream, goSumAll: fx.tree.goSum, reqs, steps, env: { GOPRIVATE } })

  const privateRequests = (from: number): string[] =>
    fx.upstream.requests
      .slice(from)
      .map((r) => r.path)
      .filter((p) => p.includes('/example.com/multi/'))

  async function entryFiles(key: string): Promise<string[]> {
    const entry = service.entries().find((e) => e.key === key && e.finalized)
    expect(entry).toBeDefined()
    const names = await archiveNames(join(blobs.path, `${entry?.id}.blob`))
    return names.filter((n) => /\.(info|mod|zip)$/.test(n)).map((n) => n.slice(n.indexOf('example.com/')))
  }

  let firstKey = ''

  test('cold job: no upstream request names it, and the entry holds what the go command fetched', async () => {
    const from = fx.upstream.requests.length
    const cold = await job(
      fx.upstream.url,
      [...BASE, PRIVATE_OLD],
      [fetchDirect(PRIVATE_OLD), 'go build ./...'],
    )
    const log = jobLog(cold)
    expect(cold.result.success, log).toBe(true)
    expect(problems(cold), log).toEqual([])
    expect(privateRequests(from)).toEqual([])
    firstKey = cold.result.main.outputs['cache-primary-key'] ?? ''
    expect(cold.result.post?.stdout).toContain(`Saved ${firstKey}`)
    expect(cold.result.post?.stdout).not.toContain('could not be had')
    expect(await entryFiles(firstKey)).toEqual(
      expect.arrayContaining(['example.com/multi/@v/v1.1.0.zip', 'example.com/multi/@v/v1.1.0.mod']),
    )
  })

  test('exact hit with the upstream stopped: the go command finds it in the restored cache', async () => {
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    const warm = await job(offline.url, [...BASE, PRIVATE_OLD], ['go build ./...'])
    const log = jobLog(warm)
    expect(warm.result.success, log).toBe(true)
    expect(problems(warm), log).toEqual([])
    expect(warm.result.main.outputs['cache-hit']).toBe('true')
    expect(offline.requests).toEqual([])
  })

  test('only the private module changed: the go command fetched it past the proxy, and a new entry is saved', async () => {
    const from = fx.upstream.requests.length
    const changed = await job(
      fx.upstream.url,
      [...BASE, PRIVATE_NEW],
      [fetchDirect(PRIVATE_NEW), 'go build ./...'],
    )
    const log = jobLog(changed)
    expect(changed.result.success, log).toBe(true)
    expect(problems(changed), log).toEqual([])
    expect(changed.result.main.outputs['cache-matched-key']).toBe(firstKey)
    expect(changed.result.post?.outputs['modules-fetched']).toBe('0')
    expect(privateRequests(from)).toEqual([])
    const key = changed.result.main.outputs['cache-primary-key'] ?? ''
    expect(changed.result.post?.stdout, log).toContain(`Saved ${key}`)
    // Two files (the .mod and the .zip of v1.2.0) came past the proxy, and the summary says so.
    expect(changed.result.post?.summary).toContain('Files the go command fetched itself')
    expect(changed.result.post?.stdout).toContain('Files the go command fetched itself: 2 (')
    const files = await entryFiles(key)
    expect(files).toContain('example.com/multi/@v/v1.2.0.zip')
    expect(files.filter((n) => n.includes('multi/@v/v1.1.0'))).toEqual([])
  })
})
