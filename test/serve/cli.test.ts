import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hashMod } from '../../src/proxy/zip/dirhash.js'

const ROOT = new URL('../..', import.meta.url).pathname
const MOD = 'module example.com/m\n\ngo 1.19\n'

/** A running `go-mod-cache` process: its output so far and how it ended. */
interface Run {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running: ChildProcess[] = []

function cli(args: string[], stdin?: string, env: Record<string, string> = {}, endStdin = true): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, GOPROXY: '', GOSUMDB: 'off', GO_MOD_CACHE_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  running.push(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  if (endStdin) child.stdin?.end(stdin ?? '')
  else child.stdin?.write(stdin ?? '')
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Resolves with the first stdout line (the GOPROXY value); fails if the process exits first. */
async function firstLine(run: Run): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const nl = run.stdout().indexOf('\n')
      if (nl >= 0) resolve(run.stdout().slice(0, nl))
    }
    run.child.stdout?.on('data', check)
    check()
    void run.exited.then((e) =>
      reject(new Error(`exited ${JSON.stringify(e)} before ready: ${run.stderr()}`)),
    )
  })
}

let upstream: Server
let upstreamUrl: string
let dir: string
let hangSeen = false
let modRequests = 0
const asked: string[] = []

beforeAll(async () => {
  // The smallest upstream: one module version, .info and .mod.
  upstream = createServer((req, res) => {
    asked.push(req.url ?? '')
    if (req.url === '/sumdb/sum.example/supported') return void res.end()
    if (req.url === '/sumdb/sum.example/latest') return void res.end('go.sum database tree\n')
    if (req.url === '/example.com/m/@v/v1.0.0.mod') return void (modRequests++, res.end(MOD))
    if (req.url === '/example.com/m/@v/v1.0.0.info') return void res.end('{"Version":"v1.0.0"}')
    // Never answers: holds a proxy request in flight (afterAll cuts it).
    if (req.url === '/example.com/hang/@v/v1.0.0.mod') return void (hangSeen = true)
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  dir = await mkdtemp(join(tmpdir(), 'cli-'))
})

afterEach(() => {
  // Bounded: nothing a test started outlives it.
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

afterAll(async () => {
  upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

describe('go-mod-cache', () => {
  it('--help lists every flag with its default and exits 0', async () => {
    const run = cli(['serve', '--help'])
    expect((await run.exited).code).toBe(0)
    const help = run.stdout()
    for (const flag of [
      'listen',
      'store',
      'upstream',
      'go-sum',
      'offline',
      'prefetch',
      'no-prefetch',
      'token',
      'sumdb',
      'no-sumdb',
      'journal',
      'metrics',
      'no-metrics',
      'ready-file',
      'ttl',
      'netrc',
      'goauth',
      'debug',
      'config-stdin',
      'help',
      'version',
    ]) {
      expect(help).toMatch(new RegExp(`^  --${flag}\\b`, 'm'))
    }
    expect(help).toContain('(default: 127.0.0.1:0)')
  })

  it.each([[['serve', '--listen', 'x']], [['serve', '--bogus']], [['frobnicate']]])(
    '%j: one line on stderr, exit 2',
    async (args) => {
      const run = cli(args)
      expect((await run.exited).code).toBe(2)
      expect(run.stdout()).toBe('')
      expect(run.stderr()).toMatch(/^go-mod-cache: [^\n]+\n$/)
    },
  )

  it('serves, prints GOPROXY, writes the ready file, and exits 0 on SIGTERM with the journal flushed', async () => {
    const ready = join(dir, 'ready.json')
    const journal = join(dir, 'journal.jsonl')
    const run = cli([
      'serve',
      '--listen',
      '127.0.0.1:0',
      '--store',
      join(dir, 'store'),
      '--upstream',
      upstreamUrl,
      '--journal',
      journal,
      '--ready-file',
      ready,
      '--no-prefetch',
    ])
    const goproxy = await firstLine(run)
    expect(goproxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The ready file is written right after the line; poll for it with a bound.
    let info: { url: string; goproxy: string; port: number; pid: number } | undefined
    for (let i = 0; i < 100 && !info; i++) {
      info = await readFile(ready, 'utf8').then(
        (t) => JSON.parse(t) as typeof info,
        () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50)),
      )
    }
    expect(info).toEqual({ url: goproxy, goproxy, port: Number(new URL(goproxy).port), pid: run.child.pid })
    expect((await fetch(`${goproxy}/healthz`)).status).toBe(200)
    const mod = await fetch(`${goproxy}/example.com/m/@v/v1.0.0.mod`)
    expect(mod.status).toBe(200)
    expect(await mod.text()).toBe(MOD)
    run.child.kill('SIGTERM')
    expect((await run.exited).code).toBe(0)
    const lines = (await readFile(journal, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'serve', module: 'example.com/m', file: 'mod' }),
    )
  })

  it('GOSUMDB naming only the database: reached through the upstream proxy /sumdb/ first', async () => {
    const store = join(dir, 'store-sumdb')
    const run = cli(['serve', '--store', store, '--upstream', upstreamUrl, '--no-prefetch'], '', {
      GOSUMDB: 'sum.example+033de0ae+Ac4z',
    })
    const goproxy = await firstLine(run)
    const from = asked.length
    await (await fetch(`${goproxy}/sumdb/sum.example/latest`)).arrayBuffer()
    expect(asked.slice(from)).toEqual(['/sumdb/sum.example/supported', '/sumdb/sum.example/latest'])
    run.child.kill('SIGTERM')
    expect((await run.exited).code).toBe(0)
  })

  it('--config-stdin takes the configuration (and the token) from stdin', async () => {
    const ready = join(dir, 'ready2.json')
    const config = {
      store: join(dir, 'store2'),
      upstream: upstreamUrl,
      token: 's3cret-s3cret-s3cret',
      prefetch: false,
      sumdb: null,
    }
    const run = cli(['serve', '--config-stdin', '--ready-file', ready], JSON.stringify(config))
    const goproxy = await firstLine(run)
    // The token travels in the GOPROXY value (how is the server's business): the bare URL is refused.
    expect(goproxy).toContain('s3cret-s3cret-s3cret')
    const bare = new URL(goproxy).origin
    expect((await fetch(`${bare}/example.com/m/@v/v1.0.0.mod`)).status).toBe(401)
    const url = new URL(goproxy)
    const headers: Record<string, string> = {}
    if (url.password) {
      headers.authorization = `Basic ${Buffer.from(`${url.username}:${decodeURIComponent(url.password)}`).toString('base64')}`
      url.username = ''
      url.password = ''
    }
    const base = url.toString().replace(/\/$/, '')
    expect((await fetch(`${base}/example.com/m/@v/v1.0.0.mod`, { headers })).status).toBe(200)
    run.child.kill('SIGINT')
    expect((await run.exited).code).toBe(0)
    expect(run.stderr()).not.toContain('s3cret-s3cret-s3cret')
  })

  it('--config-stdin serves after the first line and starts its prefetch only when stdin ends', async () => {
    const goSum = join(dir, 'go.sum')
    await writeFile(goSum, `example.com/m v1.0.0/go.mod ${hashMod(Buffer.from(MOD))}\n`)
    const before = modRequests
    const config = { store: join(dir, 'store3'), upstream: upstreamUrl, goSum: [goSum], sumdb: null }
    const run = cli(['serve', '--config-stdin'], JSON.stringify(config) + '\n', {}, false)
    const goproxy = await firstLine(run)
    expect((await fetch(`${goproxy}/healthz`)).status).toBe(200)
    // Held: the action's main is still restoring the store.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(modRequests - before).toBe(0)
    run.child.stdin?.end()
    for (let i = 0; i < 100 && modRequests === before; i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(modRequests - before).toBe(1)
    run.child.kill('SIGTERM')
    expect((await run.exited).code).toBe(0)
  })

  it('a second signal exits at once, without waiting for in-flight requests', async () => {
    const run = cli(['serve', '--store', join(dir, 'store3'), '--upstream', upstreamUrl, '--no-prefetch'])
    const goproxy = await firstLine(run)
    const controller = new AbortController()
    const hanging = fetch(`${goproxy}/example.com/hang/@v/v1.0.0.mod`, { signal: controller.signal }).catch(
      () => undefined,
    )
    // Wait until the proxy has the request upstream, so close() has something to wait for.
    for (let i = 0; i < 200 && !hangSeen; i++) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(hangSeen).toBe(true)
    run.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 100))
    run.child.kill('SIGTERM')
    expect((await run.exited).code).toBe(130)
    controller.abort()
    await hanging
  })

  it('--config-stdin refuses a bad field with one line and exit 2', async () => {
    const run = cli(['serve', '--config-stdin'], '{"listen": 3000}')
    expect((await run.exited).code).toBe(2)
    expect(run.stderr()).toBe('go-mod-cache: --config-stdin: field "listen": expected a "HOST:PORT" string\n')
  })
})
