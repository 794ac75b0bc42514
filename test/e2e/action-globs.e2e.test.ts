/**
 * cache-dependency-path through the built main bundle: a monorepo's go.sum files matched by glob
 * lines, a negated line, and glob's own debug lines. dist/main bundles @actions/glob with a light
 * stand-in for @actions/core (scripts/glob-core), so this runs the glob code users get.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cacheKey } from '../../src/entry/key.js'
import { runJob } from '../support/emul/runner.js'
import { DIST, ensureDist } from '../support/action/job.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

const SUMS: Record<string, string> = {
  'svc/a/go.sum': 'example.com/a v1.0.0 h1:AAAA=\n',
  'svc/b/go.sum': 'example.com/b v1.0.0 h1:BBBB=\nexample.com/b v1.0.0/go.mod h1:CCCC=\n',
  'go.work.sum': 'example.com/w v1.0.0/go.mod h1:DDDD=\n',
  // Matched by the first line, left out by the negated one.
  'svc/a/testdata/go.sum': 'example.com/t v1.0.0 h1:EEEE=\n',
}

describe('cache-dependency-path through dist/main', () => {
  let ws: TempDir
  beforeAll(async () => {
    await ensureDist()
    ws = tempDir('gmc-e2e-globs-')
    for (const [rel, text] of Object.entries(SUMS)) {
      await mkdir(dirname(join(ws.path, rel)), { recursive: true })
      await writeFile(join(ws.path, rel), text)
    }
  })
  afterAll(() => ws?.remove())

  test('glob lines and a negation pick the go.sum files; the key hashes exactly them', async () => {
    const home = join(ws.path, '.home')
    const result = await runJob({
      workspace: ws.path,
      main: DIST.main,
      actionYml: DIST.actionYml,
      inputs: { 'cache-dependency-path': '**/go.sum\n!**/testdata/**\ngo.work.sum', cache: 'false' },
      env: { HOME: home, GOMODCACHE: join(home, 'mod'), GOPROXY: 'off' },
      debug: true,
      timeoutMs: 30_000,
    })
    expect(result.success, result.main.stdout + result.main.stderr).toBe(true)
    const picked = ['svc/a/go.sum', 'svc/b/go.sum', 'go.work.sum']
    const texts = await Promise.all(picked.map((rel) => readFile(join(ws.path, rel), 'utf8')))
    expect(result.main.outputs['cache-primary-key']).toBe(cacheKey('go-mod-cache-v1', texts).primaryKey)
    // glob's own debug lines, written as @actions/core writes them.
    expect(result.main.stdout).toContain(`::debug::Search path '${ws.path}'`)
    expect(result.main.stdout).toMatch(/::debug::Dependency files: .*svc\/a\/go\.sum, .*svc\/b\/go\.sum/)
    expect(result.main.stdout).not.toContain('testdata')
  })
})
