import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/proxy/log.js'
import { routedUpstream, sumdbCandidates } from '../../../src/proxy/sumdb/route.js'
import { createUpstream } from '../../../src/proxy/upstream/upstream.js'

describe('sumdbCandidates', () => {
  it('lists each module proxy under /sumdb/<name> (credentials and query kept), then the database', () => {
    const list = 'https://u:p%40ss@a.example/base?x=1,b.example|file:///srv/m,direct,https://never.example'
    expect(
      sumdbCandidates(list, { name: 'sum.golang.org', url: 'https://sum.golang.org', viaProxies: true }),
    ).toEqual([
      { list: 'https://u:p%40ss@a.example/base/sumdb/sum.golang.org?x=1', probe: true, next: ',' },
      { list: 'https://b.example/sumdb/sum.golang.org', probe: true, next: '|' },
      { list: 'file:///srv/m/sumdb/sum.golang.org', probe: true, next: ',' },
      { list: 'https://sum.golang.org', probe: false },
    ])
  })

  it('takes a URL GOSUMDB names alone, as the go command does', () => {
    expect(sumdbCandidates('https://a.example', { name: 'sum.test', url: 'http://db.test' })).toEqual([
      { list: 'http://db.test', probe: false },
    ])
  })
})

describe('routedUpstream', () => {
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  })

  /** A server answering `supported` with `status`, and every other path with its own name. */
  async function serve(name: string, supported: number, seen: string[]): Promise<string> {
    const server = createServer((req, res) => {
      seen.push(`${name} ${req.url}`)
      const status = req.url?.endsWith('/supported') ? supported : 200
      res.writeHead(status).end(status === 200 ? name : 'no')
    })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  const get = async (up: ReturnType<typeof routedUpstream>, path: string): Promise<string> => {
    const out = await up.get(path, async (body) => (await body.toArray()).join(''), { maxBytes: 1024 })
    return out.kind === 'found' ? out.value : `${out.kind}: ${out.message}`
  }
  const route = (list: string, db: string) =>
    routedUpstream(
      sumdbCandidates(list, { name: 'sum.test', url: db, viaProxies: true }),
      (l) => createUpstream({ list: l, log: silentLogger, retries: 0, paths: 'sumdb' }),
      60_000,
    )

  it('skips a proxy that answers supported 404, uses the next one alone, and never asks the database', async () => {
    const seen: string[] = []
    const a = await serve('a', 404, seen)
    const b = await serve('b', 200, seen)
    const db = await serve('db', 200, seen)
    const up = route(`${a},${b}`, db)
    expect(await get(up, 'lookup/example.com/m@v1.0.0')).toBe('b')
    expect(await get(up, 'latest')).toBe('b')
    expect(seen).toEqual([
      'a /sumdb/sum.test/supported',
      'b /sumdb/sum.test/supported',
      'b /sumdb/sum.test/lookup/example.com/m@v1.0.0',
      'b /sumdb/sum.test/latest',
    ])
    await up.close()
  })

  it('shows its candidates’ circuit breakers: a proxy that refuses is open, under its /sumdb/ base', async () => {
    const seen: string[] = []
    const gone = await serve('gone', 200, seen)
    await new Promise((r) => servers.pop()?.close(r))
    const db = await serve('db', 200, seen)
    const up = route(gone, db)
    expect(await get(up, 'latest')).toMatch(/ECONNREFUSED.*\(circuit open\)/)
    expect(up.circuits?.()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ upstream: `${gone}/sumdb/sum.test`, state: 'open', trips: 1 }),
      ]),
    )
    await up.close()
  })

  it('goes to the database when no proxy serves it', async () => {
    const seen: string[] = []
    const a = await serve('a', 410, seen)
    const db = await serve('db', 200, seen)
    const up = route(a, db)
    expect(await get(up, 'latest')).toBe('db')
    await up.close()
  })

  it("after ',' a proxy that fails its probe fails the route; after '|' the next one is tried", async () => {
    const seen: string[] = []
    const a = await serve('a', 500, seen)
    const db = await serve('db', 200, seen)
    const strict = route(`${a},direct`, db)
    expect(await get(strict, 'latest')).toMatch(/^error: checksum database proxy: /)
    expect(seen.some((s) => s.startsWith('db '))).toBe(false)
    await strict.close()
    const lenient = route(`${a}|direct`, db)
    expect(await get(lenient, 'latest')).toBe('db')
    await lenient.close()
  })
})
