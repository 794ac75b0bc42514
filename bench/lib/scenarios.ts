/**
 * One measurement each: the go command downloading the corpus through some GOPROXY, timed from
 * its start to its exit (or from the proxy's spawn, where the proxy's start is part of the cost).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { goDirs, runGo, tempDir } from '../../test/support/helpers/gocmd.js'
import { startProxyProcess, type ProxyProcess } from './proxyproc.js'

/** What every scenario needs. */
export interface BenchContext {
  cli: string
  upstreamUrl: string
  goSumAll: string
  downloadArgs: string[]
  /** An empty directory without go.mod: the go command runs there. */
  cwd: string
  /** Proxy logs and journals of the latest run go here, for a look afterwards. */
  logDir: string
  goTimeoutMs: number
  /** NODE_OPTIONS for every proxy process ('' for none). */
  nodeOptions: string
  /** More environment and `serve` flags for every proxy process. */
  proxyEnv: Record<string, string>
  proxyArgs: string[]
  /** Run the proxies without the launcher's memory settings. */
  bareEnv: boolean
  /** The node binary for the proxy processes (default: the bench's own). */
  node?: string
}

// Module caches of finished runs, removed only at the end (removeModCaches): creating files right
// after deleting half a gigabyte of them costs this disk 1-3 s of kernel time, which would land on
// whichever run came next.
const finished: Array<() => void> = []

/** Removes the module caches of every finished download run. */
export function removeModCaches(): void {
  for (const remove of finished.splice(0)) remove()
}

/** Runs `go mod download <corpus>` with a fresh module cache; throws when it fails. */
export async function download(ctx: BenchContext, goproxy: string): Promise<number> {
  const dirs = goDirs()
  try {
    // The run before left a few hundred MB of extracted files to write back: flush them first,
    // untimed, or whichever run comes next pays for its predecessor's disk writes.
    execFileSync('sync')
    const started = performance.now()
    const r = await runGo(['mod', 'download', ...ctx.downloadArgs], {
      cwd: ctx.cwd,
      goproxy,
      dirs,
      timeoutMs: ctx.goTimeoutMs,
    })
    const seconds = (performance.now() - started) / 1000
    if (r.code !== 0) {
      const why = r.timedOut ? `timed out after ${ctx.goTimeoutMs} ms` : `exited ${r.code}`
      throw new Error(`go mod download via ${goproxy} ${why}:\n${r.stderr.slice(-2000)}`)
    }
    return seconds
  } finally {
    finished.push(dirs.remove)
  }
}

/** A fresh, empty store directory. */
export function emptyStore(): { path: string; remove(): void } {
  const t = tempDir('gmc-bench-store-')
  mkdirSync(t.path, { recursive: true })
  return t
}

/** Starts the CLI proxy on `store`; `tag` names its log and journal files. */
export function proxy(ctx: BenchContext, store: string, tag: string, goSum: boolean): Promise<ProxyProcess> {
  return startProxyProcess({
    cli: ctx.cli,
    store,
    upstream: ctx.upstreamUrl,
    ...(goSum ? { goSum: ctx.goSumAll } : {}),
    journal: join(ctx.logDir, `${tag}.journal`),
    logFile: join(ctx.logDir, `${tag}.log`),
    readyTimeoutMs: 30_000,
    nodeOptions: ctx.nodeOptions,
    env: ctx.proxyEnv,
    extraArgs: ctx.proxyArgs,
    bareEnv: ctx.bareEnv,
    node: ctx.node,
  })
}

/** A stopped proxy's peak RSS (MB, 10^6 bytes) and CPU time (s), read just before the stop. */
export interface ProxyUsage {
  rssMB: number
  cpuSeconds: number
}

/** Stops a proxy after reading its peak RSS and CPU time; fails loudly unless it exits 0. */
export async function stopWithUsage(p: ProxyProcess): Promise<ProxyUsage> {
  const kib = p.peakRssKiB()
  const cpu = p.cpuSeconds()
  const code = await p.stop()
  if (code !== 0) throw new Error(`proxy ${p.pid} exited ${code} on SIGTERM`)
  return { rssMB: kib === undefined ? NaN : (kib * 1024) / 1e6, cpuSeconds: cpu ?? NaN }
}

/** Counts of a journal file: serves by source, fetches by reason. */
export function journalCounts(file: string): Record<string, number> {
  const counts: Record<string, number> = {}
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return counts
  }
  for (const line of text.split('\n')) {
    if (line === '') continue
    const e = JSON.parse(line) as { event: string; source?: string; reason?: string; file?: string }
    const key = `${e.event}.${e.source ?? (e.event === 'refuse' ? 'refused' : e.reason)}.${e.file}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/** Seconds from the proxy's readiness to its "prefetch: ..." log line (NaN when absent). */
export function prefetchSeconds(logFile: string, readyWall: number): number {
  const text = readFileSync(logFile, 'utf8')
  const m = /^(\S+) info prefetch: /m.exec(text)
  return m === null ? NaN : (Date.parse(m[1] ?? '') - readyWall) / 1000
}

/** Waits (polling the log, bounded) until the proxy logs the end of its prefetch. */
export async function waitPrefetch(logFile: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (/ info prefetch: /.test(readFileSync(logFile, 'utf8'))) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}
