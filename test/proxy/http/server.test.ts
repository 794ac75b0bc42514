import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createModuleFiles, type ModuleFiles } from '../../../src/proxy/core/files.js'
import { GoSums } from '../../../src/proxy/module/gosum.js'
import type { JournalEvent } from '../../../src/proxy/core/journal.js'
import { silentLogger } from '../../../src/proxy/log.js'
import { Metrics } from '../../../src/proxy/core/metrics.js'
import { IMMUTABLE, MUTABLE } from '../../../src/proxy/http/reply.js'
import { createHandler, type ServerDeps } from '../../../src/proxy/http/server.js'
import { Store } from '../../../src/proxy/store/store.js'
import type { Upstream } from '../../../src/proxy/upstream/upstream.js'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One raw HTTP request: the path goes out byte for byte (no URL normalisation). */
function call(
  port: number,
  rawPath: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: rawPath,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

/** An upstream that must never be reached: these tests run offline over a filled store. */
const noUpstream: Upstream = {
  get: () => Promise.reject(new Error('upstream used in an offline test')),
  close: async () => {},
}

const M = 'example.com/m'
const MOD = `module ${M}\n`
let root: string
let storeDir: string
let server: Server
let port: number
let journal: JournalEvent[]
let metrics: Metrics

async function start(over: Partial<ServerDeps> = {}): Promise<void> {
  const store = new Store(storeDir)
  const files = createModuleFiles({
    store,
    upstream: noUpstream,
    sums: GoSums.parse(''),
    journal: { record: (e) => journal.push(e), flush: async () => {}, close: async () => {} },
    log: silentLogger,
    offline: true,
    mutableTtlMs: 60_000,
  })
  server = createServer(
    createHandler({
      files,
      sumdb: null,
      journal: { record: (e) => journal.push(e), flush: async () => {}, close: async () => {} },
      metrics,
      exposeMetrics: true,
      log: silentLogger,
      ...over,
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'server-'))
  storeDir = path.join(root, 'store')
  const store = new Store(storeDir)
  await store.write(`${M}/@v/v1.0.0.mod`, (tmp) => writeFile(tmp, `module ${M}\n`))
  await store.write(`${M}/@v/v1.0.0.info`, (tmp) => writeFile(tmp, '{"Version":"v1.0.0"}'))
  await store.write(`${M}/@v/list`, (tmp) => writeFile(tmp, 'v1.0.0\n'))
  journal = []
  metrics = new Metrics()
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(root, { recursive: true, force: true })
})

describe('server', () => {
  it('answers /healthz with small JSON', async () => {
    await start()
    const got = await call(port, '/healthz')
    expect(got.status).toBe(200)
    expect(JSON.parse(got.body)).toEqual({ ok: true })
  })

  it('serves a canonical file with length, strong ETag, immutable caching, 304 and HEAD', async () => {
    await start()
    const got = await call(port, `/${M}/@v/v1.0.0.mod`)
    expect(got).toMatchObject({ status: 200, body: `module ${M}\n` })
    expect(got.headers['content-length']).toBe(String(`module ${M}\n`.length))
    expect(got.headers['content-type']).toMatch(/^text\/plain/)
    expect(got.headers['cache-control']).toBe(IMMUTABLE)
    const etag = String(got.headers.etag)
    expect(etag).toMatch(/^"[^"]+"$/)
    expect((await call(port, `/${M}/@v/v1.0.0.mod`)).headers.etag).toBe(etag)
    const again = await call(port, `/${M}/@v/v1.0.0.mod`, { headers: { 'If-None-Match': etag } })
    expect(again).toMatchObject({ status: 304, body: '' })
    const head = await call(port, `/${M}/@v/v1.0.0.mod`, { method: 'HEAD' })
    expect(head).toMatchObject({ status: 200, body: '' })
    expect(head.headers['content-length']).toBe(got.headers['content-length'])
    const info = await call(port, `/${M}/@v/v1.0.0.info`)
    expect(info.headers['content-type']).toBe('application/json')
    // The journal line follows the last byte, so the client may see the answer first.
    await vi.waitFor(() => expect(journal.filter((e) => e.event === 'serve')).toHaveLength(3))
    expect(journal.filter((e) => e.event === 'serve')).toEqual([
      expect.objectContaining({
        module: M,
        version: 'v1.0.0',
        file: 'mod',
        source: 'store',
        bytes: MOD.length,
      }),
      expect.objectContaining({
        module: M,
        version: 'v1.0.0',
        file: 'mod',
        source: 'store',
        bytes: MOD.length,
      }),
      expect.objectContaining({ module: M, version: 'v1.0.0', file: 'info', source: 'store' }),
    ])
  })

  it('serves files on both sides of the one-read size whole and byte for byte', async () => {
    const store = new Store(storeDir)
    const sizes = [64 * 1024, 64 * 1024 + 1, 300 * 1024 + 7]
    const texts = sizes.map((size, i) => {
      const head = `module ${M}\n// `
      return head + String(i).repeat(size - head.length - 1) + '\n'
    })
    for (const [i, text] of texts.entries()) {
      await store.write(`${M}/@v/v1.0.${i + 1}.mod`, (tmp) => writeFile(tmp, text))
    }
    await start()
    for (const [i, text] of texts.entries()) {
      const got = await call(port, `/${M}/@v/v1.0.${i + 1}.mod`)
      expect(got.status).toBe(200)
      expect(got.headers['content-length']).toBe(String(sizes[i]))
      expect(got.body === text).toBe(true)
    }
  })

  it('serves lists with short caching and misses as 404 text', async () => {
    await start()
    const list = await call(port, `/${M}/@v/list`)
    expect(list).toMatchObject({ status: 200, body: 'v1.0.0\n' })
    expect(list.headers['cache-control']).toBe(MUTABLE)
    const miss = await call(port, `/${M}/@v/v2.0.0.mod`)
    expect(miss.status).toBe(404)
    expect(miss.headers['content-type']).toMatch(/^text\/plain/)
    expect(miss.body).toMatch(/v2\.0\.0/)
  })

  it('dates every answer, as RFC 9110 asks of an origin server with a clock', async () => {
    await start()
    for (const target of ['/healthz', `/${M}/@v/v1.0.0.mod`, `/${M}/@v/v9.0.0.mod`, '/../x']) {
      const before = Math.floor(Date.now() / 1000) * 1000
      const got = await call(port, target)
      const date = String(got.headers.date)
      expect(date).toMatch(
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/,
      )
      expect(Date.parse(date)).toBeGreaterThanOrEqual(before)
      expect(Date.parse(date)).toBeLessThanOrEqual(Date.now())
    }
  })

  it('answers other methods 405 with Allow', async () => {
    await start()
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const got = await call(port, `/${M}/@v/v1.0.0.mod`, { method })
      expect(got.status).toBe(405)
      expect(got.headers.allow).toBe('GET, HEAD')
    }
    expect(await readdir(path.join(storeDir, M, '@v'))).toHaveLength(3)
  })

  it('refuses traversal and invalid paths with 4xx and writes nothing', async () => {
    await start()
    const bad = [
      '/../../etc/passwd',
      '/example.com/../../../etc/@v/list',
      '/%2e%2e/%2e%2e/etc/@v/list',
      '/example.com%2f..%2f..%2fx/@v/list',
      `/${M}/@v/..%2f..%2fx.zip`,
      `/${M}/@v/v1.0.zip`,
      `/${M}/@v/not-a-version.mod`,
      '/Example.com/m/@v/list',
      '/example.com//m/@v/list',
      `/${M}/@v/v1.0.0.exe`,
      '/',
    ]
    for (const p of bad) {
      const got = await call(port, p)
      expect([400, 404], `${p} -> ${got.status}`).toContain(got.status)
    }
    expect(await readdir(root)).toEqual(['store'])
    expect(metrics.requestsWith(500)).toBe(0)
  })

  it('shows upstream circuits in /healthz, to a client that may read /metrics only', async () => {
    const open = {
      upstream: 'https://corp.example/go',
      state: 'open' as const,
      trips: 1,
      reason: 'ECONNREFUSED',
    }
    await start({ token: 's3cret', metrics: new Metrics(() => [open]) })
    expect(JSON.parse((await call(port, '/healthz')).body)).toEqual({ ok: true })
    const trusted = await call(port, '/healthz', { headers: { Authorization: 'Bearer s3cret' } })
    expect(JSON.parse(trusted.body)).toEqual({ ok: true, upstreams: [open] })
    expect(JSON.parse((await call(port, '/_token/s3cret/healthz')).body)).toEqual({
      ok: true,
      upstreams: [open],
    })
    expect((await call(port, '/_token/s3cret/metrics')).body).toContain(
      'gomodcache_upstream_circuit_open{upstream="https://corp.example/go"} 1\n',
    )
  })

  it('requires the token when one is set (basic auth with any user, or Bearer), but not for /healthz', async () => {
    await start({ token: 's3cret' })
    const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')
    const none = await call(port, `/${M}/@v/list`)
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toMatch(/^Basic /)
    expect(
      (await call(port, `/${M}/@v/list`, { headers: { Authorization: basic('x', 'wrong') } })).status,
    ).toBe(401)
    expect(
      (await call(port, `/${M}/@v/list`, { headers: { Authorization: basic('x', 's3cret') } })).status,
    ).toBe(200)
    expect((await call(port, `/${M}/@v/list`, { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(
      200,
    )
    expect((await call(port, '/metrics')).status).toBe(401)
    expect((await call(port, '/healthz')).status).toBe(200)
    // The token as the first path element: what the go command can send over http.
    expect((await call(port, `/_token/s3cret/${M}/@v/list`)).body).toBe('v1.0.0\n')
    expect((await call(port, `/_token/s3cre/${M}/@v/list`)).status).toBe(401)
    expect((await call(port, `/_token/s3cret`)).status).toBe(401)
    expect((await call(port, '/_token/s3cret/metrics')).status).toBe(200)
  })

  it('exposes Prometheus metrics and 404s /sumdb/ when no database is proxied', async () => {
    await start()
    await call(port, `/${M}/@v/v1.0.0.mod`)
    // A request is counted when its socket work ends, which may trail the client's last byte.
    await vi.waitFor(() => expect(metrics.requestsWith(200)).toBe(1))
    const got = await call(port, '/metrics')
    expect(got.status).toBe(200)
    expect(got.body).toContain('gomodcache_requests_total{status="200"} 1')
    expect(got.body).toContain('gomodcache_store_hits_total 1')
    expect(got.body).toContain(`gomodcache_bytes_served_total ${MOD.length}\n`)
    expect((await call(port, '/sumdb/sum.golang.org/supported')).status).toBe(404)
  })

  it('routes /sumdb/ to the sumdb handler with the rest of the path', async () => {
    const seen: string[] = []
    await start({
      sumdb: {
        handle: async (rest, head) => {
          seen.push(`${rest} ${head}`)
          return { status: 200, body: 'ok\n', contentType: 'text/plain', cacheControl: MUTABLE }
        },
      },
    })
    expect((await call(port, '/sumdb/sum.golang.org/latest')).body).toBe('ok\n')
    expect(seen).toEqual(['sum.golang.org/latest false'])
  })

  it('answers 500 for an unexpected exception and keeps serving', async () => {
    const broken: ModuleFiles = {
      ensure: () => Promise.reject(new Error('disk on fire')),
      list: () => Promise.reject(new Error('disk on fire')),
      latest: () => Promise.reject(new Error('disk on fire')),
      query: () => Promise.reject(new Error('disk on fire')),
    }
    await start({ files: broken })
    expect((await call(port, `/${M}/@v/list`)).status).toBe(500)
    expect((await call(port, '/healthz')).status).toBe(200)
  })
})
