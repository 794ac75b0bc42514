/**
 * Runs the real go command (GO_BIN: each Go version vitest.config.ts names) in a sealed environment:
 *
 *   const r = await runGo(['mod', 'download', '-json'], { cwd, goproxy: upstream.url, timeoutMs: 60_000 })
 *   expect(r.code, r.stderr).toBe(0)
 *   r.dirs.gomodcache   // inspect what it downloaded; r.dirs.remove() when done
 *
 * The environment is built from scratch, never inherited: GOTOOLCHAIN=local, GOFLAGS=-mod=mod
 * -modcacherw (so temp caches can be deleted), GOSUMDB=off unless `gosumdb` is given, HOME,
 * GOPATH and GOMODCACHE in a temp dir, GOCACHE shared (sharedGoCache), CGO off, no proxy variables. Pass `dirs` from an
 * earlier result (or `goDirs()`) to reuse a module cache for a warm run. The process is killed
 * (the whole group) at `timeoutMs`, and the result says so.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tempDir } from './tempdir.js'

export { tempDir, type TempDir } from './tempdir.js'

/** The go command the tests drive; GO_BIN overrides it. */
export const GO_BIN = process.env.GO_BIN ?? '/usr/local/go/bin/go'

/**
 * One build cache per go command, shared by the tests (the go command locks its entries, so
 * processes may share it). Go 1.20+ ships no compiled standard library: a fresh GOCACHE per test
 * would compile it again in every test. A test about the build cache itself makes its own.
 */
export function sharedGoCache(): string {
  const id = createHash('sha256').update(GO_BIN).digest('hex').slice(0, 12)
  const dir = fileURLToPath(new URL(`../fixtures/generated/gocache-${id}/`, import.meta.url))
  mkdirSync(dir, { recursive: true })
  return dir
}

/** The directories one sealed go environment uses. */
export interface GoDirs {
  root: string
  home: string
  gopath: string
  gomodcache: string
  gocache: string
  remove(): void
}

/** Options for runGo. */
export interface RunGoOptions {
  cwd: string
  /** The GOPROXY value (e.g. an upstream or proxy URL, or "off"). */
  goproxy: string
  /** Reuse these directories (a warm module cache); default: fresh ones, returned in the result. */
  dirs?: GoDirs
  /** A GOMODCACHE of the caller's own, instead of the one in `dirs`. */
  gomodcache?: string
  /** GOSUMDB value, e.g. "<vkey> <url>" from startSumdb(); default "off". */
  gosumdb?: string
  /** GONOSUMDB value; default unset. */
  gonosumdb?: string
  /** Extra variables, applied last (they may override anything above). */
  env?: Record<string, string>
  timeoutMs: number
}

/** What a go command run produced. */
export interface GoResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  dirs: GoDirs
}

/** Makes a fresh HOME/GOPATH/GOMODCACHE set under one temp dir; GOCACHE fresh there too if `ownGoCache`. */
export function goDirs(ownGoCache = false): GoDirs {
  const t = tempDir('gmc-go-')
  const dirs = {
    root: t.path,
    home: join(t.path, 'home'),
    gopath: join(t.path, 'gopath'),
    gomodcache: join(t.path, 'gopath', 'pkg', 'mod'),
    gocache: ownGoCache ? join(t.path, 'gocache') : sharedGoCache(),
    remove: t.remove,
  }
  for (const d of [dirs.home, dirs.gopath, dirs.gocache]) mkdirSync(d, { recursive: true })
  return dirs
}

/** The environment runGo gives the go command; exported so a benchmark can spawn it itself. */
export function goEnv(opts: Omit<RunGoOptions, 'cwd' | 'timeoutMs'>, dirs: GoDirs): Record<string, string> {
  const env: Record<string, string> = {
    PATH: `${join(GO_BIN, '..')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: dirs.home,
    GOPATH: dirs.gopath,
    GOMODCACHE: opts.gomodcache ?? dirs.gomodcache,
    GOCACHE: dirs.gocache,
    GOENV: 'off',
    GOWORK: 'off',
    GO111MODULE: 'on',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod -modcacherw',
    GOPROXY: opts.goproxy,
    GOSUMDB: opts.gosumdb ?? 'off',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOINSECURE: '',
    CGO_ENABLED: '0',
    LANG: 'C',
  }
  if (opts.gonosumdb !== undefined) env.GONOSUMDB = opts.gonosumdb
  return { ...env, ...opts.env }
}

/** Runs `go <args>` in `cwd` with a sealed environment; never rejects for a non-zero exit. */
export function runGo(args: string[], opts: RunGoOptions): Promise<GoResult> {
  const dirs = opts.dirs ?? goDirs()
  const child = spawn(GO_BIN, args, {
    cwd: opts.cwd,
    env: goEnv(opts, dirs),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a timeout kills compilers it started too
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }, opts.timeoutMs)
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, timedOut, stdout, stderr, dirs })
    })
  })
}
