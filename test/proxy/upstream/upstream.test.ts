import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { Agent } from 'undici'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/proxy/log.js'
import {
  backoff,
  createUpstream,
  parseRetryAfter,
  type Upstream,
  type UpstreamConfig,
  urlPath,
} from '../../../src/proxy/upstream/upstream.js'

const PATH = 'example.com/m/@v/v1.0.0.mod'
const BIG = { maxBytes: 1 << 20 }

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void

/** A real server on 127.0.0.1:0 that records what it was asked. */
interface Fixture {
  url: string
  port: number
  hits: string[]
  headers: IncomingHttpHeaders[]
  connections: number
  maxInFlight: number
  close(): Promise<void>
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(handler: Handler, tls?: { key: string; cert: string }): Promise<Fixture> {
  let inFlight = 0
  const fixture: Fixture = {
    url: '',
    port: 0,
    hits: [],
    headers: [],
    connections: 0,
    maxInFlight: 0,
    close: async () => {},
  }
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    fixture.hits.push(req.url ?? '')
    fixture.headers.push(req.headers)
    inFlight++
    fixture.maxInFlight = Math.max(fixture.maxInFlight, inFlight)
    res.on('close', () => inFlight--)
    handler(req, res, fixture.hits.length)
  }
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener)
  server.on(tls ? 'secureConnection' : 'connection', () => fixture.connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fixture.port = (server.address() as AddressInfo).port
  fixture.url = `${tls ? 'https' : 'http'}://127.0.0.1:${fixture.port}`
  fixture.close = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  cleanups.push(fixture.close)
  return fixture
}

/** Answers 200 with a fixed body and Content-Length. */
const ok =
  (body = 'module example.com/m\n'): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body)

