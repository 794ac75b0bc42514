/**
 * A fixture upstream: serves a GOPROXY tree (from buildTree/syntheticModules/corpus) over
 * node:http on 127.0.0.1:0 as a real module proxy does, with fault injection:
 *
 *   const up = await startUpstream({ root: tree.root })
 *   up.setFault('example.com/dep/@v/v1.0.0.zip', { kind: 'status', status: 503, times: 2 })
 *   up.setFault(/\.zip$/, { kind: 'truncate' })
 *   up.requests          // [{ method, path, status, fault? }], status 0 = no answer
 *   up.clearFaults(); await up.stop()
 *
 * Misses answer 404 with a short text (as proxy.golang.org does); `@latest` is the highest
 * release in `list` (else the highest prerelease, else the newest pseudo-version .info);
 * /sumdb/<name>/... is forwarded to `sumdb.url` when given, else 404. Methods other than
 * GET/HEAD get 405. `latencyMs` delays every answer (benchmarks). Every fault is bounded:
 * timers are cleared and sockets destroyed by stop(), and a hang ends after `hangMs` at most.
 */
import { createReadStream } from 'node:fs'
import { readFile, readdir, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'

/** A fault to inject; `times` limits it to the first N matching requests. */
export type Fault = { times?: number } & (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 429 | 404 | 410; body?: string }
  | { kind: 'reset'; when: 'before-headers' | 'after-headers' }
  | { kind: 'truncate'; bytes?: number }
  | { kind: 'corrupt'; offset?: number }
  | { kind: 'replace'; body: Buffer }
  | { kind: 'slow'; chunkBytes: number; intervalMs: number }
  | { kind: 'hang' }
)

/** Which requests a fault applies to: a path substring, a RegExp, or a predicate. */
export type Matcher = string | RegExp | ((req: { method: string; path: string }) => boolean)

/** One request the upstream saw. */
export interface RequestRecord {
  method: string
  /** The URL path, percent-decoded (no query). */
  path: string
  /** 0 when no status was sent (reset, hang). */
  status: number
  fault?: Fault['kind']
}

/** A running fixture upstream. */
export interface Upstream {
  url: string
  requests: RequestRecord[]
  setFault(matcher: Matcher, fault: Fault): void
  clearFaults(): void
  stop(): Promise<void>
}

/** Options for startUpstream. */
export interface UpstreamOptions {
  root: string
  sumdb?: { name: string; url: string }
  latencyMs?: number
  /** Upper bound of a 'hang' fault (default 120 s): the socket is then destroyed. */
  hangMs?: number
}

interface Body {
  status: number
  type: string
  data?: Buffer
  file?: { path: string; size: number }
}

const TYPES: Record<string, string> = {
  info: 'application/json',
  mod: 'text/plain; charset=utf-8',
  zip: 'application/zip',
}

/** Starts the fixture upstream; see the file comment. */
export async function startUpstream(opts: UpstreamOptions): Promise<Upstream> {
  const faults: Array<{
    match: (r: { method: string; path: string }) => boolean
    fault: Fault
    left: number
  }> = []
  const requests: RequestRecord[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let stopping = false
  const later = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      timers.add(t)
    })

  const server = createServer((req, res) => {
    // The go command sends '!' as %21: records and matchers see the decoded path.
    const path = safeDecode(new URL(req.url ?? '/', 'http://x').pathname)
    const record: RequestRecord = { method: req.method ?? '', path, status: 0 }
    requests.push(record)
    const fault = takeFault(faults, record)
    if (fault !== undefined) record.fault = fault.kind
    handle(req, res, record, fault).catch(() => res.destroy())
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })

  async function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord, fault?: Fault) {
    if (opts.latencyMs) await later(opts.latencyMs)
    if (fault?.kind === 'latency') await later(fault.ms)
    if (stopping) return void res.destroy()
    if (fault?.kind === 'hang') {
      await later(opts.hangMs ?? 120_000)
      return void res.destroy()
    }
    if (fault?.kind === 'reset' && fault.when === 'before-headers') return void req.socket.destroy()
    if (fault?.kind === 'status') {
      const text = fault.body ?? `fault injected: ${fault.status}\n`
      return send(res, record, req.method === 'HEAD', {
        status: fault.status,
        type: 'text/plain',
        data: Buffer.from(text),
      })
    }
    let body = await answer(opts, req.method ?? '', record.path)
    if (fault !== undefined && body.status === 200) body = await mangle(body, fault)
    return send(res, record, req.method === 'HEAD', body, fault)
  }

  async function send(res: ServerResponse, record: RequestRecord, head: boolean, body: Body, fault?: Fault) {
    const size = body.data?.length ?? body.file?.size ?? 0
    record.status = body.status
    res.writeHead(body.status, { 'Content-Type': body.type, 'Content-Length': size })
    if (head) return void res.end()
    if (fault?.kind === 'reset' && fault.when === 'after-headers') {
      res.flushHeaders()
      return void setImmediate(() => res.socket?.destroy())
    }
    const data = body.data ?? (body.file === undefined ? Buffer.alloc(0) : await readFile(body.file.path))
    if (fault?.kind === 'truncate') {
      res.write(data.subarray(0, fault.bytes ?? Math.floor(data.length / 2)))
      return void setImmediate(() => res.socket?.destroy())
    }
    if (fault?.kind === 'slow') {
      for (let at = 0; at < data.length && !stopping; at += fault.chunkBytes) {
        res.write(data.subarray(at, at + fault.chunkBytes))
        await later(fault.intervalMs)
      }
      return void res.end()
    }
    if (body.data === undefined && body.file !== undefined)
      return void createReadStream(body.file.path).pipe(res)
    res.end(data)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault(matcher, fault) {
      faults.push({ match: toPredicate(matcher), fault, left: fault.times ?? Infinity })
    },
    clearFaults() {
      faults.length = 0
    },
    async stop() {
      stopping = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      await closed
    },
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return '%' // undecodable: answer() turns it into a 404
  }
}

