import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { h1 } from '../../support/helpers/h1.js'
import { createModuleFiles, type FilesDeps, type ModuleFiles } from '../../../src/proxy/core/files.js'
import { Semaphore } from '../../../src/proxy/core/pool.js'
import { GoSums } from '../../../src/proxy/module/gosum.js'
import type { JournalEvent } from '../../../src/proxy/core/journal.js'
import { silentLogger } from '../../../src/proxy/log.js'
import { Stamps } from '../../../src/proxy/store/stamps.js'
import { Store } from '../../../src/proxy/store/store.js'
import { checkZip } from '../../../src/proxy/zip/zipcheck.js'
import { createUpstream, type Upstream } from '../../../src/proxy/upstream/upstream.js'

/** A stored (uncompressed) zip of `files`; enough for module zips in tests. */
function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const nameBuf = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += 30 + nameBuf.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** A fixture upstream: a map of paths to bodies or statuses; counts requests; can hold answers. */
class FixtureUpstream {
  readonly files = new Map<string, Buffer | number>()
  readonly hits = new Map<string, number>()
  hold: Promise<void> | undefined
  private server: Server | undefined
  url = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const p = (req.url ?? '').slice(1)
      this.hits.set(p, (this.hits.get(p) ?? 0) + 1)
      void (this.hold ?? Promise.resolve()).then(() => {
        const body = this.files.get(p)
        if (body === undefined || typeof body === 'number') {
          res.statusCode = typeof body === 'number' ? body : 404
          res.end(`status ${res.statusCode}\n`)
        } else {
          res.setHeader('Content-Length', body.length)
          res.end(body)
        }
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  count(p: string): number {
    return this.hits.get(p) ?? 0
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }
}

const M = 'example.com/m'
const V = 'v1.0.0'
const zipFiles = { [`${M}@${V}/go.mod`]: `module ${M}\n`, [`${M}@${V}/m.go`]: 'package m\n' }
const modText = `module ${M}\n`
const modH1 = h1({ 'go.mod': modText })

let root: string
let fixture: FixtureUpstream
let upstream: Upstream
let store: Store
let journal: JournalEvent[]
let clock: number

function files(over: Partial<FilesDeps> = {}, sums = ''): ModuleFiles {
  return createModuleFiles({
    store,
    upstream,
    sums: GoSums.parse(sums),
    journal: { record: (e) => journal.push(e), flush: async () => {}, close: async () => {} },
    log: silentLogger,
    offline: false,
    mutableTtlMs: 60_000,
    now: () => clock,
    ...over,
  })
}

/** Every file under the store, relative, so tests can say exactly what is (not) there. */
async function storeFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort()
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'files-'))
  store = new Store(root)
  fixture = new FixtureUpstream()
  await fixture.start()
  upstream = createUpstream({ list: fixture.url, log: silentLogger, retries: 0 })
  journal = []
  clock = 1_000_000
  fixture.files.set(`${M}/@v/${V}.zip`, makeZip(zipFiles))
  fixture.files.set(`${M}/@v/${V}.mod`, Buffer.from(modText))
  fixture.files.set(`${M}/@v/${V}.info`, Buffer.from(`{"Version":"${V}","Time":"2020-01-01T00:00:00Z"}`))
})
afterEach(async () => {
  await upstream.close()
  await fixture.stop()
  await rm(root, { recursive: true, force: true })
})

