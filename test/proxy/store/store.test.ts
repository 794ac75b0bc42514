import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Store, tempName } from '../../../src/proxy/store/store.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'store-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const rel = 'example.com/m/@v/v1.0.0.zip'

describe('Store', () => {
  it('writes through a temp file and renames it into place', async () => {
    const store = new Store(root)
    let seenTemp = ''
    const entry = await store.write(rel, async (tmp) => {
      seenTemp = tmp
      expect(path.dirname(tmp)).toBe(path.dirname(store.abs(rel)))
      expect(await store.stat(rel)).toBeUndefined() // not visible before the rename
      await writeFile(tmp, 'hello')
    })
    expect(seenTemp).not.toBe(store.abs(rel))
    expect(entry.size).toBe(5)
    expect(await readFile(store.abs(rel), 'utf8')).toBe('hello')
    expect(await readdir(path.dirname(store.abs(rel)))).toEqual(['v1.0.0.zip'])
  })

  it('removes the temp file and stores nothing when fill fails', async () => {
    const store = new Store(root)
    await expect(
      store.write(rel, async (tmp) => {
        await writeFile(tmp, 'half')
        throw new Error('body broke')
      }),
    ).rejects.toThrow('body broke')
    expect(await store.stat(rel)).toBeUndefined()
    expect(await readdir(path.dirname(store.abs(rel)))).toEqual([])
  })

  it('never serves a temp file a crash left behind', async () => {
    const store = new Store(root)
    const full = store.abs(rel)
    await store.write('example.com/m/@v/list', (tmp) => writeFile(tmp, 'v1.0.0\n'))
    // A crash between writing and renaming leaves exactly this on disk.
    await writeFile(tempName(full), 'PK-half-a-zip')
    expect(await store.stat(rel)).toBeUndefined()
    // The next write of the same file does not trip over the leftover.
    await store.write(rel, (tmp) => writeFile(tmp, 'whole'))
    expect(await readFile(full, 'utf8')).toBe('whole')
  })

  it('refuses paths that leave the store', () => {
    const store = new Store(root)
    expect(() => store.abs('../outside')).toThrow(/escapes/)
    expect(() => store.abs('a/../../outside')).toThrow(/escapes/)
    expect(() => store.abs('/etc/passwd')).toThrow(/escapes/)
    expect(store.abs('a/b')).toBe(path.join(root, 'a/b'))
  })

  it('answers undefined for absent files and directories', async () => {
    const store = new Store(root)
    expect(await store.stat('nope/@v/list')).toBeUndefined()
    await store.write('d/@v/list', (tmp) => writeFile(tmp, ''))
    expect(await store.stat('d/@v')).toBeUndefined()
  })

  it('moves a bad file aside, to .aside/<path>, where the last bad copy of a path stays', async () => {
    const store = new Store(root)
    await store.write(rel, (tmp) => writeFile(tmp, 'bad'))
    expect(await store.moveAside(rel)).toBe(path.join(root, '.aside', rel))
    expect(await store.stat(rel)).toBeUndefined()
    expect(await store.moveAside(rel)).toBeUndefined() // absent is fine
    await store.write(rel, (tmp) => writeFile(tmp, 'worse'))
    await store.moveAside(rel)
    expect(await readFile(path.join(root, '.aside', rel), 'utf8')).toBe('worse')
  })

  it('lets two stores on one directory write the same file concurrently', async () => {
    const a = new Store(root)
    const b = new Store(root)
    let release = (): void => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const fill = (tmp: string) => gate.then(() => writeFile(tmp, 'same bytes'))
    const both = Promise.all([a.write(rel, fill), b.write(rel, fill)])
    release()
    await both
    expect(await readFile(a.abs(rel), 'utf8')).toBe('same bytes')
    expect(await readdir(path.dirname(a.abs(rel)))).toEqual(['v1.0.0.zip'])
  })

  it('lets two processes write the same file concurrently without corrupting it', async () => {
    const script = `
      import { Store } from ${JSON.stringify(path.resolve('src/proxy/store/store.ts'))}
      import { writeFile } from 'node:fs/promises'
      const store = new Store(process.argv[1])
      const big = Buffer.alloc(4 * 1024 * 1024, 'x')
      for (let i = 0; i < 20; i++) {
        await store.write(${JSON.stringify(rel)}, (tmp) => writeFile(tmp, big))
      }
    `
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, root], {
        timeout: 30_000,
      })
    await Promise.all([run(), run()])
    const data = await readFile(path.join(root, rel))
    expect(data.length).toBe(4 * 1024 * 1024)
    expect(data.every((byte) => byte === 0x78)).toBe(true)
    expect(await readdir(path.dirname(path.join(root, rel)))).toEqual(['v1.0.0.zip'])
  })
})
