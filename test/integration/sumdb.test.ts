import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { runGo, tempDir, type TempDir } from '../support/helpers/gocmd.js'
import { startSumdb, type Sumdb as TestDb } from '../support/helpers/gotools.js'
import { testProxyConfig } from '../support/helpers/proxyconfig.js'
import { MODULES, syntheticModules, writeConsumer } from '../support/helpers/modules.js'
import { startUpstream, type Upstream as FixtureUpstream } from '../support/helpers/upstream.js'
import { startProxy, type RunningProxy } from '../../src/proxy/index.js'
import { silentLogger } from '../../src/proxy/log.js'
import type { Reply } from '../../src/proxy/http/reply.js'
import { Store } from '../../src/proxy/store/store.js'
import { createSumdb, parseSumdbPath, parseTilePath, type Sumdb } from '../../src/proxy/sumdb/sumdb.js'
import { createUpstream, type Upstream } from '../../src/proxy/upstream/upstream.js'

/** A stand-in database on 127.0.0.1: fixed answers, a request log, and a switch to fail. */
interface FakeDb {
  url: string
  requests: string[]
  latest: string
  failing: boolean
  close(): Promise<void>
}

async function fakeDb(): Promise<FakeDb> {
  const db: FakeDb = { url: '', requests: [], latest: 'tree 1', failing: false, close: async () => {} }
  const server: Server = createServer((req, res) => {
    const path = req.url ?? ''
    db.requests.push(path)
    if (db.failing) return void res.writeHead(500).end('down')
    if (path === '/db/latest') return void res.end(db.latest)
    if (path === '/db/lookup/example.com/!m@v1.0.0') return void res.end('record for example.com/M\n')
    if (path.startsWith('/db/tile/')) return void res.end(fakeTile(path))
    res.writeHead(404).end('not found: ' + path)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  db.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/db`
  db.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return db
}

/**
 * A tile as a log would hold it: hash tiles are W hashes of 32 bytes (hash j filled with byte j,
 * so a narrower tile is a prefix of a wider one); data tiles are just their path.
 */
function fakeTile(path: string): Buffer {
  const m = /^\/db\/tile\/(\d+)\/(\d+|data)\/[x\d/]+?(?:\.p\/(\d+))?$/.exec(path)
  if (!m || m[2] === 'data') return Buffer.from(path)
  const width = m[3] === undefined ? 2 ** Number(m[1]) : Number(m[3])
  return Buffer.concat(Array.from({ length: width }, (_, j) => Buffer.alloc(32, j)))
}

async function body(reply: Reply): Promise<string> {
  if (reply.file) return readFile(reply.file, 'utf8')
  return String(reply.body ?? '')
}

async function bytes(reply: Reply): Promise<Buffer> {
  if (reply.file) return readFile(reply.file)
  return Buffer.from(reply.body ?? '')
}

describe('sumdb handler', () => {
  let dir: string
  let db: FakeDb
  let upstream: Upstream
  let clock: number
  let handler: (offline?: boolean, noSumdb?: string) => Sumdb

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sumdb-'))
    db = await fakeDb()
    upstream = createUpstream({ list: db.url, log: silentLogger, retries: 0, paths: 'sumdb' })
    clock = Date.now()
    handler = (offline = false, noSumdb?: string) =>
      createSumdb({
        sumdb: { name: 'sum.test', url: db.url },
        store: new Store(dir),
        upstream,
        ttlMs: 60_000,
        offline,
        noSumdb,
        log: silentLogger,
        now: () => clock,
      })
  })
  afterEach(async () => {
    await upstream.close()
    await db.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers supported 200 when the database answers /latest', async () => {
    const h = handler()
    expect((await h.handle('sum.test/supported', false)).status).toBe(200)
    expect(db.requests).toEqual(['/db/latest'])
    // The probe is remembered for the TTL.
    expect((await h.handle('sum.test/supported', false)).status).toBe(200)
    expect(db.requests).toEqual(['/db/latest'])
  })

  it('answers supported 404 when the database is down, and probes again after the TTL', async () => {
    db.failing = true
    const h = handler()
    expect((await h.handle('sum.test/supported', false)).status).toBe(404)
    db.failing = false
    expect((await h.handle('sum.test/supported', false)).status).toBe(404)
    clock += 60_000
    expect((await h.handle('sum.test/supported', false)).status).toBe(200)
  })

  it('answers supported 200 with the database down when the store holds its signed head', async () => {
    const h = handler()
    expect((await h.handle('sum.test/supported', false)).status).toBe(200)
    expect((await h.handle('sum.test/lookup/example.com/!m@v1.0.0', false)).status).toBe(200)
    db.failing = true
    clock += 60_000
    const again = handler()
    expect((await again.handle('sum.test/supported', false)).status).toBe(200)
    expect((await again.handle('sum.test/lookup/example.com/!m@v1.0.0', false)).status).toBe(200)
  })

  it('answers 404 for any other database name', async () => {
    const h = handler()
    for (const rest of ['sum.golang.org/supported', 'sum.tes/latest', 'sum.test', 'sum.testx/latest']) {
      expect((await h.handle(rest, false)).status).toBe(404)
    }
    expect(db.requests).toEqual([])
  })

  it('refuses a lookup of a --nosumdb module with 403, never asking the database', async () => {
    const h = handler(false, 'corp.example,example.com/M')
    const refused = await h.handle('sum.test/lookup/example.com/!m/sub@v1.0.0', false)
    expect(refused.status).toBe(403)
    expect(await body(refused)).toContain('example.com/M/sub matches --nosumdb (GONOSUMDB)')
    expect(db.requests).toEqual([])
    expect((await h.handle('sum.test/lookup/example.com/other@v1.0.0', false)).status).toBe(404)
    expect(db.requests).toEqual(['/db/lookup/example.com/other@v1.0.0'])
  })

  it('caches lookups forever and serves them with the database gone', async () => {
    const h = handler()
    const first = await h.handle('sum.test/lookup/example.com/!m@v1.0.0', false)
    expect(first.status).toBe(200)
    expect(first.cacheControl).toContain('immutable')
    expect(await body(first)).toBe('record for example.com/M\n')
    await db.close()
    clock += 10 * 365 * 86_400_000
    const again = await h.handle('sum.test/lookup/example.com/!m@v1.0.0', false)
    expect(again.status).toBe(200)
    expect(await body(again)).toBe('record for example.com/M\n')
    expect(db.requests).toEqual(['/db/lookup/example.com/!m@v1.0.0'])
  })

  it('caches full and partial tiles', async () => {
    const h = handler()
    for (const tile of ['tile/8/0/000', 'tile/8/1/x001/234.p/5', 'tile/8/data/002']) {
      const reply = await h.handle(`sum.test/${tile}`, false)
      expect(reply.status).toBe(200)
      expect(await bytes(reply)).toEqual(fakeTile(`/db/${tile}`))
      await h.handle(`sum.test/${tile}`, false)
    }
    expect(db.requests).toEqual(['/db/tile/8/0/000', '/db/tile/8/1/x001/234.p/5', '/db/tile/8/data/002'])
  })

  it('cuts a partial hash tile from a wider stored one, with the database gone', async () => {
    const h = handler()
    for (const tile of ['tile/8/0/000', 'tile/8/1/x001/234.p/5']) await h.handle(`sum.test/${tile}`, false)
    await db.close()
    for (const h2 of [h, handler(true)]) {
      for (const [tile, from] of [
        ['tile/8/0/000.p/1', 'tile/8/0/000'],
        ['tile/8/0/000.p/255', 'tile/8/0/000'],
        ['tile/8/1/x001/234.p/4', 'tile/8/1/x001/234.p/5'],
      ]) {
        const reply = await h2.handle(`sum.test/${tile}`, false)
        expect(reply.status, tile).toBe(200)
        expect(reply.cacheControl).toContain('immutable')
        expect(await bytes(reply)).toEqual(fakeTile(`/db/${tile}`))
        expect(fakeTile(`/db/${from}`).subarray(0, (await bytes(reply)).length)).toEqual(await bytes(reply))
      }
      // Nothing wider is stored for these: they need the database.
      for (const tile of ['tile/8/1/x001/234.p/6', 'tile/8/0/001.p/1']) {
        expect((await h2.handle(`sum.test/${tile}`, false)).status, tile).not.toBe(200)
      }
    }
    expect(db.requests).toEqual(['/db/tile/8/0/000', '/db/tile/8/1/x001/234.p/5'])
  })

  it('never cuts a data tile, nor a stored tile whose size does not match its width', async () => {
    const h = handler()
    await h.handle('sum.test/tile/8/data/000.p/5', false)
    await h.handle('sum.test/tile/8/0/001.p/5', false)
    writeFileSync(join(dir, 'sumdb/sum.test/tile/8/0/001.p/5'), Buffer.alloc(4 * 32))
    const seen = db.requests.length
    const data = await h.handle('sum.test/tile/8/data/000.p/2', false)
    expect(await bytes(data)).toEqual(fakeTile('/db/tile/8/data/000.p/2'))
    expect(await bytes(await h.handle('sum.test/tile/8/0/001.p/2', false))).toEqual(
      fakeTile('/db/tile/8/0/001.p/2'),
    )
    expect(db.requests.slice(seen)).toEqual(['/db/tile/8/data/000.p/2', '/db/tile/8/0/001.p/2'])
  })

  it('passes a database miss through and stores nothing', async () => {
    const h = handler()
    const reply = await h.handle('sum.test/lookup/example.com/other@v1.0.0', false)
    expect(reply.status).toBe(404)
    expect(await body(reply)).toContain('not found')
    expect(await new Store(dir).stat('sumdb/sum.test/lookup/example.com/other@v1.0.0')).toBeUndefined()
  })

  it('answers 502 for a failing database and stores nothing', async () => {
    db.failing = true
    const h = handler()
    expect((await h.handle('sum.test/tile/8/0/000', false)).status).toBe(502)
    expect(await new Store(dir).stat('sumdb/sum.test/tile/8/0/000')).toBeUndefined()
  })

  it('keeps /latest for the TTL and serves it stale when the database fails', async () => {
    // Freshness runs from the stored file's mtime (shared by processes), which can carry a
    // fraction of a millisecond more than Date.now(): move the clock well past it.
    const h = handler()
    expect(await body(await h.handle('sum.test/latest', false))).toBe('tree 1')
    db.latest = 'tree 2'
    expect(await body(await h.handle('sum.test/latest', false))).toBe('tree 1')
    clock = Date.now() + 61_000
    expect(await body(await h.handle('sum.test/latest', false))).toBe('tree 2')
    db.failing = true
    clock = Date.now() + 61_000
    const stale = await h.handle('sum.test/latest', false)
    expect(stale.status).toBe(200)
    expect(stale.cacheControl).not.toContain('immutable')
    expect(await body(stale)).toBe('tree 2')
  })

  it('offline: serves only the store, and says supported only with a cached /latest', async () => {
    const off = handler(true)
    expect((await off.handle('sum.test/supported', false)).status).toBe(404)
    expect((await off.handle('sum.test/latest', false)).status).toBe(404)
    expect(db.requests).toEqual([])
    const on = handler()
    await on.handle('sum.test/latest', false)
    await on.handle('sum.test/tile/8/0/000', false)
    const seen = db.requests.length
    expect((await off.handle('sum.test/supported', false)).status).toBe(200)
    expect((await off.handle('sum.test/tile/8/0/000', false)).status).toBe(200)
    expect((await off.handle('sum.test/tile/8/0/001', false)).status).toBe(404)
    expect(db.requests.length).toBe(seen)
  })

  it.each([
    ['sum.test/lookup/example.com/M@v1.0.0', 400],
    ['sum.test/lookup/example.com/!m@v1.0', 400],
    ['sum.test/lookup/example.com/!m@master', 400],
    ['sum.test/lookup/example.com/!m', 400],
    ['sum.test/lookup/../x@v1.0.0', 400],
    ['sum.test/lookup/example.com/%2e%2e@v1.0.0', 400],
    ['sum.test/tile/8/0/0', 404],
    ['sum.test/tile/8/0/../../x', 404],
    ['sum.test/tile/31/0/000', 404],
    ['sum.test/tile/0/0/000', 404],
    ['sum.test/tile/8/0/000.p/0', 404],
    ['sum.test/tile/8/0/000.p/256', 404],
    ['sum.test/tile/8/-1/000', 404],
    ['sum.test/tile/8/0/001/000', 404],
    ['sum.test/tile/8/0/x000/000', 404],
    ['sum.test/nope', 404],
    ['sum.test/latest/', 404],
  ])('refuses %s with %i and never asks the database', async (rest, status) => {
    expect((await handler().handle(rest, false)).status).toBe(status)
    expect(db.requests).toEqual([])
  })
})

describe('parseTilePath', () => {
  it.each([
    ['tile/8/0/000', true],
    ['tile/8/0/999', true],
    ['tile/8/0/x001/000', true],
    ['tile/8/2/x123/x456/789.p/255', true],
    ['tile/8/data/x001/234', true],
    ['tile/1/0/000.p/1', true],
    ['tile/30/63/000', true],
    ['tile/8/0/1000', false],
    ['tile/08/0/000', false],
    ['tile/8/00/000', false],
    ['tile/8/0/000.p/01', false],
    ['tile/1/0/000.p/2', false],
    ['tile/8/64/000', false],
    ['tile/8/0/x000/001', false],
    ['tile/8/0/000/', false],
    ['tile/8/0', false],
  ])('%s valid: %s', (path, valid) => {
    expect(parseTilePath(path)).toBe(valid ? path : undefined)
  })

  it('parseSumdbPath answers a lookup the store could not hold as a miss (404), not a 5xx later', () => {
    expect(parseSumdbPath(`lookup/example.com/${'a'.repeat(256)}@v1.0.0`)).toEqual({
      status: 404,
      message: 'not found: a path element of 263 bytes cannot be stored (at most 200)',
    })
  })

  it('parseSumdbPath keeps the canonical lookup path', () => {
    expect(parseSumdbPath('lookup/golang.org/x/!text@v0.3.0')).toEqual({
      kind: 'lookup',
      path: 'lookup/golang.org/x/!text@v0.3.0',
      module: 'golang.org/x/Text',
    })
  })
})

describe('sumdb through the proxy, with the real go command and a real checksum database', () => {
  let db: TestDb
  let up: FixtureUpstream
  let store: TempDir
  let proxy: RunningProxy
  let goSumAll: string
  let treeRoot: string

  beforeAll(async () => {
    const tree = await syntheticModules()
    goSumAll = tree.goSum
    treeRoot = tree.root
    db = await startSumdb(tree.goSumAll)
    up = await startUpstream({ root: tree.root })
    store = tempDir('gmc-sumdb-store-')
    proxy = await proxyWithDb(store.path)
  })
  afterAll(async () => {
    await proxy?.close()
    await up?.stop()
    await db?.stop()
    store?.remove()
  })

  /** A proxy on `storePath` in front of the upstream and the test database. */
  const proxyWithDb = (storePath: string): Promise<RunningProxy> =>
    startProxy(
      testProxyConfig({
        store: storePath,
        upstream: up.url,
        sumdb: { name: db.name, url: db.url },
        metrics: false,
        // Long enough that the `supported` probe outlives the database in the warm run below.
        mutableTtlMs: 600_000,
        concurrency: { upstream: 4, prefetch: 2 },
      }),
    )

  // The consumer has no go.sum, so the go command must verify every module through the database,
  // which GOSUMDB=<vkey> (no URL) makes it reach only as <GOPROXY>/sumdb/sum.test/.
  const build = async (): Promise<{ code: number | null; stderr: string; goSum: string }> => {
    const consumer = writeConsumer({ goSum: '' }, [MODULES.app, MODULES.upper, MODULES.v2], { goSum: 'none' })
    try {
      const r = await runGo(['build', './...'], {
        cwd: consumer.path,
        goproxy: proxy.url,
        gosumdb: db.vkey,
        timeoutMs: 90_000,
      })
      r.dirs.remove()
      return { code: r.code, stderr: r.stderr, goSum: readFileSync(join(consumer.path, 'go.sum'), 'utf8') }
    } finally {
      consumer.remove()
    }
  }

  it('verifies a build through /sumdb/ and caches lookups and tiles in the store', async () => {
    const r = await build()
    expect(r.code, r.stderr).toBe(0)
    for (const line of r.goSum.trim().split('\n')) expect(goSumAll).toContain(line)
    expect(r.goSum).toContain('example.com/dep v1.0.0 h1:')
    const base = join(store.path, 'sumdb', db.name)
    const lookups = readdirSync(join(base, 'lookup', 'example.com'))
    expect(lookups).toEqual(expect.arrayContaining(['app@v1.0.0', 'dep@v1.0.0', '!upper']))
    expect(existsSync(join(base, 'tile'))).toBe(true)
    expect(existsSync(join(base, 'latest'))).toBe(true)
  })

  it('refuses --nosumdb lookups with a line the go command shows; with GONOSUMDB the build goes on', async () => {
    const other = tempDir('gmc-sumdb-private-')
    const guarded = await startProxy(
      testProxyConfig({
        store: other.path,
        upstream: up.url,
        sumdb: { name: db.name, url: db.url },
        noSumdb: 'example.com/dep',
        metrics: false,
      }),
    )
    const consumer = writeConsumer({ goSum: '' }, [MODULES.app], { goSum: 'none' })
    try {
      const run = (gonosumdb?: string) =>
        runGo(['build', './...'], {
          cwd: consumer.path,
          goproxy: guarded.url,
          gosumdb: db.vkey,
          gonosumdb,
          timeoutMs: 90_000,
        })
      const leaky = await run()
      leaky.dirs.remove()
      expect(leaky.code).not.toBe(0)
      expect(leaky.stderr).toContain('example.com/dep matches --nosumdb (GONOSUMDB)')
      const careful = await run('example.com/dep')
      careful.dirs.remove()
      expect(careful.code, careful.stderr).toBe(0)
      expect(existsSync(join(other.path, 'sumdb', db.name, 'lookup', 'example.com', 'dep@v1.0.0'))).toBe(
        false,
      )
      expect(existsSync(join(other.path, 'sumdb', db.name, 'lookup', 'example.com', 'app@v1.0.0'))).toBe(true)
    } finally {
      consumer.remove()
      await guarded.close()
      other.remove()
    }
  })

  it('reaches the database through the upstream module proxy when GOSUMDB names no URL, as the go command does', async () => {
    // The database itself is unreachable; the upstream module proxy serves it under /sumdb/sum.test/.
    const relay = await startUpstream({ root: treeRoot, sumdb: { name: db.name, url: db.url } })
    const other = tempDir('gmc-sumdb-via-proxy-')
    const via = await startProxy(
      testProxyConfig({
        store: other.path,
        upstream: relay.url,
        sumdb: { name: db.name, url: 'http://127.0.0.1:9', viaProxies: true },
        metrics: false,
      }),
    )
    const consumer = writeConsumer({ goSum: '' }, [MODULES.app], { goSum: 'none' })
    try {
      const r = await runGo(['build', './...'], {
        cwd: consumer.path,
        goproxy: via.url,
        gosumdb: db.vkey,
        timeoutMs: 90_000,
      })
      r.dirs.remove()
      expect(r.code, r.stderr).toBe(0)
      expect(relay.requests.some((q) => q.path === `/sumdb/${db.name}/supported` && q.status === 200)).toBe(
        true,
      )
      expect(relay.requests.some((q) => q.path.startsWith(`/sumdb/${db.name}/lookup/`))).toBe(true)
      expect(existsSync(join(other.path, 'sumdb', db.name, 'lookup', 'example.com', 'app@v1.0.0'))).toBe(true)
    } finally {
      consumer.remove()
      await via.close()
      await relay.stop()
      other.remove()
    }
  })

  it('verifies again with the database stopped, from the store alone', async () => {
    await db.stop()
    const r = await build()
    expect(r.code, r.stderr).toBe(0)
    expect(r.goSum).toContain('example.com/app v1.0.0 h1:')
  })

  it('answers supported 404 when the database is down, so the go command falls back', async () => {
    const other = tempDir('gmc-sumdb-down-')
    const down = await proxyWithDb(other.path)
    try {
      const res = await fetch(`${down.url}/sumdb/${db.name}/supported`)
      expect(res.status).toBe(404)
      await res.arrayBuffer()
    } finally {
      await down.close()
      other.remove()
    }
  })

  it.each([
    ['/sumdb/sum.golang.org/supported', 404],
    ['/sumdb/sum.test/lookup/example.com/!!x@v1.0.0', 400],
    ['/sumdb/sum.test/lookup/example.com/dep@v1.0', 400],
    ['/sumdb/sum.test/lookup/example.com/%2e%2e@v1.0.0', 400],
    ['/sumdb/sum.test/tile/8/0/..%2f..%2f..%2fetc', 404],
    ['/sumdb/sum.test/tile/8/0/000.p/256', 404],
    ['/sumdb/sum.test/tile/99/0/000', 404],
    ['/sumdb/sum.test/nothing', 404],
  ])('GET %s -> %i', async (path, status) => {
    const res = await fetch(`${proxy.url}${path}`)
    expect(res.status).toBe(status)
    await res.arrayBuffer()
  })
})