const status =
  (code: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(code, { 'content-length': Buffer.byteLength(body), ...headers }).end(body)

/** Runs handlers in turn, one per hit; the last one repeats. */
const sequence =
  (...handlers: Handler[]): Handler =>
  (req, res, hit) =>
    (handlers[Math.min(hit, handlers.length) - 1] as Handler)(req, res, hit)

function capture(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (message: string) => lines.push(`${level} ${message}`)
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') }
}

/** An upstream with no real waiting between retries; the delays are recorded instead. */
function upstream(
  list: string,
  extra: Partial<UpstreamConfig> = {},
): Upstream & { log: ReturnType<typeof capture>; delays: number[] } {
  const log = capture()
  const delays: number[] = []
  const up = createUpstream({
    list,
    log,
    netrc: '/dev/null',
    sleep: async (ms) => {
      delays.push(ms)
    },
    ...extra,
  })
  cleanups.push(() => up.close())
  return Object.assign(up, { log, delays })
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

describe('urlPath', () => {
  // Expected values are what Go's url.PathEscape gives for each element.
  it.each([
    ['example.com/m/@v/v1.0.0+incompatible.zip', 'example.com/m/@v/v1.0.0+incompatible.zip'],
    ['github.com/!burnt!sushi/toml/@v/list', 'github.com/%21burnt%21sushi/toml/@v/list'],
    ['example.com/m/@v/a,b.info', 'example.com/m/@v/a%2Cb.info'],
    ['example.com/m/@v/x y#%(z)[]^{}.info', 'example.com/m/@v/x%20y%23%25%28z%29%5B%5D%5E%7B%7D.info'],
    ['example.com/m/@v/$&=:@~_.info', 'example.com/m/@v/$&=:@~_.info'],
    ['example.com/m/@v/é.info', 'example.com/m/@v/%C3%A9.info'],
  ])('%s -> %s', (store, url) => {
    expect(urlPath(store)).toBe(url)
  })

  it("keeps '!' raw for a checksum database, as the go command's sumdb client does", () => {
    expect(urlPath('lookup/github.com/!burnt!sushi/toml@v1.0.0', 'sumdb')).toBe(
      'lookup/github.com/!burnt!sushi/toml@v1.0.0',
    )
  })
})

describe('Upstream against real servers', () => {
  it('fetches a file, reports the base it came from, and logs one debug line per request', async () => {
    const a = await serve(ok('hello'))
    const up = upstream(a.url + '/base/')
    const outcome = await up.get(PATH, async (body, info) => ({ text: await text(body), info }), BIG)
    expect(outcome).toEqual({
      kind: 'found',
      value: { text: 'hello', info: { contentLength: 5 } },
      upstream: `${a.url}/base`,
    })
    expect(a.hits).toEqual([`/base/${PATH}`])
    expect(a.headers[0]?.['user-agent']).toBe('go-mod-cache')
    const requestLines = up.log.lines.filter((l) => l.startsWith('debug GET'))
    expect(requestLines).toHaveLength(1)
    expect(requestLines[0]).toMatch(new RegExp(`^debug GET ${a.url}/base/${PATH} 200 \\d+ms$`))
  })

  it.each([404, 410])('moves on after "," when the first answers %i', async (code) => {
    const a = await serve(status(code, 'not found: gone\n'))
    const b = await serve(ok('from b'))
    const up = upstream(`${a.url},${b.url}`)
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome).toMatchObject({ kind: 'found', value: 'from b', upstream: b.url })
    expect(a.hits).toHaveLength(1)
  })

  it('answers notfound with the last status when the list is exhausted', async () => {
    const a = await serve(status(404, 'no such module'))
    const b = await serve(status(410, 'not found: example.com/m@v1.0.0: invalid version\nmore'))
    const outcome = await upstream(`${a.url}|${b.url}`).get(PATH, text, BIG)
    expect(outcome).toEqual({
      kind: 'notfound',
      status: 410,
      message: `${b.url}: 410: not found: example.com/m@v1.0.0: invalid version`,
    })
  })

  it('leaves a miss to the go command at direct, and refuses at off', async () => {
    const a = await serve(status(404))
    expect(await upstream(`${a.url},direct`).get(PATH, text, BIG)).toEqual({
      kind: 'notfound',
      status: 404,
      message: "left to the go command's own direct fallback",
    })
    expect(await upstream('off').get(PATH, text, BIG)).toEqual({
      kind: 'notfound',
      status: 404,
      message: 'module lookup disabled by GOPROXY=off',
    })
    expect(a.hits).toHaveLength(1)
  })

  it('does not move on after "," when the first fails with 500, and retries it', async () => {
    const a = await serve(status(500, 'boom'))
    const b = await serve(ok())
    const up = upstream(`${a.url},${b.url}`)
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome.kind).toBe('error')
    expect(outcome.kind === 'error' && outcome.message).toBe(`${a.url}/${PATH}: 500: boom (after 3 tries)`)
    expect(a.hits).toHaveLength(3)
    expect(b.hits).toHaveLength(0)
    expect(up.delays).toHaveLength(2)
  })

  it('moves on after "|" when the first keeps failing, with a warning', async () => {
    const a = await serve(status(502))
    const b = await serve(ok('from b'))
    const up = upstream(`${a.url}|${b.url}`, { retries: 1 })
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome).toMatchObject({ kind: 'found', value: 'from b', upstream: b.url })
    expect(a.hits).toHaveLength(2)
    expect(up.log.lines.filter((l) => l.startsWith('warn'))).toEqual([
      `warn upstream ${a.url} failed for ${PATH}: ${a.url}/${PATH}: 502 (after 2 tries); trying ${b.url}`,
    ])
  })

  it('never retries a 4xx other than 429, and only "|" moves on after it', async () => {
    const a = await serve(status(403, 'forbidden'))
    const b = await serve(ok('from b'))
    const stuck = await upstream(`${a.url},${b.url}`).get(PATH, text, BIG)
    expect(stuck).toEqual({ kind: 'error', message: `${a.url}: 403: forbidden` })
    expect(a.hits).toHaveLength(1)
    const moved = await upstream(`${a.url}|${b.url}`).get(PATH, text, BIG)
    expect(moved).toMatchObject({ kind: 'found', value: 'from b' })
    expect(a.hits).toHaveLength(2)
  })

  it('retries 5xx with growing delays, then succeeds', async () => {
    const a = await serve(sequence(status(503), status(500), ok('third time')))
    const up = upstream(a.url, { retryBaseMs: 100 })
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'third time' })
    expect(a.hits).toHaveLength(3)
    expect(up.delays).toHaveLength(2)
    expect(up.delays[0]).toBeGreaterThanOrEqual(50)
    expect(up.delays[0]).toBeLessThanOrEqual(100)
    expect(up.delays[1]).toBeGreaterThanOrEqual(100)
    expect(up.delays[1]).toBeLessThanOrEqual(200)
  })

  it('honours Retry-After on 429 and 503, up to the cap', async () => {
    const a = await serve(
      sequence(status(429, '', { 'retry-after': '7' }), status(503, '', { 'retry-after': '120' }), ok()),
    )
    const up = upstream(a.url, { retryMaxDelayMs: 30_000 })
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found' })
    expect(up.delays).toEqual([7_000, 30_000])
    expect(a.hits).toHaveLength(3)
  })

  it('retries a connection reset before the headers', async () => {
    const a = await serve(sequence((req) => req.socket.destroy(), ok('after reset')))
    const up = upstream(a.url)
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'after reset' })
    expect(a.hits).toHaveLength(2)
  })

  it('gives up on a refused connection after its tries, or moves on after "|"', async () => {
    const dead = await serve(ok())
    await dead.close()
    const b = await serve(ok('from b'))
    // The circuit breaker off: this is about retries (the breaker's own tests are below).
    const alone = upstream(dead.url, { coolDownMs: 0 })
    const outcome = await alone.get(PATH, text, BIG)
    expect(outcome.kind).toBe('error')
    expect(outcome.kind === 'error' && outcome.message).toMatch(/ECONNREFUSED.*\(after 3 tries\)$/)
    expect(await upstream(`${dead.url}|${b.url}`).get(PATH, text, BIG)).toMatchObject({
      kind: 'found',
      value: 'from b',
    })
  })

  it('retries a body cut short of its Content-Length', async () => {
    const truncated: Handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100 })
      res.write('x'.repeat(50), () => res.socket?.destroy())
    }
    const a = await serve(sequence(truncated, ok('y'.repeat(100))))
    const up = upstream(a.url)
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'y'.repeat(100) })
    expect(a.hits).toHaveLength(2)
    expect(up.log.lines.some((l) => /debug .*body broke after \d+ bytes/.test(l))).toBe(true)
  })

  it('retries a body that goes silent (idle body timeout)', async () => {
    const silent: Handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100 })
      res.write('x'.repeat(10))
    }
    const a = await serve(sequence(silent, ok('whole')))
    const up = upstream(a.url, { bodyTimeoutMs: 200 })
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'whole' })
    expect(a.hits).toHaveLength(2)
    expect(up.log.lines.some((l) => l.includes('UND_ERR_BODY_TIMEOUT'))).toBe(true)
  })

  it('retries when no headers arrive in time, then reports an error', async () => {
    const a = await serve(() => {})
    const up = upstream(a.url, { headersTimeoutMs: 150, retries: 1, coolDownMs: 0 })
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome.kind === 'error' && outcome.message).toMatch(/UND_ERR_HEADERS_TIMEOUT.*\(after 2 tries\)$/)
    expect(a.hits).toHaveLength(2)
  })

  it('refuses a Content-Length above maxBytes before reading, without retrying', async () => {
    const a = await serve(ok('z'.repeat(1000)))
    let consumed = false
    const outcome = await upstream(a.url).get(
      PATH,
      async () => {
        consumed = true
      },
      { maxBytes: 999 },
    )
    expect(outcome).toEqual({ kind: 'error', message: 'response too large' })
    expect(consumed).toBe(false)
    expect(a.hits).toHaveLength(1)
  })

  it('stops a chunked body once it passes maxBytes, without retrying', async () => {
    const endless: Handler = (_req, res) => {
      res.writeHead(200)
      const chunk = Buffer.alloc(16 * 1024, 'a')
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    }
    const a = await serve(endless)
    let seen = 0
    const outcome = await upstream(a.url).get(
      PATH,
      async (body) => {
        for await (const chunk of body as AsyncIterable<Buffer>) seen += chunk.length
      },
      { maxBytes: 100_000 },
    )
    expect(outcome).toEqual({ kind: 'error', message: 'response too large' })
    expect(seen).toBeLessThanOrEqual(100_000)
    expect(a.hits).toHaveLength(1)
  })

  it('does not retry when consume itself fails', async () => {
    const a = await serve(ok())
    const outcome = await upstream(a.url).get(
      PATH,
      async () => {
        throw new Error('disk full')
      },
      BIG,
    )
    expect(outcome).toEqual({ kind: 'error', message: 'disk full' })
    expect(a.hits).toHaveLength(1)
  })

  it('reads a short 404 body for its first line and keeps the connection', async () => {
    // Sent in two parts, so the response is still in flight when the headers arrive.
    const half = 'not found\n'.padEnd(16 * 1024, '.')
    const a = await serve((_req, res) => {
      res.writeHead(404, { 'content-length': 2 * half.length }).write(half)
      setImmediate(() => res.end(half))
    })
    const up = upstream(a.url, { maxConnections: 1, bodyTimeoutMs: 1_000 })
    for (let i = 0; i < 5; i++) {
      expect(await up.get(PATH, text, BIG)).toEqual({
        kind: 'notfound',
        status: 404,
        message: `${a.url}: 404: not found`,
      })
    }
    expect(a.connections).toBe(1)
  })

  it(
    'cuts a large error body instead of leaving it to hold the only connection',
    { timeout: 15_000 },
    async () => {
      // 4 MiB is more than undici buffers for a body nobody reads: left alone it would block the
      // single connection until the (long) body timeout, and this test would time out.
      const a = await serve((_req, res) => {
        res.writeHead(404, { 'content-length': 4 << 20 })
        const chunk = Buffer.alloc(64 * 1024, 'n')
        let sent = 0
        const pump = () => {
          while (sent < 4 << 20 && !res.destroyed && res.write(chunk)) sent += chunk.length
          if (sent < 4 << 20 && !res.destroyed) res.once('drain', () => ((sent += chunk.length), pump()))
          else if (!res.destroyed) res.end()
        }
        pump()
      })
      const up = upstream(a.url, { maxConnections: 1, bodyTimeoutMs: 60_000 })
      for (let i = 0; i < 3; i++) expect((await up.get(PATH, text, BIG)).kind).toBe('notfound')
    },
  )

  it('destroys the rest of a body consume did not read', async () => {
    const a = await serve(ok('p'.repeat(200_000)))
    const up = upstream(a.url)
    const outcome = await up.get(PATH, async () => 'ignored', BIG)
    expect(outcome).toMatchObject({ kind: 'found', value: 'ignored' })
    // The cut connection is not reused: the next request opens a new one and still works.
    expect(await up.get(PATH, async (b) => (await text(b)).length, BIG)).toMatchObject({ value: 200_000 })
  })

  it('keeps connections to one upstream within maxConnections', async () => {
    const a = await serve((_req, res) => setImmediate(() => ok()(_req, res, 0)))
    const up = upstream(a.url, { maxConnections: 2 })
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => up.get(PATH, text, BIG)))
    expect(outcomes.every((o) => o.kind === 'found')).toBe(true)
    expect(a.maxInFlight).toBeLessThanOrEqual(2)
    expect(a.connections).toBeLessThanOrEqual(2)
  })

  it('follows a redirect', async () => {
    const a = await serve((req, res) =>
      req.url?.startsWith('/blob')
        ? ok('moved')(req, res, 0)
        : status(302, '', { location: '/blob/1' })(req, res, 0),
    )
    expect(await upstream(a.url).get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'moved' })
  })

  it('stops at once when the signal aborts, and does not move on', async () => {
    const a = await serve(() => {})
    const b = await serve(ok())
    const controller = new AbortController()
    const pending = upstream(`${a.url}|${b.url}`).get(PATH, text, { ...BIG, signal: controller.signal })
    while (a.hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect(await pending).toEqual({ kind: 'error', message: 'aborted' })
    expect(b.hits).toHaveLength(0)
  })
})

