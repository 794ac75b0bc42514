import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GoSums } from '../src/proxy/gosum.js'
import { fetchedPastProxy } from '../src/sumset.js'

const h = (c: string): string => `h1:${c.repeat(43)}=`

const SUMS = GoSums.parse(
  [
    `corp.example/new v1.0.0 ${h('a')}`,
    `corp.example/new v1.0.0/go.mod ${h('b')}`,
    `corp.example/old v1.0.0 ${h('c')}`,
    `corp.example/old v1.0.0/go.mod ${h('d')}`,
    `corp.example/absent v1.0.0 ${h('e')}`,
    `corp.example/absent v1.0.0/go.mod ${h('f')}`,
    `example.com/public v1.0.0 ${h('g')}`,
    `example.com/public v1.0.0/go.mod ${h('h')}`,
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
  it('counts the .mod and .zip files of GONOPROXY modules written since the given time', async () => {
    const store = await mkdtemp(join(tmpdir(), 'sumset-'))
    const since = Date.now() - 60_000
    const restored = new Date(since - 3_600_000) // an archive's older mtime
    await put(store, 'corp.example/new', ['v1.0.0.info', 'v1.0.0.mod', 'v1.0.0.zip'])
    await put(store, 'corp.example/old', ['v1.0.0.info', 'v1.0.0.mod', 'v1.0.0.zip'], restored)
    await put(store, 'example.com/public', ['v1.0.0.info', 'v1.0.0.mod', 'v1.0.0.zip'])
    expect(await fetchedPastProxy(store, SUMS, 'corp.example', since)).toBe(2)
    expect(await fetchedPastProxy(store, SUMS, 'corp.example/old', since)).toBe(0)
    expect(await fetchedPastProxy(store, SUMS, '', since)).toBe(0)
    expect(await fetchedPastProxy(store, SUMS, '*', since)).toBe(4)
  })
})
