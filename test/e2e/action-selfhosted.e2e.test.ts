/**
 * The action end to end on a self-hosted runner: a persistent store shared by concurrent jobs, and
 * a job with the Actions cache off. (action-cache.e2e.test.ts runs its jobs on node24 too.)
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { MODULES } from '../support/helpers/modules.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import { startUpstream } from '../support/helpers/upstream.js'
import { goJob, jobLog, problems } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const BASE = [MODULES.app, MODULES.dep, MODULES.upper, MODULES.pseudo]
const MULTI_OLD = { module: 'example.com/multi', version: 'v1.1.0' }
const MULTI_NEW = { module: 'example.com/multi', version: 'v1.2.0' }

const fx = e2eFixture()

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
}

describe('self-hosted runner with a persistent store', () => {
  let service: CacheService
  let store: TempDir

  beforeAll(async () => {
    service = await startCacheService()
    store = tempDir('gmc-e2e-store-')
  })
  afterAll(async () => {
    await service?.stop()
    store?.remove()
  })

  test('7 two concurrent jobs share one store; a third with cache: false needs neither cache nor upstream', async () => {
    const inputs = { store: store.path }
    const jobs = await Promise.all([
      goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs: [...BASE, MULTI_OLD],
        inputs,
      }),
      goJob({
        service,
        upstream: fx.upstream.url,
        goSumAll: fx.tree.goSum,
        reqs: [...BASE, MULTI_NEW],
        inputs,
      }),
    ])
    for (const job of jobs) {
      expect(job.result.success, jobLog(job)).toBe(true)
      expect(problems(job), jobLog(job)).toEqual([])
    }
    // Whole files only: no temp file of either job's proxy is left in the shared store, and
    // the verification stamps are one key and one stamp per stored zip.
    const stored = await files(store.path)
    const stamps = stored.filter((f) => f.startsWith('.stamps/'))
    expect(
      stored.filter(
        (f) => !f.startsWith('.stamps/') && !/(\.(info|mod|zip|ziphash)|\/list|@latest)$/.test(f),
      ),
    ).toEqual([])
    expect(stamps.sort()).toEqual(
      ['.stamps/key', ...stored.filter((f) => f.endsWith('.zip')).map((f) => `.stamps/${f}.stamp`)].sort(),
    )
    expect(stored).toEqual(
      expect.arrayContaining(['example.com/multi/@v/v1.1.0.zip', 'example.com/multi/@v/v1.2.0.zip']),
    )

    const offline = await startUpstream({ root: fx.tree.root })
    await offline.stop()
    const calls = service.calls.length
    const third = await goJob({
      service,
      upstream: offline.url,
      goSumAll: fx.tree.goSum,
      reqs: [...BASE, MULTI_NEW],
      inputs: { ...inputs, cache: 'false' },
    })
    expect(third.result.success, jobLog(third)).toBe(true)
    expect(problems(third), jobLog(third)).toEqual([])
    expect(service.calls.length).toBe(calls)
    expect(offline.requests).toEqual([])
    expect(third.result.post?.outputs['modules-fetched']).toBe('0')
  })
})
