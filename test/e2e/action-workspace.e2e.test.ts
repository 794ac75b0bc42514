/**
 * A Go workspace (go.work with two modules): the key takes every go.sum and go.work.sum, the cold
 * job saves what the whole workspace needs, and the next job builds it with the upstream stopped;
 * GOWORK=off builds one module from its own go.sum.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { MODULES, type Requirement } from '../support/helpers/modules.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import { archiveNames, goJob, jobLog, problems, sumFor } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const fx = e2eFixture()

/** Module `dir` of the workspace: its go.mod, a main importing `reqs`, and go.sum lines for `summed`. */
async function writeModule(
  root: string,
  dir: string,
  reqs: Requirement[],
  summed: Requirement[],
): Promise<void> {
  await mkdir(join(root, dir), { recursive: true })
  const require = reqs.map((r) => `\t${r.module} ${r.version}\n`).join('')
  await writeFile(
    join(root, dir, 'go.mod'),
    `module example.com/ws/${dir}\n\ngo 1.19\n\nrequire (\n${require})\n`,
  )
  await writeFile(join(root, dir, 'go.sum'), sumFor(fx.tree.goSum, summed))
  const imports = reqs.map((r) => `\t_ "${r.pkg ?? r.module}"\n`).join('')
  await writeFile(join(root, dir, 'main.go'), `package main\n\nimport (\n${imports})\n\nfunc main() {}\n`)
}

/** a needs dep; b needs upper and pseudo, whose sums only go.work.sum holds (`extraWorkSum` adds one more set). */
function workspace(extraWorkSum: Requirement[] = []) {
  return async (root: string): Promise<void> => {
    await writeModule(root, 'a', [MODULES.dep], [MODULES.dep])
    await writeModule(root, 'b', [MODULES.upper, MODULES.pseudo], [MODULES.upper])
    await writeFile(join(root, 'go.work'), 'go 1.19\n\nuse (\n\t./a\n\t./b\n)\n')
    await writeFile(join(root, 'go.work.sum'), sumFor(fx.tree.goSum, [MODULES.pseudo, ...extraWorkSum]))
  }
}

describe('a go.work workspace of two modules', () => {
  let service: CacheService
  let blobs: TempDir
  let key = ''

  beforeAll(async () => {
    blobs = tempDir('gmc-e2e-blobs-')
    service = await startCacheService({ dir: blobs.path })
  })
  afterAll(async () => {
    await service?.stop()
    blobs?.remove()
  })

  const job = (project: (root: string) => Promise<void>, steps: string[], upstream = fx.upstream.url) =>
    goJob({
      service,
      upstream,
      goSumAll: '',
      reqs: [],
      project,
      steps,
      env: { GOWORK: '', GOFLAGS: '' },
      runId: `${Math.random()}`,
    })

  test('cold: the workspace builds; the entry holds every module of both go.sum files and go.work.sum', async () => {
    const j = await job(workspace(), ['go build ./a/... ./b/...'])
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(problems(j), jobLog(j)).toEqual([])
    key = j.result.main.outputs['cache-primary-key'] ?? ''
    expect(key).toMatch(/^go-mod-cache-v1-[0-9a-f]{64}$/)
    const entry = service.entries().find((e) => e.key === key)
    const names = await archiveNames(service, entry?.id)
    for (const m of [
      'example.com/dep/@v/v1.0.0.zip',
      'example.com/!upper/!mod/@v/v1.0.0.zip',
      'example.com/pseudo/@v/',
    ])
      expect(
        names.some((n) => n.includes(m)),
        m,
      ).toBe(true)
  })

  test('warm: the same key, restored whole, builds with the upstream stopped', async () => {
    const j = await job(workspace(), ['go build ./a/... ./b/...'], 'http://127.0.0.1:9')
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['cache-primary-key']).toBe(key)
    expect(j.result.main.outputs['cache-hit']).toBe('true')
  })

  test('go.work.sum is part of the key: a line more there is another key', async () => {
    const j = await job(workspace([MODULES.hello]), ['go build ./a/... ./b/...'])
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(j.result.main.outputs['cache-primary-key']).not.toBe(key)
    expect(j.result.main.outputs['cache-primary-key']).toMatch(/^go-mod-cache-v1-[0-9a-f]{64}$/)
  })

  test('GOWORK=off: one module builds from its own go.sum through the proxy', async () => {
    const j = await job(workspace(), ['cd a && GOWORK=off go build ./...'], 'http://127.0.0.1:9')
    expect(j.result.success, jobLog(j)).toBe(true)
    expect(problems(j), jobLog(j)).toEqual([])
  })
})