describe('file:// upstream', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-file-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(path.join(dir, 'example.com/m/@v'), { recursive: true })
  writeFileSync(path.join(dir, PATH), 'module example.com/m\n')

  it('reads files from the directory and misses with 404 to the next entry', async () => {
    const up = upstream(`file://${dir}`)
    expect(await up.get(PATH, text, BIG)).toEqual({
      kind: 'found',
      value: 'module example.com/m\n',
      upstream: `file://${dir}`,
    })
    const b = await serve(ok('from b'))
    const miss = await upstream(`file://${dir},${b.url}`).get('example.com/m/@v/list', text, BIG)
    expect(miss).toMatchObject({ kind: 'found', value: 'from b' })
    expect(await up.get('example.com/m/@v', text, BIG)).toMatchObject({ kind: 'notfound', status: 404 })
  })

  it('refuses paths that could leave the directory', async () => {
    const up = upstream(`file://${dir}/example.com`)
    const outcome = await up.get('../example.com/m/@v/v1.0.0.mod', text, BIG)
    expect(outcome).toMatchObject({ kind: 'error' })
  })

  it('applies maxBytes to files too', async () => {
    const outcome = await upstream(`file://${dir}`).get(PATH, text, { maxBytes: 3 })
    expect(outcome).toEqual({ kind: 'error', message: 'response too large' })
  })
})

