/**
 * GOPRIVATE end to end, with the go command's real `direct` fetch: a private module in a local git
 * repository (test/helpers/gitmodule.ts), reached through a git `insteadOf` rewrite a job step
 * sets, as a workflow would for a private host. The action never asks an upstream for it, yet
 * caches what the go command fetched.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { gitModule, type GitModule } from '../support/helpers/gitmodule.js'
import { MODULES, type Requirement } from '../support/helpers/modules.js'
import { startUpstream } from '../support/helpers/upstream.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import { archiveNames, goJob, jobLog, problems, type GoJob } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const BASE = [MODULES.app, MODULES.dep, MODULES.upper]

const fx = e2eFixture()

describe('a private module (GOPRIVATE), fetched direct from git', () => {
  let service: CacheService
  let blobs: TempDir
  let repo: GitModule

  beforeAll(async () => {
    blobs = tempDir('gmc-e2e-blobs-')
    service = await startCacheService({ dir: blobs.path })
    repo = await gitModule('private', ['v1.0.0', 'v1.1.0'])
  }, 120_000)

  afterAll(async () => {
    await service?.stop()
    blobs?.remove()
    repo?.dir.remove()
  })

  const version = (v: string): Requirement => ({ module: repo.module, version: v })

  // `withGit`: the step that lets the go command reach the repository, as a workflow sets up
  // access to a private host; without it a direct fetch cannot succeed.
  const job = (upstream: string, priv: string, withGit: boolean): Promise<GoJob> =>
    goJob({
      service,
      upstream,
      goSumAll: fx.tree.goSum + repo.goSum,
      reqs: [...BASE, version(priv)],
      steps: [...(withGit ? [repo.gitConfig] : []), 'go build ./...'],
      env: { GOPRIVATE: 'example.com/private.git' },
    })

  const privateRequests = (from: number): string[] =>
    fx.upstream.requests
      .slice(from)
      .map((r) => r.path)
      .filter((p) => p.includes('private'))

  async function entryFiles(key: string): Promise<string[]> {
    const entry = service.entries().find((e) => e.key === key && e.finalized)
    expect(entry).toBeDefined()
    const names = await archiveNames(service, entry?.id)
    return names.filter((n) => /\.(info|mod|zip)$/.test(n)).map((n) => n.slice(n.indexOf('example.com/')))
  }

  let firstKey = ''

  test('cold job: no upstream request names it, and the entry holds what the go command fetched', async () => {
    const from = fx.upstream.requests.length
    const cold = await job(fx.upstream.url, 'v1.0.0', true)
    const log = jobLog(cold)
    expect(cold.result.success, log).toBe(true)
    expect(problems(cold), log).toEqual([])
    expect(privateRequests(from)).toEqual([])
    expect(cold.result.main.stdout).toContain(
      'Modules matching GONOPROXY/GOPRIVATE (example.com/private.git)',
    )
    firstKey = cold.result.main.outputs['cache-primary-key'] ?? ''
    expect(cold.result.post?.stdout).toContain(`Saved ${firstKey}`)
    expect(cold.result.post?.stdout).not.toContain('could not be had')
    expect(await entryFiles(firstKey)).toEqual(
      expect.arrayContaining([
        'example.com/private.git/@v/v1.0.0.zip',
        'example.com/private.git/@v/v1.0.0.mod',
        'example.com/private.git/@v/v1.0.0.info',
      ]),
    )
  })

  test('exact hit, no git access, upstream stopped: the go command finds it in the restored cache', async () => {
    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    const warm = await job(offline.url, 'v1.0.0', false)
    const log = jobLog(warm)
    expect(warm.result.success, log).toBe(true)
    expect(problems(warm), log).toEqual([])
    expect(warm.result.main.outputs['cache-hit']).toBe('true')
    expect(offline.requests).toEqual([])
  })

  test('only the private module changed: the go command fetched it past the proxy, and a new entry is saved', async () => {
    const from = fx.upstream.requests.length
    const changed = await job(fx.upstream.url, 'v1.1.0', true)
    const log = jobLog(changed)
    expect(changed.result.success, log).toBe(true)
    expect(problems(changed), log).toEqual([])
    expect(changed.result.main.outputs['cache-matched-key']).toBe(firstKey)
    expect(changed.result.post?.outputs['modules-fetched']).toBe('0')
    expect(privateRequests(from)).toEqual([])
    const key = changed.result.main.outputs['cache-primary-key'] ?? ''
    expect(changed.result.post?.stdout, log).toContain(`Saved ${key}`)
    // The .mod and .zip of v1.1.0 came past the proxy, and the summary says so.
    expect(changed.result.post?.stdout).toContain('Files the go command fetched itself: 2 (')
    expect(changed.result.post?.summary).toContain('Files the go command fetched itself')
    const files = await entryFiles(key)
    expect(files).toContain('example.com/private.git/@v/v1.1.0.zip')
    expect(files.filter((n) => n.includes('private.git/@v/v1.0.0'))).toEqual([])
  })
})