describe('ModuleFiles.ensure', () => {
  it('fetches a verified zip once, then answers it from the store', async () => {
    const f = files({}, `${M} ${V} ${h1(zipFiles)}\n${M} ${V}/go.mod ${modH1}\n`)
    const first = await f.ensure(M, V, 'zip', 'request')
    expect(first).toMatchObject({ kind: 'found', source: 'upstream' })
    const second = await f.ensure(M, V, 'zip', 'request')
    expect(second).toMatchObject({ kind: 'found', source: 'store' })
    expect(fixture.count(`${M}/@v/${V}.zip`)).toBe(1)
    // The verified h1 lies beside the zip as the go command's own .ziphash.
    expect(await storeFiles()).toEqual([`${M}/@v/${V}.zip`, `${M}/@v/${V}.ziphash`])
    expect(await readFile(store.abs(`${M}/@v/${V}.ziphash`), 'utf8')).toBe(h1(zipFiles))
    expect(journal).toEqual([
      expect.objectContaining({ event: 'fetch', module: M, version: V, file: 'zip', reason: 'request' }),
    ])
  })

  it('makes one upstream request for N concurrent ensures, across request and prefetch', async () => {
    const f = files()
    let release = (): void => {}
    fixture.hold = new Promise((resolve) => (release = resolve))
    const all = Promise.all([
      ...Array.from({ length: 10 }, () => f.ensure(M, V, 'zip', 'request')),
      f.ensure(M, V, 'zip', 'prefetch'),
    ])
    // Let every caller reach the flight before the one upstream answer arrives.
    await new Promise((resolve) => setImmediate(resolve))
    release()
    const answers = await all
    expect(answers.every((a) => a.kind === 'found' && a.source === 'upstream')).toBe(true)
    expect(fixture.count(`${M}/@v/${V}.zip`)).toBe(1)
  })

  it('refuses a zip whose h1 does not match go.sum, and stores nothing', async () => {
    const other = { ...zipFiles, [`${M}@${V}/m.go`]: 'package m // tampered\n' }
    fixture.files.set(`${M}/@v/${V}.zip`, makeZip(other))
    const f = files({}, `${M} ${V} ${h1(zipFiles)}\n`)
    const got = await f.ensure(M, V, 'zip', 'request')
    expect(got).toEqual({
      kind: 'error',
      status: 502,
      message: `verification failed: ${M}@${V}: zip ${h1(other)} does not match go.sum ${h1(zipFiles)}`,
    })
    expect(await storeFiles()).toEqual([])
    expect(journal).toEqual([
      expect.objectContaining({ event: 'refuse', module: M, version: V, file: 'zip' }),
    ])
  })

  it('refuses a zip breaking the module zip rules, and a go.mod not matching go.sum', async () => {
    fixture.files.set(`${M}/@v/${V}.zip`, makeZip({ 'elsewhere/go.mod': 'module x\n' }))
    fixture.files.set(`${M}/@v/${V}.mod`, Buffer.from('module evil\n'))
    const f = files({}, `${M} ${V}/go.mod ${modH1}\n`)
    expect(await f.ensure(M, V, 'zip', 'request')).toMatchObject({ kind: 'error', status: 502 })
    const mod = await f.ensure(M, V, 'mod', 'request')
    expect(mod).toMatchObject({ kind: 'error', status: 502 })
    expect(mod.kind === 'error' && mod.message).toMatch(/go\.mod h1:\S+ does not match go\.sum h1:/)
    expect(await storeFiles()).toEqual([])
  })

  it('refuses an .info answering another version than the canonical one asked', async () => {
    fixture.files.set(`${M}/@v/${V}.info`, Buffer.from('{"Version":"v1.0.1"}'))
    const got = await files().ensure(M, V, 'info', 'request')
    expect(got).toMatchObject({ kind: 'error', status: 502 })
    expect(await storeFiles()).toEqual([])
  })

  it('verifies a store file before its first serve, replacing a bad one from upstream', async () => {
    const rel = `${M}/@v/${V}.mod`
    await store.write(rel, (tmp) => writeFile(tmp, 'module poisoned\n'))
    const f = files({}, `${M} ${V}/go.mod ${modH1}\n`)
    // Prefetch does not read store files: it answers found without any request.
    expect(await f.ensure(M, V, 'mod', 'prefetch')).toMatchObject({ kind: 'found', source: 'store' })
    expect(fixture.count(rel)).toBe(0)
    // A request verifies, refuses the poisoned copy and fetches the good one.
    expect(await f.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(rel), 'utf8')).toBe(modText)
    expect(journal.map((e) => e.event)).toEqual(['refuse', 'fetch'])
    // The refused copy is kept aside, out of every module path, never served.
    expect(await storeFiles()).toEqual([`.aside/${rel}`, rel])
  })

  it('replaces a poisoned store zip and the hash beside it with verified ones', async () => {
    const rel = `${M}/@v/${V}.zip`
    const bad = { ...zipFiles, [`${M}@${V}/m.go`]: 'package m // poisoned\n' }
    await store.write(rel, (tmp) => writeFile(tmp, makeZip(bad)))
    // A forged hash naming the go.sum value: only re-hashing the zip finds it out.
    await store.write(rel + 'hash', (tmp) => writeFile(tmp, h1(zipFiles)))
    const f = files({}, `${M} ${V} ${h1(zipFiles)}\n`)
    expect(await f.ensure(M, V, 'zip', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(journal.map((e) => e.event)).toEqual(['refuse', 'fetch'])
    expect(await readFile(store.abs(rel))).toEqual(makeZip(zipFiles))
    expect(await readFile(store.abs(rel + 'hash'), 'utf8')).toBe(h1(zipFiles))
  })

  it('passes upstream 404/410 through and turns upstream failures into 502', async () => {
    fixture.files.set(`${M}/@v/v1.0.1.zip`, 410)
    fixture.files.set(`${M}/@v/v1.0.2.zip`, 500)
    const f = files()
    expect(await f.ensure(M, 'v9.9.9', 'mod', 'request')).toMatchObject({ kind: 'notfound', status: 404 })
    expect(await f.ensure(M, 'v1.0.1', 'zip', 'request')).toMatchObject({ kind: 'notfound', status: 410 })
    expect(await f.ensure(M, 'v1.0.2', 'zip', 'request')).toMatchObject({ kind: 'error', status: 502 })
    expect(await storeFiles()).toEqual([])
  })

  it('answers 503 without asking upstream once the proxy is closing', async () => {
    const closing = new AbortController()
    closing.abort()
    const got = await files({ signal: closing.signal }).ensure(M, V, 'zip', 'prefetch')
    expect(got).toMatchObject({ kind: 'error', status: 503 })
    expect(fixture.hits.size).toBe(0)
  })

  it('answers 404 offline for a file not in the store, without asking upstream', async () => {
    const got = await files({ offline: true }).ensure(M, V, 'zip', 'request')
    expect(got).toMatchObject({ kind: 'notfound', status: 404 })
    expect(fixture.hits.size).toBe(0)
  })

  it('never asks upstream for a --noproxy module: serves what the store has, else 404 naming why', async () => {
    for (const [p, body] of Object.entries({
      [`${M}/@v/${V}.zip`]: makeZip(zipFiles),
      [`${M}/@v/${V}.mod`]: Buffer.from(modText),
      [`${M}/@v/list`]: Buffer.from(`${V}\n`),
      [`${M}/@latest`]: Buffer.from(`{"Version":"${V}"}`),
      [`example.com/public/@v/${V}.mod`]: Buffer.from('module example.com/public\n'),
    }))
      fixture.files.set(p, body)
    const f = files({ noProxy: 'other.example,example.com/m' }, `${M} ${V}/go.mod ${modH1}\n`)
    const zip = await f.ensure(M, V, 'zip', 'request')
    expect(zip).toMatchObject({ kind: 'notfound', status: 404 })
    expect((zip as { message: string }).message).toContain('matches --noproxy (GONOPROXY)')
    expect(await f.latest(M)).toMatchObject({ kind: 'notfound', status: 404 })
    expect(await f.list(M)).toMatchObject({ kind: 'notfound', status: 404 })
    expect(fixture.hits.size).toBe(0)
    // What the go command fetched direct into the store is served, and a list is made from it.
    await store.write(`${M}/@v/${V}.mod`, (tmp) => writeFile(tmp, modText))
    expect(await f.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'store' })
    expect(await f.list(M)).toMatchObject({ kind: 'found', source: 'store' })
    expect(await readFile(store.abs(`${M}/@v/list`), 'utf8')).toBe(`${V}\n`)
    expect(fixture.hits.size).toBe(0)
    // Other modules still go upstream.
    expect(await f.ensure('example.com/public', V, 'mod', 'request')).toMatchObject({ source: 'upstream' })
    expect([...fixture.hits.keys()]).toEqual([`example.com/public/@v/${V}.mod`])
  })
})

