import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheProvider } from '../../src/cache/provider.js'
import { exactHit, layerKeyOf, parseLayer, planLayer, restoreLayer } from '../../src/entry/layer.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

const A = 'example.com/a/@v/v1.0.0.zip'
const B = 'example.com/b/@v/v1.0.0.mod'
const C = 'example.com/c/@v/v1.0.0.mod'

let tmp: TempDir
let entryDir: string
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  tmp = tempDir('layer-')
  entryDir = join(tmp.path, 'entry')
})
afterEach(() => {
  vi.restoreAllMocks()
  tmp.remove()
})

async function put(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true })
    await writeFile(join(dir, rel), text)
  }
}

/** A cache that restores the entries it holds (files by name) into entryDir, and notes the keys asked. */
function entries(held: Record<string, Record<string, string>>, failed = false) {
  const asked: string[] = []
  const cache: CacheProvider = {
    restore: async (_paths, key, restoreKeys) => {
      asked.push([key, ...restoreKeys].join(' '))
      const files = held[key]
      if (files === undefined) return { value: undefined, failed }
      await put(entryDir, files)
      return { value: key, failed: false }
    },
    saveFiles: async () => ({ value: -1, failed: true }),
    reserve: async () => ({ value: false, failed: true }),
    available: async () => true,
  }
  return { cache, asked }
}

const list = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'))

describe('restoreLayer', () => {
  it('takes a whole entry as the base, listing its files with their sizes', async () => {
    await put(entryDir, { [A]: 'zip!', [B]: 'mod' })
    const { cache, asked } = entries({})
    const listFile = join(tmp.path, 'base.json')
    const got = await restoreLayer(cache, entryDir, 'p-1', listFile)
    expect(got).toEqual({ base: { key: 'p-1', files: listFile }, failed: false })
    expect(asked).toEqual([])
    expect(new Map(await (list(listFile) as Promise<[string, number][]>))).toEqual(
      new Map([
        [A, 4],
        [B, 3],
      ]),
    )
  })

  it("restores a layer's base by its exact key and drops what the layer leaves out", async () => {
    const manifest = JSON.stringify({ base: 'p-0', drop: [B] })
    await put(entryDir, { [C]: 'new', 'layer.json': manifest })
    const { cache, asked } = entries({ 'p-0': { [A]: 'zip!', [B]: 'mod' } })
    const listFile = join(tmp.path, 'base.json')
    const got = await restoreLayer(cache, entryDir, 'p-layer-1', listFile)
    expect(asked).toEqual(['p-0'])
    expect(got).toEqual({ base: { key: 'p-0', files: listFile }, failed: false, manifest })
    // The base's own files, not the layer's: the next layer is planned against the base.
    expect(new Map(await (list(listFile) as Promise<[string, number][]>))).toEqual(
      new Map([
        [A, 4],
        [B, 3],
      ]),
    )
    expect(await readFile(join(entryDir, C), 'utf8')).toBe('new')
    expect(await readFile(join(entryDir, A), 'utf8')).toBe('zip!')
    await expect(readFile(join(entryDir, B))).rejects.toThrow(/ENOENT/)
  })

  it('keeps the layer alone, with no base for post, when its base is gone', async () => {
    const manifest = JSON.stringify({ base: 'p-0', drop: [] })
    await put(entryDir, { [C]: 'new', 'layer.json': manifest })
    const got = await restoreLayer(entries({}).cache, entryDir, 'p-layer-1', join(tmp.path, 'b.json'))
    expect(got).toEqual({ failed: false, manifest })
    expect(await readFile(join(entryDir, C), 'utf8')).toBe('new')
  })

  it('says the service failed when restoring the base failed', async () => {
    const manifest = JSON.stringify({ base: 'p-0', drop: [] })
    await put(entryDir, { 'layer.json': manifest })
    const got = await restoreLayer(entries({}, true).cache, entryDir, 'p-layer-1', join(tmp.path, 'b.json'))
    expect(got).toEqual({ failed: true, manifest })
  })

  it('restores nothing more for a manifest it cannot read', async () => {
    const manifest = JSON.stringify({ base: 'p-0', drop: ['../../x/@v/a.zip'] })
    await put(entryDir, { [C]: 'new', 'layer.json': manifest })
    const { cache, asked } = entries({ 'p-0': { [A]: 'zip!' } })
    expect(await restoreLayer(cache, entryDir, 'p-layer-1', join(tmp.path, 'b.json'))).toEqual({
      failed: false,
      manifest,
    })
    expect(asked).toEqual([])
  })
})

