import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from '../support/helpers/tempdir.js'
import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS } from '../../src/action/inputs.js'
import { cacheKey, keyFromFiles, matchFiles, sumLines } from '../../src/entry/key.js'

const a = 'golang.org/x/mod v0.7.0 h1:AAAA=\ngolang.org/x/mod v0.7.0/go.mod h1:BBBB=\n'
const b = 'example.com/m v1.0.0 h1:CCCC=\nexample.com/m v1.0.0/go.mod h1:DDDD=\n'

describe('cacheKey', () => {
  it("is the prefix and a sha256, with the set's layer and the prefix as restore keys", () => {
    const key = cacheKey('go-mod-cache-v1', [a])
    expect(key.primaryKey).toMatch(/^go-mod-cache-v1-[0-9a-f]{64}$/)
    const hash = key.primaryKey.slice('go-mod-cache-v1-'.length)
    expect(key.restoreKeys).toEqual([`go-mod-cache-v1-layer-${hash}`, 'go-mod-cache-v1-'])
    // A whole entry's key is never a prefix of a layer's: restoring a base can only bring the base.
    expect(key.restoreKeys[0]?.startsWith(key.primaryKey)).toBe(false)
  })

  it('does not depend on file order, line order, duplicates, blank lines or spacing', () => {
    const one = cacheKey('p', [a, b]).primaryKey
    expect(cacheKey('p', [b, a]).primaryKey).toBe(one)
    expect(cacheKey('p', [a + b]).primaryKey).toBe(one)
    const shuffled = (b + a).split('\n').reverse().join('\n')
    expect(cacheKey('p', [shuffled, '\n\n', a.replace(/ /g, '   ')]).primaryKey).toBe(one)
  })

  it('changes when any line changes, and with the prefix', () => {
    const one = cacheKey('p', [a, b]).primaryKey
    expect(cacheKey('p', [a, b.replace('CCCC', 'CCCD')]).primaryKey).not.toBe(one)
    expect(cacheKey('p', [a]).primaryKey).not.toBe(one)
    expect(cacheKey('q', [a, b]).primaryKey.slice(2)).toBe(one.slice(2))
  })

  it('keeps only well-formed h1 lines, sorted', () => {
    expect(sumLines(['junk\nz v1 h1:x\na v1/go.mod h1:y\nb v1 h2:z\n'])).toEqual([
      'a v1/go.mod h1:y',
      'z v1 h1:x',
    ])
  })
})

describe('files', () => {
  it('matches go.sum in every module and go.work.sum, and hashes content only', async () => {
    const root = tempDir('key-').path
    await mkdir(join(root, 'svc', 'api'), { recursive: true })
    await writeFile(join(root, 'go.work.sum'), b)
    await writeFile(join(root, 'svc', 'api', 'go.sum'), a)
    await writeFile(join(root, 'svc', 'go.mod'), 'module x\n')
    const files = await matchFiles([`${root}/**/go.sum`, `${root}/go.work.sum`])
    expect(files).toEqual([join(root, 'go.work.sum'), join(root, 'svc', 'api', 'go.sum')])
    const key = await keyFromFiles('p', files)
    expect(key.primaryKey).toBe(cacheKey('p', [a, b]).primaryKey)
    expect(await matchFiles([`${root}/nothing/**/go.sum`])).toEqual([])
  })

  it("leaves out testdata (the default's exclusion) and every go.sum under a module cache or store", async () => {
    const root = tempDir('key-').path
    const put = async (rel: string): Promise<void> => {
      await mkdir(join(root, rel, '..'), { recursive: true })
      await writeFile(join(root, rel), a)
    }
    for (const rel of [
      'go.sum',
      'tools/go.sum',
      'internal/testdata/fixture/go.sum',
      '.gopath/pkg/mod/golang.org/x/mod@v0.7.0/go.sum',
      'store/example.com/m/@v/go.sum',
      'gomodcache-sibling/go.sum',
    ])
      await put(rel)
    const patterns = INPUT_DEFAULTS.cacheDependencyPath.map((p) =>
      p.startsWith('!') ? `!${root}/${p.slice(1)}` : `${root}/${p}`,
    )
    const files = await matchFiles(patterns, [
      join(root, '.gopath/pkg/mod'),
      join(root, 'store'),
      join(root, 'gomodcache'),
    ])
    expect(files).toEqual([
      join(root, 'go.sum'),
      join(root, 'gomodcache-sibling/go.sum'),
      join(root, 'tools/go.sum'),
    ])
  })
})