describe('credentials', () => {
  it('are never sent over plain http, from userinfo or .netrc, and never logged', async () => {
    const a = await serve(status(404))
    const netrcDir = mkdtempSync(path.join(os.tmpdir(), 'upstream-netrc-'))
    cleanups.push(() => rmSync(netrcDir, { recursive: true, force: true }))
    const netrc = path.join(netrcDir, 'netrc')
    writeFileSync(netrc, 'machine 127.0.0.1 login bob password netrc-secret\n')
    const b = await serve(status(500, 'broken'))
    const up = upstream(
      `http://alice:userinfo-secret@127.0.0.1:${a.port},${b.url.replace('//', '//carol:third-secret@')}`,
      {
        netrc,
        retries: 0,
      },
    )
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome.kind).toBe('error')
    expect(a.headers[0]?.authorization).toBeUndefined()
    expect(b.headers[0]?.authorization).toBeUndefined()
    const everything = JSON.stringify(outcome) + up.log.lines.join('\n')
    for (const secret of ['userinfo-secret', 'netrc-secret', 'third-secret', 'alice', 'carol']) {
      expect(everything).not.toContain(secret)
    }
    expect(up.log.lines).toContain(
      `debug credentials from URL userinfo for ${a.url} are not sent: it is plain http`,
    )
  })

  describe('over https (self-signed certificate made with openssl)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-tls-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const key = path.join(dir, 'key.pem')
    const cert = path.join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    const tls = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') }
    const trusting = () => {
      const agent = new Agent({ connect: { ca: tls.cert } })
      cleanups.push(() => agent.close())
      return agent
    }
    const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')

    it('sends URL userinfo as basic auth, stripped from the URL, and never logs it', async () => {
      const a = await serve(ok('secret module'), tls)
      const up = upstream(`https://al%40ice:p%3Ass@127.0.0.1:${a.port}/p`, { dispatcher: trusting() })
      const outcome = await up.get(PATH, text, BIG)
      expect(outcome).toEqual({ kind: 'found', value: 'secret module', upstream: `${a.url}/p` })
      expect(a.headers[0]?.authorization).toBe(basic('al@ice', 'p:ss'))
      expect(a.hits).toEqual([`/p/${PATH}`])
      expect(up.log.lines.join('\n')).not.toContain('p:ss')
    })

    it('sends the matching .netrc machine, else the default entry', async () => {
      const a = await serve(ok(), tls)
      const netrcDir = mkdtempSync(path.join(os.tmpdir(), 'upstream-netrc-'))
      cleanups.push(() => rmSync(netrcDir, { recursive: true, force: true }))
      const netrc = path.join(netrcDir, 'netrc')
      writeFileSync(
        netrc,
        `machine other.example login x password y\nmachine 127.0.0.1:${a.port} login bob password s3cret\n`,
      )
      const up = upstream(a.url, { dispatcher: trusting(), netrc })
      expect((await up.get(PATH, text, BIG)).kind).toBe('found')
      expect(a.headers[0]?.authorization).toBe(basic('bob', 's3cret'))
      writeFileSync(netrc, 'machine other.example login x password y\ndefault login anon password guest\n')
      const fallback = upstream(a.url, { dispatcher: trusting(), netrc })
      expect((await fallback.get(PATH, text, BIG)).kind).toBe('found')
      expect(a.headers[1]?.authorization).toBe(basic('anon', 'guest'))
      expect([...up.log.lines, ...fallback.log.lines].join('\n')).not.toMatch(/s3cret|guest/)
    })

    it('does not carry credentials across a redirect to another origin', async () => {
      const b = await serve(ok('elsewhere'), tls)
      const a = await serve(status(302, '', { location: `https://localhost:${b.port}/blob` }), tls)
      // The certificate names 127.0.0.1 only; the second origin is "localhost".
      const lax = new Agent({ connect: { ca: tls.cert, rejectUnauthorized: false } })
      cleanups.push(() => lax.close())
      const up = upstream(`https://u:pw@127.0.0.1:${a.port}`, { dispatcher: lax })
      expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'elsewhere' })
      expect(a.headers[0]?.authorization).toBe(basic('u', 'pw'))
      expect(b.headers[0]?.authorization).toBeUndefined()
    })
  })
})

