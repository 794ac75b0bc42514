/**
 * The real module proxy as upstream: where it is (the machine's GOPROXY), a short probe, a counting
 * relay in front of it (so a test can count upstream requests and make the upstream unreachable at
 * will), and the committed test project (test/support/fixtures/realworld) copied for a run.
 *
 *   const real = realUpstream()                  // e.g. the first http(s) entry of `go env GOPROXY`
 *   const relay = await startRelay(real)         // GOPROXY / proxy upstream = relay.url
 *   relay.down = true                            // every request now fails (and is still counted)
 */
import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, relative } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { GO_BIN } from '../support/helpers/gocmd.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

/** The committed test project: go.mod and go.sum made by the real go command, main.go importing one package of each. */
export const PROJECT = fileURLToPath(new URL('../support/fixtures/realworld/', import.meta.url))

/** The checksum database the project is verified against, reached through the module proxy's /sumdb/. */
export const SUMDB_NAME = 'sum.golang.org'

/**
 * The module proxy this machine uses: the first http(s) entry of GOPROXY, else of `go env GOPROXY`
 * (the go command's default, set in its go.env), never `direct` or `off`.
 */
export function realUpstream(): string {
  const fromEnv = process.env.GOPROXY ?? ''
  const list = fromEnv !== '' ? fromEnv : execFileSync(GO_BIN, ['env', 'GOPROXY'], { encoding: 'utf8' })
  const first = list
    .split(/[,|]/)
    .map((e) => e.trim())
    .find((e) => /^https?:\/\//.test(e))
  if (first === undefined) throw new Error(`GOPROXY names no module proxy: ${JSON.stringify(list.trim())}`)
  return first.replace(/\/+$/, '')
}

/** What a short probe of the module proxy found: an answer, and whether its /sumdb/ is supported. */
export interface Probe {
  ok: boolean
  sumdb: boolean
  why: string
}

/** Asks the module proxy for one small file and for its /sumdb/ support, each bounded by `timeoutMs`. */
export async function probeUpstream(upstream: string, timeoutMs = 8_000): Promise<Probe> {
  const get = async (path: string): Promise<number | string> => {
    try {
      const res = await fetch(`${upstream}/${path}`, { signal: AbortSignal.timeout(timeoutMs) })
      await res.arrayBuffer()
      return res.status
    } catch (err) {
      return String(err)
    }
  }
  const [info, sumdb] = await Promise.all([
    get('github.com/pkg/errors/@v/v0.9.1.info'),
    get(`sumdb/${SUMDB_NAME}/supported`),
  ])
  return { ok: info === 200, sumdb: sumdb === 200, why: `info: ${info}, sumdb supported: ${sumdb}` }
}

/** A counting HTTP relay to the real module proxy on 127.0.0.1. */
export interface Relay {
  url: string
  /** Every request that reached the relay (also those it failed while down), by path. */
  requests: string[]
  /** While true, every request's connection is cut: the upstream is unreachable. */
  down: boolean
  stop(): Promise<void>
}

/**
 * Starts a relay: each GET is counted, then forwarded to `target` and its status and body passed
 * back (the body as fetch decoded it, so no content-encoding or length goes with it).
 */
export async function startRelay(target: string): Promise<Relay> {
  const relay: Relay = { url: '', requests: [], down: false, stop: async () => undefined }
  const server = createServer((req, res) => {
    relay.requests.push(req.url ?? '')
    if (relay.down) {
      req.socket.destroy()
      return
    }
    forward(target, req, res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  relay.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return relay
}

async function forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const upstream = await fetch(`${target}${req.url ?? '/'}`, {
    method: req.method,
    signal: AbortSignal.timeout(120_000),
  })
  const type = upstream.headers.get('content-type')
  res.writeHead(upstream.status, type ? { 'content-type': type } : {})
  if (upstream.body === null || req.method === 'HEAD') {
    res.end()
    return
  }
  await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res)
}

/** A copy of the test project in a temp dir; with `emptySum` its go.sum is empty (every sum then comes from the database). */
export function projectCopy(emptySum = false): TempDir {
  const dir = tempDir('gmc-realworld-')
  cpSync(PROJECT, dir.path, { recursive: true })
  if (emptySum) execFileSync('truncate', ['-s', '0', join(dir.path, 'go.sum')])
  return dir
}

/** The committed go.sum's lines as "module version" -> h1 (zip) and "module version/go.mod" -> h1. */
export function committedSums(): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of readFileSync(join(PROJECT, 'go.sum'), 'utf8').split('\n')) {
    const [module, version, h1] = line.split(' ')
    if (module && version && h1) sums.set(`${module} ${version}`, h1)
  }
  return sums
}

/** One object of `go mod download -json`'s stream. */
export interface Downloaded {
  Path: string
  Version: string
  Error?: string
  Info?: string
  GoMod?: string
  Zip?: string
  Sum?: string
  GoModSum?: string
}

/** Parses `go mod download -json` output: a stream of JSON objects, one after another. */
export function parseDownloadJson(stdout: string): Downloaded[] {
  const out: Downloaded[] = []
  for (const chunk of stdout.split(/\n}\n?/)) {
    if (chunk.trim() !== '') out.push(JSON.parse(`${chunk}\n}`) as Downloaded)
  }
  return out
}

/** One journal line (src/proxy/core/journal.ts), as much as the tests read. */
export interface JournalLine {
  event: 'serve' | 'fetch' | 'refuse'
  module: string
  version: string
  file: 'info' | 'mod' | 'zip'
  source?: 'store' | 'upstream'
  reason?: string
}

/** Every line of a proxy's journal file. */
export function readJournal(file: string): JournalLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalLine)
}

/** Every file under `root`, relative, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort()
}

/** The one loud line a run without the module proxy prints, so the failure says why at a glance. */
export function loudOffline(upstream: string, probe: Probe): string {
  return `!!! REAL-UPSTREAM SUITE CANNOT RUN: the module proxy ${upstream} did not answer a short probe (${probe.why}); only this suite fails !!!`
}
