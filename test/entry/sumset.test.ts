import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from '../support/helpers/tempdir.js'
import { describe, expect, it } from 'vitest'
import { GoSums } from '../../src/proxy/module/gosum.js'
import { fetchedPastProxy } from '../../src/entry/sumset.js'

const h = (c: string): string => `h1:${c.repeat(43)}=`

const SUMS = GoSums.parse(
  [
    `corp.example/new v1.0.0 ${h('a')}`,
    `corp.example/new v1.0.0/go.mod ${h('b')}`,
    `example.com/old v1.0.0 ${h('c')}`,
    `example.com/old v1.0.0/go.mod ${h('d')}`,
    `example.com/absent v1.0.0 ${h('e')}`,
    `example.com/absent v1.0.0/go.mod ${h('f')}`,
    `example.com/modonly v1.0.0/go.mod ${h('g')}`,
  ].join('\n'),
)

async function put(store: string, module: string, files: string[], mtime?: Date): Promise<void> {
  const dir = join(store, module, '@v')
  await mkdir(dir, { recursive: true })
  for (const f of files) {
    await writeFile(join(dir, f), 'x')
    if (mtime) await utimes(join(dir, f), mtime, mtime)
  }
}

describe('fetchedPastProxy', () => {
  it('counts the .mod and .zip files of the go.sum set written since the given time', async () => {
    const store = tempDir('sumset-').path
    const since = Date.now() - 60_000
    const restored = new Date(since - 3_600_000) // an archive's older mtime
    await put(store, 'corp.example/new', ['v1.0.0.info', 'v1.0.0.mod', 'v1.0.0.zip'])
    await put(store, 'example.com/old', ['v1.0.0.info', 'v1.0.0.mod', 'v1.0.0.zip'], restored)
    await put(store, 'example.com/modonly', ['v1.0.0.mod'])
    await put(store, 'example.com/stray', ['v1.0.0.mod', 'v1.0.0.zip']) // not in go.sum
    expect(await fetchedPastProxy(store, SUMS, since)).toBe(3)
    expect(await fetchedPastProxy(store, SUMS, Date.now() + 60_000)).toBe(0)
  })
})