describe('verification stamps', () => {
  const rel = `${M}/@v/${V}.zip`
  const sums = `${M} ${V} ${h1(zipFiles)}\n`
  let fullChecks: number
  const counted: typeof checkZip = async (...args) => {
    fullChecks++
    return checkZip(...args)
  }
  /** A new proxy process on the store: its own ModuleFiles and stamps, nothing verified yet. */
  const nextProcess = (sumText = sums) =>
    files({ stamps: new Stamps(store, silentLogger), checkZip: counted }, sumText)

  beforeEach(async () => {
    fullChecks = 0
    expect(await nextProcess().ensure(M, V, 'zip', 'request')).toMatchObject({ source: 'upstream' })
    expect(fullChecks).toBe(1)
  })

  it('lets a later process serve a zip this store checked in full without checking it again', async () => {
    expect(await storeFiles()).toEqual([`.stamps/${rel}.stamp`, '.stamps/key', rel, `${rel}hash`])
    expect(await nextProcess().ensure(M, V, 'zip', 'request')).toMatchObject({
      kind: 'found',
      source: 'store',
    })
    expect(fullChecks).toBe(1)
    expect(fixture.count(rel)).toBe(1)
  })

  it('stamps a fetched zip as stored, so a later process trusts it by its metadata, unread', async () => {
    // Stamping the fetch's temp file recorded a ctime its rename into place then changed.
    let hashed = 0
    class Counting extends Stamps {
      override read(r: string, file: string) {
        return super.read(r, file, (task) => (hashed++, task()))
      }
    }
    const next = files({ stamps: new Counting(store, silentLogger), checkZip: counted }, sums)
    expect(await next.ensure(M, V, 'zip', 'request')).toMatchObject({ source: 'store' })
    expect([fullChecks, hashed]).toEqual([1, 0])
  })

  it('checks in full a zip whose bytes changed under its stamp, and refuses it', async () => {
    const bad = { ...zipFiles, [`${M}@${V}/m.go`]: 'package m // poisoned\n' }
    await writeFile(store.abs(rel), makeZip(bad))
    expect(await nextProcess().ensure(M, V, 'zip', 'request')).toMatchObject({ source: 'upstream' })
    expect(fullChecks).toBe(3)
    expect(journal.map((e) => e.event)).toEqual(['fetch', 'refuse', 'fetch'])
    expect(await readFile(store.abs(rel))).toEqual(makeZip(zipFiles))
  })

  it('ignores a stamp made with another store key, or edited', async () => {
    const stamp = store.abs(`.stamps/${rel}.stamp`)
    const good = await readFile(stamp, 'utf8')
    await writeFile(store.abs('.stamps/key'), 'ab'.repeat(32))
    expect(await nextProcess().ensure(M, V, 'zip', 'request')).toMatchObject({ source: 'store' })
    expect(fullChecks).toBe(2)
    // Re-stamped under the new key; an edited h1 line no longer matches its mac.
    const [, digest, meta, mac] = (await readFile(stamp, 'utf8')).split('\n')
    expect(mac).not.toBe(good.split('\n')[3])
    await writeFile(stamp, `h1:AAAA\n${digest}\n${meta}\n${mac}\n`)
    expect(await nextProcess().ensure(M, V, 'zip', 'request')).toMatchObject({ source: 'store' })
    expect(fullChecks).toBe(3)
  })

  it('still holds a stamped zip to go.sum', async () => {
    const other = h1({ ...zipFiles, 'x.go': 'package x\n' })
    const got = await nextProcess(`${M} ${V} ${other}\n`).ensure(M, V, 'zip', 'request')
    expect(got).toMatchObject({ kind: 'error', status: 502 })
    expect(got.kind === 'error' && got.message).toContain(
      `zip ${h1(zipFiles)} does not match go.sum ${other}`,
    )
    expect(await storeFiles()).not.toContain(rel)
    expect(await storeFiles()).not.toContain(`.stamps/${rel}.stamp`)
  })
})

