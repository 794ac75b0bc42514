import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXTRACTED_FILE, extractedZips, readExtracted, treeOf } from '../../src/entry/extracted.js'
import { tempDir } from '../support/helpers/tempdir.js'

const root = tempDir('gmc-entry-extracted-')
afterAll(() => root.remove())
let n = 0
const fresh = (): string => {
  const dir = join(root.path, String(n++))
  mkdirSync(dir)
  return dir
}

describe('the list of extracted zips', () => {
  it("names a zip's tree as the go command makes it, escaped path and version kept", () => {
    expect(treeOf('/m', 'example.com/!upper/mod/@v/v1.0.0.zip')).toBe('/m/example.com/!upper/mod@v1.0.0')
    expect(treeOf('/m', 'example.com/x/v2/@v/v2.0.0+incompatible.zip')).toBe(
      '/m/example.com/x/v2@v2.0.0+incompatible',
    )
  })

  it("lists the entry's zips whose trees GOMODCACHE holds, and nothing else of the entry", async () => {
    const modCache = fresh()
    mkdirSync(join(modCache, 'example.com/a@v1.0.0'), { recursive: true })
    mkdirSync(join(modCache, 'example.com/c@v1.0.0'), { recursive: true })
    const paths = [
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.zip',
      'example.com/a/@v/v1.0.0.ziphash',
      'example.com/b/@v/v1.0.0.zip',
    ]
    expect(await extractedZips(paths, modCache)).toEqual(['example.com/a/@v/v1.0.0.zip'])
  })

  it("reads a layer's manifest first, else the entry's file; keeps only zips an entry may hold", async () => {
    const dir = fresh()
    writeFileSync(
      join(dir, EXTRACTED_FILE),
      'example.com/a/@v/v1.0.0.zip\n../../etc/x.zip\nexample.com/a/@v/v1.0.0.mod\n',
    )
    expect(await readExtracted(dir)).toEqual(new Set(['example.com/a/@v/v1.0.0.zip']))
    const layer = JSON.stringify({ base: 'k', drop: [], extracted: ['example.com/b/@v/v1.0.0.zip', 7] })
    expect(await readExtracted(dir, layer)).toEqual(new Set(['example.com/b/@v/v1.0.0.zip']))
    // A layer saved before the list: the entry's file (its base's) is read.
    expect(await readExtracted(dir, JSON.stringify({ base: 'k', drop: [] }))).toEqual(
      new Set(['example.com/a/@v/v1.0.0.zip']),
    )
    expect(await readExtracted(fresh())).toBeUndefined()
    expect(await readExtracted(fresh(), 'not json')).toBeUndefined()
  })
})
