import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AGED_MS } from '../../src/buildcache/layout.js'
import { moveIntoGoCache } from '../../src/buildcache/restore.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

const id = (sub: string, n: number): string => sub + String(n).padStart(62, '0')
const file = (sub: string, n: number, kind: 'a' | 'd'): string => `${sub}/${id(sub, n)}-${kind}`

function write(root: string, rel: string, body: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true })
  writeFileSync(join(root, rel), body)
}

describe('moveIntoGoCache', () => {
  let tmp: TempDir
  let entry: string
  let gocache: string
  beforeEach(() => {
    tmp = tempDir('gmc-move-')
    entry = join(tmp.path, 'entry')
    gocache = join(tmp.path, 'gocache')
  })
  afterEach(() => tmp.remove())

  it('fills an empty GOCACHE with every cache file, aged, and leaves no entry directory', async () => {
    const rels = [file('0a', 1, 'a'), file('0a', 1, 'd'), file('ff', 2, 'a')]
    for (const rel of rels) write(entry, rel, `body of ${rel}`)
    // The go command makes its 256 subdirectories on first use: an empty one is no obstacle.
    mkdirSync(join(gocache, 'ff'), { recursive: true })
    const now = Date.now()
    const into = await moveIntoGoCache(entry, gocache, { nowMs: now })
    expect([...into.files.keys()].sort()).toEqual(rels.sort())
    expect(into.moved).toBe(3)
    expect(into.bytes).toBe(rels.reduce((n, rel) => n + `body of ${rel}`.length, 0))
    for (const rel of rels) expect(statSync(join(gocache, rel)).mtimeMs).toBeCloseTo(now - AGED_MS, -3)
    expect(() => statSync(entry)).toThrow()
  })

  it('never replaces a file GOCACHE has, and still brings the rest of that subdirectory', async () => {
    const mine = file('1b', 1, 'a')
    const theirs = file('1b', 2, 'a')
    write(entry, mine, 'from the entry')
    write(entry, theirs, 'from the entry')
    write(gocache, theirs, 'the job made this')
    const into = await moveIntoGoCache(entry, gocache)
    expect(into.moved).toBe(1)
    expect(into.files.size).toBe(2)
    expect(readdirSync(join(gocache, '1b')).sort()).toEqual([`${id('1b', 1)}-a`, `${id('1b', 2)}-a`])
    expect(statSync(join(gocache, theirs)).size).toBe('the job made this'.length)
  })

  it('brings nothing but cache files: a subdirectory holding anything else moves file by file', async () => {
    const rel = file('2c', 1, 'd')
    write(entry, rel, 'output')
    write(entry, '2c/not-a-cache-file', 'junk')
    const exe = `3d/${id('3d', 1)}-d/tool`
    write(entry, exe, 'binary')
    const into = await moveIntoGoCache(entry, gocache)
    expect(readdirSync(join(gocache, '2c'))).toContain(`${id('2c', 1)}-d`)
    expect(readdirSync(join(gocache, '2c'))).not.toContain('not-a-cache-file')
    expect(statSync(join(gocache, exe)).size).toBe('binary'.length)
    expect(into.files.has(exe)).toBe(true)
  })

  it('leaves out a symbolic link named like a cache file: it could point anywhere', async () => {
    const rel = file('4e', 1, 'a')
    write(entry, rel, 'action')
    const outside = join(tmp.path, 'outside')
    writeFileSync(outside, "not the cache's")
    const link = file('4e', 2, 'd')
    symlinkSync(outside, join(entry, link))
    const into = await moveIntoGoCache(entry, gocache)
    expect([...into.files.keys()]).toEqual([rel])
    expect(readdirSync(join(gocache, '4e'))).toEqual([`${id('4e', 1)}-a`])
  })
})