describe('zip verification bound', () => {
  /** A checkZip that counts how many run at once and holds each until told. */
  function watchedCheck() {
    const seen = { active: 0, max: 0, calls: 0 }
    const gates: Array<() => void> = []
    const check: typeof checkZip = async (file, module, version) => {
      seen.calls++
      seen.active++
      seen.max = Math.max(seen.max, seen.active)
      await new Promise<void>((resolve) => gates.push(resolve))
      try {
        return await checkZip(file, module, version)
      } finally {
        seen.active--
      }
    }
    return { seen, gates, check }
  }

  async function storeZips(n: number): Promise<string[]> {
    const versions = Array.from({ length: n }, (_, i) => `v1.0.${i}`)
    for (const v of versions) {
      const zip = makeZip({ [`${M}@${v}/go.mod`]: `module ${M}\n` })
      await store.write(`${M}/@v/${v}.zip`, (tmp) => writeFile(tmp, zip))
    }
    return versions
  }

  /** Releases held checks one at a time until `done` settles (the test's timeout bounds it). */
  async function drain(gates: Array<() => void>, done: Promise<unknown>): Promise<void> {
    let settled = false
    void done.finally(() => (settled = true))
    while (!settled) {
      // Real file reads sit between the checks: give them a moment, then open one more gate.
      await new Promise((resolve) => setTimeout(resolve, 2))
      gates.shift()?.()
    }
  }

  it('runs at most 2 zip verifications at once by default, and all of them in the end', async () => {
    const versions = await storeZips(7)
    const { seen, gates, check } = watchedCheck()
    const f = files({ checkZip: check })
    const all = Promise.all(versions.map((v) => f.ensure(M, v, 'zip', 'request')))
    await drain(gates, all)
    const answers = await all
    expect(answers.every((a) => a.kind === 'found' && a.source === 'store')).toBe(true)
    expect(seen).toEqual({ active: 0, max: 2, calls: 7 })
    expect(fixture.hits.size).toBe(0)
  })

  it('takes the bound from verifyConcurrency', async () => {
    const versions = await storeZips(4)
    const { seen, gates, check } = watchedCheck()
    const f = files({ checkZip: check, verifyConcurrency: 3 })
    const all = Promise.all(versions.map((v) => f.ensure(M, v, 'zip', 'request')))
    await drain(gates, all)
    expect(seen.max).toBe(3)
  })

  it('Semaphore: frees a slot when a task fails, and serves waiters in order', async () => {
    const sem = new Semaphore(1)
    const order: number[] = []
    const failing = sem.run(async () => {
      order.push(1)
      throw new Error('boom')
    })
    const second = sem.run(async () => order.push(2))
    const third = sem.run(async () => order.push(3))
    await expect(failing).rejects.toThrow('boom')
    await Promise.all([second, third])
    expect(order).toEqual([1, 2, 3])
  })
})

