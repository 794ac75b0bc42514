import { createHash, createHmac } from 'node:crypto'
import { link, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/proxy/log.js'
import { createKey, Stamps, type Limit } from '../../../src/proxy/store/stamps.js'
import { Store } from '../../../src/proxy/store/store.js'

let root: string
let store: Store
const rel = 'example.com/m/@v/v1.0.0.zip'

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'stamps-'))
  store = new Store(root)
  await store.write(rel, (tmp) => writeFile(tmp, 'zip bytes'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('Stamps', () => {
  it('gives processes starting at once on one store the same key, readable by its owner only', async () => {
    const many = Array.from({ length: 8 }, () => new Stamps(store, silentLogger))
    await Promise.all(
      many.map((s, i) => s.write(`example.com/m${i}/@v/v1.0.0.zip`, store.abs(rel), `h1:${i}=`)),
    )
    // Each stamp is valid for every other process: one key won.
    const reader = new Stamps(store, silentLogger)
    for (let i = 0; i < many.length; i++) {
      expect(await reader.read(`example.com/m${i}/@v/v1.0.0.zip`, store.abs(rel))).toBe(`h1:${i}=`)
    }
    expect((await stat(store.abs('.stamps/key'))).mode & 0o777).toBe(0o600)
    expect((await readFile(store.abs('.stamps/key'), 'utf8')).length).toBe(64)
  })

  it('never replaces a key another process created after this one looked for it', async () => {
    const file = store.abs('.stamps/key')
    await new Stamps(store, silentLogger).write(rel, store.abs(rel), 'h1:x=')
    const first = await readFile(file, 'utf8')
    expect((await createKey(file)).toString('hex')).toBe(first)
    expect(await readFile(file, 'utf8')).toBe(first)
    expect(await new Stamps(store, silentLogger).read(rel, store.abs(rel))).toBe('h1:x=')
  })

  it('binds a stamp to its store path: moved to another path it is no stamp', async () => {
    const stamps = new Stamps(store, silentLogger)
    await stamps.write(rel, store.abs(rel), 'h1:x=')
    const other = 'example.com/other/@v/v1.0.0.zip'
    await store.write(`.stamps/${other}.stamp`, async (tmp) =>
      writeFile(tmp, await readFile(store.abs(`.stamps/${rel}.stamp`))),
    )
    expect(await stamps.read(rel, store.abs(rel))).toBe('h1:x=')
    expect(await stamps.read(other, store.abs(rel))).toBeUndefined()
  })

  it('trusts the stamped file by its metadata unread, a touched one by a sha256, a rewritten one not at all', async () => {
    const stamps = new Stamps(store, silentLogger)
    await stamps.write(rel, store.abs(rel), 'h1:x=')
    let hashed = 0
    const counting: Limit = (task) => {
      hashed++
      return task()
    }
    expect(await stamps.read(rel, store.abs(rel), counting)).toBe('h1:x=')
    expect(hashed).toBe(0)
    // Same bytes, new times (a copy with -p, a touch): the digest still vouches for them.
    await utimes(store.abs(rel), new Date(1e12), new Date(1e12))
    expect(await stamps.read(rel, store.abs(rel), counting)).toBe('h1:x=')
    expect(hashed).toBe(1)
    // Same size, other bytes, in place.
    await writeFile(store.abs(rel), 'zip bytez')
    expect(await stamps.read(rel, store.abs(rel), counting)).toBeUndefined()
    expect(hashed).toBe(2)
    expect(await stamps.read(rel, store.abs(rel), counting)).toBeUndefined()
    expect(hashed).toBe(3)
  })

  it('records the new metadata of a file a hard link changed, so the next read is unread', async () => {
    await new Stamps(store, silentLogger).write(rel, store.abs(rel), 'h1:x=')
    let hashed = 0
    const counting: Limit = (task) => {
      hashed++
      return task()
    }
    // Post links every store zip into its entry and removes the links: each changes the ctime.
    await link(store.abs(rel), path.join(root, 'entry.zip'))
    await rm(path.join(root, 'entry.zip'))
    const later = new Stamps(store, silentLogger)
    expect(await later.read(rel, store.abs(rel), counting)).toBe('h1:x=')
    expect(hashed).toBe(1)
    expect(await new Stamps(store, silentLogger).read(rel, store.abs(rel), counting)).toBe('h1:x=')
    expect(hashed).toBe(1)
  })

  it('stamps nothing when the file is no longer the one checked', async () => {
    const stamps = new Stamps(store, silentLogger)
    const st = await stat(store.abs(rel), { bigint: true })
    await stamps.write(rel, store.abs(rel), 'h1:x=', undefined, `${st.dev}:${st.ino + 1n}`)
    expect(await stamps.read(rel, store.abs(rel))).toBeUndefined()
    await stamps.write(rel, store.abs(rel), 'h1:x=', undefined, `${st.dev}:${st.ino}`)
    expect(await stamps.read(rel, store.abs(rel))).toBe('h1:x=')
  })

  it('reads a stamp written before the metadata was recorded by its digest', async () => {
    await new Stamps(store, silentLogger).write('example.com/x/@v/v1.0.0.zip', store.abs(rel), 'h1:y=')
    const key = Buffer.from(await readFile(store.abs('.stamps/key'), 'utf8'), 'hex')
    const digest = createHash('sha256').update('zip bytes').digest('hex')
    const mac = createHmac('sha256', key).update(`${rel}\0h1:x=\0${digest}`).digest('hex')
    await store.write(`.stamps/${rel}.stamp`, (tmp) => writeFile(tmp, `h1:x=\n${digest}\n${mac}\n`))
    expect(await new Stamps(store, silentLogger).read(rel, store.abs(rel))).toBe('h1:x=')
    await writeFile(store.abs(rel), 'zip bytez')
    expect(await new Stamps(store, silentLogger).read(rel, store.abs(rel))).toBeUndefined()
  })

  it('turns itself off, never failing, when the key cannot be made', async () => {
    // A file where the stamp directory should be: no key, so every read says "not stamped".
    await writeFile(store.abs('.stamps'), 'in the way')
    const stamps = new Stamps(store, silentLogger)
    await stamps.write(rel, store.abs(rel), 'h1:x=')
    expect(await stamps.read(rel, store.abs(rel))).toBeUndefined()
  })
})
