/**
 * The Go fixture programs, compiled once into test/support/fixtures/generated/bin/ (GOPATH mode against
 * Debian's golang.org/x/mod sources), and the GOPROXY trees they build, cached under
 * test/support/fixtures/generated/ by a content hash of their inputs so a second run is instant:
 *
 *   const tree = await buildTree('synthetic', manifest)   // { root, goSumAll, goSum }
 *   const db = await startSumdb(tree.goSumAll)           // GOSUMDB = db.gosumdb
 *
 * Concurrent test processes may build the same thing: each builds in a private temp dir and
 * renames it into place, and the loser of the race uses the winner's copy.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GO_BIN } from './gocmd.js'
import { removeTree } from './tempdir.js'

/** Where generated fixtures live (gitignored). */
export const GENERATED = fileURLToPath(new URL('../fixtures/generated/', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
/** Debian's Go sources: golang.org/x/mod and the corpus packages. */
export const GOCODE = '/usr/share/gocode'

/** One entry of a modbuild manifest (see test/support/fixtures/modbuild/main.go). */
export interface ManifestEntry {
  module: string
  version: string
  /** Source directory; omit for a .mod-only version. */
  dir?: string
  /** go.mod text; default dir/go.mod or "module M". */
  gomod?: string
  /** RFC 3339 time for .info. */
  time?: string
}

/** A built GOPROXY tree. */
export interface Tree {
  /** The tree's root: serve it with startUpstream({ root }) or as GOPROXY=file://<root>. */
  root: string
  /** Path of go.sum.all: every "M V h1:" and "M V/go.mod h1:" line of the tree. */
  goSumAll: string
  /** The text of go.sum.all. */
  goSum: string
}

/** A temp sibling name that no other process uses. */
function privateName(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`
}

function run(cmd: string, args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s))
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`)),
    )
    child.stdin.end(stdin ?? '')
  })
}

/** Compiles test/support/fixtures/<tool>/main.go once (per source hash) and returns the binary path. */
export async function goTool(
  tool: 'modbuild' | 'sumdb' | 'globs' | 'fileserver' | 'ziphash',
): Promise<string> {
  const src = join(FIXTURES, tool, 'main.go')
  // Each Go version of the suite builds its own (vitest.config.ts runs two at once).
  const hash = createHash('sha256').update(readFileSync(src)).update(GO_BIN).digest('hex').slice(0, 16)
  const bin = join(GENERATED, 'bin', `${tool}-${hash}`)
  if (existsSync(bin)) return bin
  mkdirSync(join(GENERATED, 'bin'), { recursive: true })
  const tmp = privateName(bin)
  const work = join(
    GENERATED,
    'bin',
    `gocache-${createHash('sha256').update(GO_BIN).digest('hex').slice(0, 12)}`,
  )
  await run(GO_BIN, ['build', '-o', tmp, src], {
    PATH: '/usr/bin:/bin',
    HOME: work,
    GO111MODULE: 'off',
    GOPATH: `${GOCODE}:${join(work, 'gopath')}`,
    GOCACHE: work,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    CGO_ENABLED: '0',
  })
  renameSync(tmp, bin)
  return bin
}

/** A cheap fingerprint of a source tree: every file's path, size and mtime. */
export function treeFingerprint(dir: string): string {
  const h = createHash('sha256')
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      const st = statSync(p, { throwIfNoEntry: false })
      if (st === undefined) continue
      if (st.isDirectory()) walk(p)
      else h.update(`${p} ${st.size} ${st.mtimeMs}\n`)
    }
  }
  walk(dir)
  return h.digest('hex')
}

/**
 * Builds (or reuses) the GOPROXY tree `generated/<name>-<hash>/` for a manifest. `extraKey` adds
 * inputs the manifest does not show (e.g. fingerprints of source dirs whose content may change).
 */
export async function buildTree(name: string, manifest: ManifestEntry[], extraKey = ''): Promise<Tree> {
  const bin = await goTool('modbuild')
  const json = JSON.stringify(manifest)
  const hash = createHash('sha256').update(bin).update(json).update(extraKey).digest('hex').slice(0, 16)
  const root = join(GENERATED, `${name}-${hash}`)
  const goSumAll = join(root, 'go.sum.all')
  if (!existsSync(goSumAll)) {
    const tmp = privateName(root)
    try {
      await run(bin, ['-out', tmp], { PATH: '/usr/bin:/bin' }, json)
      renameSync(tmp, root)
    } catch (err) {
      removeTree(tmp)
      if (!existsSync(goSumAll)) throw err // otherwise another process built it first
    }
  }
  return { root, goSumAll, goSum: readFileSync(goSumAll, 'utf8') }
}

/** A running test checksum database (test/support/fixtures/sumdb). */
export interface Sumdb {
  url: string
  name: string
  /** Verifier key, e.g. "sum.test+1a2b3c4d+AbC...". */
  vkey: string
  /** The GOSUMDB value that makes the go command use it: "<vkey> <url>". */
  gosumdb: string
  stop(): Promise<void>
}

/** Starts a checksum database serving every line of a go.sum.all file. */
export async function startSumdb(goSumAll: string, name = 'sum.test'): Promise<Sumdb> {
  const bin = await goTool('sumdb')
  const child = spawn(bin, ['-gosum', goSumAll, '-name', name], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    lines.once('line', resolve)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`sumdb exited ${code} before it was ready`)))
  })
  const ready = JSON.parse(first) as { url: string; name: string; vkey: string }
  return {
    url: ready.url,
    name: ready.name,
    vkey: ready.vkey,
    gosumdb: `${ready.vkey} ${ready.url}`,
    async stop() {
      child.stdin.end() // it exits when stdin closes
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