function toPredicate(m: Matcher): (r: { method: string; path: string }) => boolean {
  if (typeof m === 'string') return (r) => r.path.includes(m)
  if (m instanceof RegExp) return (r) => m.test(r.path)
  return m
}

function takeFault(
  faults: Array<{ match: (r: { method: string; path: string }) => boolean; fault: Fault; left: number }>,
  r: { method: string; path: string },
): Fault | undefined {
  for (const f of faults) {
    if (f.left > 0 && f.match(r)) {
      f.left--
      return f.fault
    }
  }
  return undefined
}

/** The byte-level faults: applied to a found file's content. */
async function mangle(body: Body, fault: Fault): Promise<Body> {
  if (fault.kind === 'replace') return { ...body, data: fault.body, file: undefined }
  if (fault.kind !== 'corrupt') return body
  const data = Buffer.from(body.data ?? (await readFile(body.file?.path ?? '')))
  if (data.length > 0) {
    const at = Math.min(fault.offset ?? Math.floor(data.length / 2), data.length - 1)
    data[at] = (data[at] ?? 0) ^ 0xff
  }
  return { ...body, data, file: undefined }
}

function text(status: number, message: string): Body {
  return { status, type: 'text/plain; charset=utf-8', data: Buffer.from(message + '\n') }
}

/** What a real proxy answers for a path of the tree. */
async function answer(opts: UpstreamOptions, method: string, path: string): Promise<Body> {
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'method not allowed')
  const rel = path.replace(/^\/+/, '')
  if (rel.startsWith('sumdb/')) return sumdb(opts, rel)
  // Escaped module paths only use [a-z0-9.!~_/+@-]; a version query (the last element) may also
  // hold the other characters x/mod allows in file names. Anything else is not in a tree.
  if (rel.includes('..') || rel.includes('%') || /[^A-Za-z0-9.!~_/+@,#$&()=[\]^{} -]/.test(rel))
    return text(404, 'not found')
  if (rel.endsWith('/@latest')) return latest(opts.root, rel.slice(0, -'/@latest'.length))
  const m = /^(.+)\/@v\/(list|.+\.(info|mod|zip))$/.exec(rel)
  if (m === null) return text(404, 'not found')
  const file = join(opts.root, rel)
  const st = await stat(file).catch(() => undefined)
  if (st === undefined || !st.isFile()) {
    if (m[2] === 'list') return text(404, `not found: module ${m[1]}: no such module`)
    return text(
      404,
      `not found: ${m[1]}@${m[2]?.replace(/\.(info|mod|zip)$/, '')}: invalid version: unknown revision`,
    )
  }
  const kind = m[3] ?? 'list'
  return {
    status: 200,
    type: TYPES[kind] ?? 'text/plain; charset=utf-8',
    file: { path: file, size: st.size },
  }
}

async function latest(root: string, escModule: string): Promise<Body> {
  const dir = join(root, escModule, '@v')
  const list = (await readFile(join(dir, 'list'), 'utf8').catch(() => '')).split('\n').filter((v) => v !== '')
  const releases = list.filter((v) => !v.includes('-'))
  let pick = (releases.length > 0 ? releases : list).sort(compareSemver).pop()
  if (pick === undefined) {
    const infos = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.info'))
    pick = infos
      .map((f) => f.slice(0, -'.info'.length))
      .sort(compareSemver)
      .pop()
  }
  if (pick === undefined) return text(404, `not found: ${escModule}@latest: no matching versions`)
  const data = await readFile(join(dir, `${pick}.info`))
  return { status: 200, type: 'application/json', data }
}

async function sumdb(opts: UpstreamOptions, rel: string): Promise<Body> {
  const [, name, ...rest] = rel.split('/')
  if (opts.sumdb === undefined || name !== opts.sumdb.name) return text(404, 'unknown checksum database')
  const tail = rest.join('/')
  if (tail === 'supported') return { status: 200, type: 'text/plain', data: Buffer.alloc(0) }
  const res = await fetch(`${opts.sumdb.url}/${tail}`)
  const data = Buffer.from(await res.arrayBuffer())
  return { status: res.status, type: res.headers.get('content-type') ?? 'text/plain', data }
}

/** semver.Compare for the versions fixtures use (build metadata ignored, escaped '!' folded). */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.replace(/^v/, '').replace(/\+.*$/, '').split(/-(.*)/s)
    return { nums: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') }
  }
  const x = parse(a.replace(/!/g, ''))
  const y = parse(b.replace(/!/g, ''))
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length)
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i]
    const q = y.pre[i]
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1
    if (p === q) continue
    const pn = /^\d+$/.test(p)
    const qn = /^\d+$/.test(q)
    if (pn && qn) return Math.sign(Number(p) - Number(q))
    if (pn !== qn) return pn ? -1 : 1
    return p < q ? -1 : 1
  }
  return 0
}