describe('parseLayer', () => {
  it('reads a base and entry paths to drop', () => {
    expect(parseLayer(JSON.stringify({ base: 'k', drop: [A, B] }))).toEqual({ base: 'k', drop: [A, B] })
  })

  it.each([
    ['not JSON', '{'],
    ['no base', JSON.stringify({ drop: [] })],
    ['an empty base', JSON.stringify({ base: '', drop: [] })],
    ['no drop list', JSON.stringify({ base: 'k' })],
    ['a path out of the entry', JSON.stringify({ base: 'k', drop: ['../x/@v/v1.zip'] })],
    ['an absolute path', JSON.stringify({ base: 'k', drop: ['/etc/@v/v1.zip'] })],
    ['a backslash', JSON.stringify({ base: 'k', drop: ['a\\..\\..\\x/@v/v1.zip'] })],
    ['a dot element', JSON.stringify({ base: 'k', drop: ['a/.stamps/@v/v1.zip'] })],
    ['a file an entry never holds', JSON.stringify({ base: 'k', drop: ['a/@v/list'] })],
    ['a number', JSON.stringify({ base: 'k', drop: [1] })],
  ])('refuses %s', (_, text) => {
    expect(parseLayer(text)).toBeUndefined()
  })
})

describe('planLayer', () => {
  const base = { key: 'p-0', files: '' }

  it('is the files beyond the base, their bytes from the store, and what the base holds beyond the set', async () => {
    await put(tmp.path, { [C]: '12345' })
    const plan = await planLayer(
      base,
      new Map([
        [A, 100],
        [B, 25],
      ]),
      [A, C],
      tmp.path,
    )
    expect(plan).toEqual({ files: [C], bytes: 5, layer: { base: 'p-0', drop: [B] } })
  })

  it('is undefined past half the base added or a quarter of it dropped', async () => {
    await put(tmp.path, { [C]: 'x'.repeat(51) })
    expect(await planLayer(base, new Map([[A, 100]]), [A, C], tmp.path)).toBeUndefined()
    expect(
      await planLayer(
        base,
        new Map([
          [A, 100],
          [B, 34],
        ]),
        [A],
        tmp.path,
      ),
    ).toBeUndefined()
    expect(
      await planLayer(
        base,
        new Map([
          [A, 100],
          [B, 33],
        ]),
        [A],
        tmp.path,
      ),
    ).toEqual({
      files: [],
      bytes: 0,
      layer: { base: 'p-0', drop: [B] },
    })
  })
})

describe('keys', () => {
  it("puts 'layer' before the set's hash, so a whole entry's key is never a layer's prefix", () => {
    expect(layerKeyOf('go-mod-cache-v1-abc')).toBe('go-mod-cache-v1-layer-abc')
  })

  it('counts a layer of the set as an exact hit only with its base restored', () => {
    const files = 'base.json'
    expect(exactHit({ primaryKey: 'p-1', matchedKey: 'p-1' })).toBe(true)
    expect(exactHit({ primaryKey: 'p-1', matchedKey: 'p-layer-1', base: { key: 'p-0', files } })).toBe(true)
    expect(exactHit({ primaryKey: 'p-1', matchedKey: 'p-layer-1' })).toBe(false)
    expect(exactHit({ primaryKey: 'p-1', matchedKey: 'p-0', base: { key: 'p-0', files } })).toBe(false)
    expect(exactHit({ primaryKey: '', matchedKey: '' })).toBe(false)
  })
})
