/**
 * The standalone proxy as a real process (`node <cli> serve ...`), the way the action and a
 * laptop run it: spawned, ready when it prints its GOPROXY line, stopped with SIGTERM. Its peak
 * RSS comes from /proc/<pid>/status (VmHWM), read just before the stop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { proxyEnv } from '../../src/action/launcher.js'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { goTool } from '../../test/support/helpers/gotools.js'

/** How to start one proxy process. */
export interface ProxyProcessOptions {
  /** The bundled CLI (dist/cli/index.js or the bench's own build). */
  cli: string
  store: string
  upstream: string
  goSum?: string
  journal?: string
  /** Where the proxy's stderr log goes. */
  logFile: string
  /** Give up when it is not ready within this time. */
  readyTimeoutMs: number
  /** NODE_OPTIONS for the proxy process (e.g. heap limits, to see what they do to RSS). */
  nodeOptions?: string
  /** More environment for the proxy process (e.g. MALLOC_ARENA_MAX). */
  env?: Record<string, string>
  /** Without the launcher's memory settings (src/launcher.ts proxyEnv), as a bare `node cli serve`. */
  bareEnv?: boolean
  /** The node binary to run it with (default: this process's). */
  node?: string
  /** More `serve` flags (e.g. --verify-at-start). */
  extraArgs?: string[]
}

/** A running proxy process. */
export interface ProxyProcess {
  goproxy: string
  pid: number
  /** performance.now() at spawn and at readiness. */
  spawnedAt: number
  readyAt: number
  /** Peak resident set size so far, in KiB (VmHWM); undefined when /proc does not say. */
  peakRssKiB(): number | undefined
  /** CPU seconds (user + system) it used so far; undefined when /proc does not say. */
  cpuSeconds(): number | undefined
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>
}

/** Starts the proxy CLI and waits for its GOPROXY line. */
export async function startProxyProcess(opts: ProxyProcessOptions): Promise<ProxyProcess> {
  // The node flags the action's launcher gives the proxy (it runs on the step's own node).
  const args = [opts.cli, 'serve', '--listen', '127.0.0.1:0', '--store', opts.store]
  args.push('--upstream', opts.upstream, '--no-sumdb', '--no-metrics')
  if (opts.goSum !== undefined) args.push('--go-sum', opts.goSum)
  if (opts.journal !== undefined) args.push('--journal', opts.journal)
  args.push(...(opts.extraArgs ?? []))
  const log = openSync(opts.logFile, 'a')
  const spawnedAt = performance.now()
  // No inherited proxy settings: the upstream is exactly what the flags say.
  const base = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NETRC: '/dev/null',
    // A machine whose https goes through a TLS-inspecting proxy trusts its CA this way, as the
    // action's launcher keeps it for the job's proxy; a real upstream fails without it.
    ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
  }
  // By default the proxy runs with the same memory settings the action's launcher gives it.
  const env = {
    ...(opts.bareEnv ? base : proxyEnv(base)),
    ...(opts.nodeOptions ? { NODE_OPTIONS: opts.nodeOptions } : {}),
    ...opts.env,
  }
  const child = spawn(opts.node ?? process.execPath, args, { stdio: ['ignore', 'pipe', log], env })
  closeSync(log)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const goproxy = await firstLine(child, opts.readyTimeoutMs, opts.logFile)
  const readyAt = performance.now()
  const pid = child.pid as number
  return {
    goproxy,
    pid,
    spawnedAt,
    readyAt,
    peakRssKiB: () => vmHwmKiB(pid),
    cpuSeconds: () => cpuSeconds(pid),
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}

function firstLine(child: ChildProcess, timeoutMs: number, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`proxy ${why}; its log: ${logFile}`))
    }
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs)
    const onExit = (code: number | null) => fail(`exited ${code} before it was ready`)
    child.once('exit', onExit)
    lines.once('line', (line) => {
      clearTimeout(timer)
      child.off('exit', onExit)
      resolve(line.trim())
    })
  })
}

/** VmHWM of a live process, in KiB. */
export function vmHwmKiB(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m === null ? undefined : Number(m[1])
  } catch {
    return undefined
  }
}

/** utime + stime of a live process, in seconds (/proc/<pid>/stat counts USER_HZ = 100 ticks). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(rest[11]) + Number(rest[12])) / 100
  } catch {
    return undefined
  }
}

/** A reference file server: its URL, and a stop that reports its peak RSS in KiB. */
export interface FileServer {
  url: string
  stop(): Promise<number | undefined>
}

/**
 * bench/lib/static-server.mjs on `root`, with the proxy's memory settings: Node's own floor for
 * serving the same files.
 */
export function startStaticServer(
  root: string,
  readyTimeoutMs: number,
  node = process.execPath,
): Promise<FileServer> {
  const script = new URL('./static-server.mjs', import.meta.url).pathname
  const env = proxyEnv({ PATH: process.env.PATH ?? '/usr/bin:/bin' })
  return startFileServer(node, [script, root], env, readyTimeoutMs)
}

/**
 * test/support/fixtures/fileserver (Go's net/http file server, bodies by sendfile) on `root`: what HTTP
 * itself costs the go command, with no JavaScript on the serving side.
 */
export async function startGoFileServer(root: string, readyTimeoutMs: number): Promise<FileServer> {
  const bin = await goTool('fileserver')
  return startFileServer(bin, [root], { PATH: process.env.PATH ?? '/usr/bin:/bin' }, readyTimeoutMs)
}

async function startFileServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  readyTimeoutMs: number,
): Promise<FileServer> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await firstLine(child, readyTimeoutMs, '(stderr)')
  return {
    url,
    async stop() {
      const kib = vmHwmKiB(child.pid as number)
      child.kill('SIGKILL')
      await exited
      return kib
    },
  }
}