describe('backoff and Retry-After', () => {
  it('doubles with jitter and stays under the cap', () => {
    expect(backoff(1, undefined, 200, 5_000, () => 0)).toBe(100)
    expect(backoff(1, undefined, 200, 5_000, () => 1)).toBe(200)
    expect(backoff(3, undefined, 200, 5_000, () => 1)).toBe(800)
    expect(backoff(10, undefined, 200, 5_000, () => 1)).toBe(5_000)
    expect(backoff(1, 3_000, 200, 5_000, () => 0)).toBe(3_000)
    expect(backoff(1, 60_000, 200, 5_000, () => 0)).toBe(5_000)
    // The cache service's schedule: from 3 s growing by half.
    expect(backoff(1, undefined, 3_000, 30_000, () => 1, 1.5)).toBe(3_000)
    expect(backoff(3, undefined, 3_000, 30_000, () => 1, 1.5)).toBe(6_750)
  })

  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3_000)
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('close', () => {
  // With a headers timeout of 10 minutes, only close() itself can end the request in the test's time.
  it('cuts a request that hangs instead of waiting for it', { timeout: 15_000 }, async () => {
    const a = await serve(() => {})
    const up = createUpstream({
      list: a.url,
      log: capture(),
      netrc: '/dev/null',
      retries: 0,
      headersTimeoutMs: 600_000,
    })
    const pending = up.get(PATH, text, BIG)
    while (a.hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await up.close()
    expect((await pending).kind).toBe('error')
  })
})

describe('circuit breaker', () => {
  const HUNG = { headersTimeoutMs: 200, retries: 2 }
  /** A server that never answers while `hang.on`, else answers like ok(). */
  async function hangable(): Promise<Fixture & { hang: { on: boolean } }> {
    const hang = { on: true }
    const f = await serve((req, res, hit) => {
      if (!hang.on) ok()(req, res, hit)
    })
    return Object.assign(f, { hang })
  }

  it('opens after one hung try: that file fails in one timeout, the next ones at once', async () => {
    const a = await hangable()
    const up = upstream(a.url, HUNG)
    const first = await up.get(PATH, text, BIG)
    expect(first.kind === 'error' && first.message).toMatch(/UND_ERR_HEADERS_TIMEOUT.*\(circuit open\)$/)
    expect(a.hits).toHaveLength(1) // no retries against an entry found down
    const second = await up.get('example.com/m/@v/v1.0.0.zip', text, BIG)
    expect(second.kind === 'error' && second.message).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+ skipped: .*\(circuit open\)$/,
    )
    expect(a.hits).toHaveLength(1)
    expect(up.circuits?.()).toEqual([
      expect.objectContaining({
        upstream: a.url,
        state: 'open',
        trips: 1,
        reason: expect.stringMatching(/HEADERS/),
      }),
    ])
    expect(up.log.lines.filter((l) => l.startsWith('warn'))).toEqual([
      expect.stringMatching(new RegExp(`^warn upstream ${a.url} is down \\(.*\\): skipping it for 30s$`)),
    ])
  })

  it('after "|", falls back at once while the first entry is open', async () => {
    const a = await hangable()
    const b = await serve(ok('from b'))
    const up = upstream(`${a.url}|${b.url}`, HUNG)
    for (let i = 0; i < 5; i++) {
      expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found', value: 'from b' })
    }
    expect(a.hits).toHaveLength(1)
    expect(b.hits).toHaveLength(5)
    // Said once when it opened, not once per file.
    expect(up.log.lines.filter((l) => l.startsWith('warn') && l.includes(a.url))).toHaveLength(2)
  })

  it('opens on a refused connection too', async () => {
    const dead = await serve(ok())
    await dead.close()
    const up = upstream(dead.url)
    const outcome = await up.get(PATH, text, BIG)
    expect(outcome.kind === 'error' && outcome.message).toMatch(/ECONNREFUSED.*\(circuit open\)$/)
    expect(up.delays).toEqual([])
    expect(up.circuits?.()[0]?.state).toBe('open')
  })

  it('after the cool-down lets one probe through: closed when it answers, open again when not', async () => {
    const a = await hangable()
    let clock = 1_000_000
    const up = upstream(a.url, { ...HUNG, coolDownMs: 10_000, now: () => clock })
    await up.get(PATH, text, BIG)
    expect(up.circuits?.()[0]).toMatchObject({ state: 'open', retryInMs: 10_000 })
    clock += 10_000
    // Half-open: one probe goes, the request beside it is skipped; the probe fails, so open again.
    const [probe, beside] = await Promise.all([up.get(PATH, text, BIG), up.get(PATH, text, BIG)])
    expect(probe.kind === 'error' && probe.message).toMatch(/HEADERS_TIMEOUT.*\(circuit open\)$/)
    expect(beside.kind === 'error' && beside.message).toMatch(/skipped/)
    expect(a.hits).toHaveLength(2)
    expect(up.circuits?.()[0]).toMatchObject({ state: 'open', trips: 1 })
    clock += 10_000
    a.hang.on = false
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found' })
    expect(up.circuits?.()[0]).toEqual({ upstream: a.url, state: 'closed', trips: 1 })
    expect(up.log.lines).toContain(`info upstream ${a.url} answers again: circuit closed`)
  })

  it('stays closed when one path is slow while the entry answers others', async () => {
    const a = await serve((req, res, hit) => {
      if (!req.url?.endsWith('.zip')) ok()(req, res, hit)
    })
    const up = upstream(a.url, { headersTimeoutMs: 400, retries: 1 })
    const slow = up.get('example.com/m/@v/v1.0.0.zip', text, BIG)
    while (a.hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await up.get(PATH, text, BIG)).toMatchObject({ kind: 'found' })
    const outcome = await slow
    // The answered .mod came during the .zip's first wait; its retry finds nothing answered since.
    expect(outcome.kind === 'error' && outcome.message).toMatch(/HEADERS_TIMEOUT/)
    expect(a.hits.filter((h) => h.endsWith('.zip'))).toHaveLength(2)
  })
})