describe('ModuleFiles mutable answers', () => {
  const listPath = `${M}/@v/list`

  it('keeps a list fresh for the TTL, refetches when stale, serves stale on upstream failure', async () => {
    fixture.files.set(listPath, Buffer.from('v1.0.0\n'))
    const f = files()
    // Real mtimes come from the file system: run the injected clock from the file's mtime.
    expect(await f.list(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    const written = (await store.stat(listPath))?.mtimeMs ?? 0
    clock = written + 59_000
    expect(await f.list(M)).toMatchObject({ kind: 'found', source: 'store' })
    expect(fixture.count(listPath)).toBe(1)
    clock = written + 61_000
    fixture.files.set(listPath, Buffer.from('v1.0.0\nv1.1.0\n'))
    expect(await f.list(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(listPath), 'utf8')).toBe('v1.0.0\nv1.1.0\n')
    expect(fixture.count(listPath)).toBe(2)
    clock += 10 * 60_000
    fixture.files.set(listPath, 503)
    expect(await f.list(M)).toMatchObject({ kind: 'found', source: 'store' })
    expect(await readFile(store.abs(listPath), 'utf8')).toBe('v1.0.0\nv1.1.0\n')
  })

  it('answers 502 when a list is neither fresh upstream nor stored', async () => {
    fixture.files.set(listPath, 500)
    expect(await files().list(M)).toMatchObject({ kind: 'error', status: 502 })
  })

  it('serves a stale list offline, and synthesizes one from stored release versions', async () => {
    const f = files({ offline: true })
    for (const v of ['v1.2.0', 'v1.10.0', 'v0.0.0-20200101000000-abcdefabcdef', 'v1.3.0-rc.1']) {
      await store.write(`${M}/@v/${v}.mod`, (tmp) => writeFile(tmp, modText))
    }
    const got = await f.list(M)
    expect(got).toMatchObject({ kind: 'found' })
    expect(await readFile(store.abs(listPath), 'utf8')).toBe('v1.2.0\nv1.3.0-rc.1\nv1.10.0\n')
    // The synthesized list is stale from birth, so an online proxy asks upstream.
    fixture.files.set(listPath, Buffer.from('v1.2.0\n'))
    expect(await files().list(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    await utimes(store.abs(listPath), new Date(0), new Date(0))
    expect(await files({ offline: true }).list(M)).toMatchObject({ kind: 'found', source: 'store' })
    expect(fixture.count(listPath)).toBe(1)
  })

  it('stores a query answer beside, never over, the canonical .info, and adds it when absent', async () => {
    const info = `{"Version":"${V}","Time":"2020-01-01T00:00:00Z"}`
    fixture.files.set(`${M}/@v/master.info`, Buffer.from(info))
    fixture.files.set(`${M}/@latest`, Buffer.from(info))
    const f = files()
    expect(await f.query(M, 'master')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(`${M}/@v/${V}.info`), 'utf8')).toBe(info)
    await store.write(`${M}/@v/${V}.info`, (tmp) => writeFile(tmp, '{"Version":"v1.0.0","Origin":"kept"}'))
    expect(await f.latest(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(`${M}/@v/${V}.info`), 'utf8')).toContain('kept')
    expect(await storeFiles()).toEqual([`${M}/@latest`, `${M}/@v/master.info`, `${M}/@v/${V}.info`])
  })

  it('refuses a query answer that is not .info JSON', async () => {
    fixture.files.set(`${M}/@v/master.info`, Buffer.from('<html>oops</html>'))
    expect(await files().query(M, 'master')).toMatchObject({ kind: 'error', status: 502 })
    expect(await storeFiles()).toEqual([])
  })
})

describe('upstream answers that are no module files', () => {
  const page = Buffer.from('<!DOCTYPE html>\n<html><body>sign in</body></html>\n')

  it('refuses a page served as a .mod, without go.sum, and stores nothing', async () => {
    fixture.files.set(`${M}/@v/${V}.mod`, page)
    const got = await files().ensure(M, V, 'mod', 'request')
    expect(got).toMatchObject({ kind: 'error', status: 502 })
    expect(got.kind === 'error' && got.message).toMatch(/no go\.mod statement: "<!DOCTYPE html>"/)
    expect(await storeFiles()).toEqual([])
    expect(journal).toEqual([expect.objectContaining({ event: 'refuse', file: 'mod' })])
  })

  it('refuses a stored page served as a .mod and fetches the real one', async () => {
    await store.write(`${M}/@v/${V}.mod`, (tmp) => writeFile(tmp, page))
    expect(await files().ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(`${M}/@v/${V}.mod`), 'utf8')).toBe(modText)
  })

  it('refuses a list that is no list, serving the stale one when there is one', async () => {
    const listPath = `${M}/@v/list`
    fixture.files.set(listPath, page)
    expect(await files().list(M)).toMatchObject({ kind: 'error', status: 502 })
    expect(await storeFiles()).toEqual([])
    fixture.files.set(listPath, Buffer.from('v1.0.0\nv1.1.0\n'))
    expect(await files().list(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    clock += 10 * 60_000
    fixture.files.set(listPath, page)
    expect(await files().list(M)).toMatchObject({ kind: 'found', source: 'store' })
    expect(await readFile(store.abs(listPath), 'utf8')).toBe('v1.0.0\nv1.1.0\n')
  })

  it('takes an empty list and one with fields after the version, as the go command reads them', async () => {
    fixture.files.set(`${M}/@v/list`, Buffer.from(''))
    expect(await files().list(M)).toMatchObject({ kind: 'found', source: 'upstream' })
    fixture.files.set(`example.com/n/@v/list`, Buffer.from('v1.0.0 2020-01-01T00:00:00Z\r\nv1.1\n'))
    expect(await files().list('example.com/n')).toMatchObject({ kind: 'found', source: 'upstream' })
  })

  it('refuses a query .info whose Version is not canonical', async () => {
    fixture.files.set(`${M}/@v/master.info`, Buffer.from('{"Version":"master"}'))
    expect(await files().query(M, 'master')).toMatchObject({ kind: 'error', status: 502 })
    expect(await storeFiles()).toEqual([])
  })
})

describe('store files changed under a running proxy', () => {
  const zipRel = `${M}/@v/${V}.zip`
  const sums = `${M} ${V} ${h1(zipFiles)}\n${M} ${V}/go.mod ${modH1}\n`

  it('checks a zip truncated in place again, moves it aside (saying where) and fetches it again', async () => {
    const warnings: string[] = []
    const f = files(
      { log: { ...silentLogger, warn: (m) => warnings.push(m) }, stamps: new Stamps(store, silentLogger) },
      sums,
    )
    expect(await f.ensure(M, V, 'zip', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await f.ensure(M, V, 'zip', 'request')).toMatchObject({ kind: 'found', source: 'store' })
    const whole = await readFile(store.abs(zipRel))
    await truncate(store.abs(zipRel), Math.floor(whole.length / 2))
    const again = await f.ensure(M, V, 'zip', 'request')
    expect(again).toMatchObject({ kind: 'found', source: 'upstream', size: whole.length })
    expect(await readFile(store.abs(zipRel))).toEqual(whole)
    const aside = path.join(root, '.aside', zipRel)
    expect((await readFile(aside)).length).toBe(Math.floor(whole.length / 2))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`moved aside to ${aside}`)
    expect(fixture.count(zipRel)).toBe(2)
    expect(journal.map((e) => e.event)).toEqual(['fetch', 'refuse', 'fetch'])
  })

  it('checks a .mod rewritten in place again before serving it', async () => {
    const f = files({}, sums)
    const rel = `${M}/@v/${V}.mod`
    expect(await f.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    await writeFile(store.abs(rel), 'module example.com/evil\n')
    expect(await f.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(await readFile(store.abs(rel), 'utf8')).toBe(modText)
    expect(fixture.count(rel)).toBe(2)
  })

  it('serves a file unchanged since its check without reading it again', async () => {
    let fullChecks = 0
    const counted: typeof checkZip = async (...args) => {
      fullChecks++
      return checkZip(...args)
    }
    const f = files({ checkZip: counted }, sums)
    for (let i = 0; i < 3; i++)
      expect(await f.ensure(M, V, 'zip', 'request')).toMatchObject({ kind: 'found' })
    expect(fullChecks).toBe(1)
    expect(fixture.count(zipRel)).toBe(1)
  })
})

describe('the checksum database for what go.sum does not list', () => {
  it('is asked for fetched .mod and .zip files without a go.sum line, never for listed or stored ones', async () => {
    const asked: string[] = []
    const checksums = async (module: string, version: string, kind: string, got: string) => {
      asked.push(`${module}@${version} ${kind} ${got}`)
      return kind === 'zip' ? 'zip h1:x does not match sum.test' : undefined
    }
    const f = files({ checksums }, `${M} ${V}/go.mod ${modH1}\n`)
    // go.sum lists the .mod: the database is not asked.
    expect(await f.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found' })
    expect(asked).toEqual([])
    // The zip is not listed: the database is asked, and its refusal stores nothing, not even a .ziphash.
    const zip = await f.ensure(M, V, 'zip', 'request')
    expect(zip).toMatchObject({ kind: 'error', status: 502 })
    expect(asked).toEqual([`${M}@${V} zip ${h1(zipFiles)}`])
    expect(await storeFiles()).toEqual([`${M}/@v/${V}.mod`])
    // An unlisted .mod of another version is asked with its hash; a stored one is not.
    const other = 'v1.1.0'
    fixture.files.set(`${M}/@v/${other}.mod`, Buffer.from(modText))
    expect(await f.ensure(M, other, 'mod', 'request')).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(asked).toHaveLength(2)
    expect(asked[1]).toBe(`${M}@${other} mod ${modH1}`)
    await files({ checksums }).ensure(M, other, 'mod', 'request')
    expect(asked).toHaveLength(2)
  })
})
