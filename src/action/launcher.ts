import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import type { ServeConfig } from '../serve/flags.js'

/** The proxy's configuration as the launcher sends it on stdin: what `serve --config-stdin` reads. */
export type LaunchConfig = ServeConfig

/** A started proxy, as its ready file describes it. */
export interface Launched {
  pid: number
  url: string
  goproxy: string
  port: number
  log: string
}

/** How to start the proxy; spawn is injectable so tests can see what would run. */
export interface LaunchOptions {
  config: LaunchConfig
  /** The proxy's CLI bundle (dist/cli/index.js). */
  cli: string
  /** A fresh directory for the log and ready files. */
  dir: string
  /** The environment the proxy inherits, less the runner's tokens (scrubEnv). */
  env: Record<string, string | undefined>
  deadlineMs?: number
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess
}

/** The ready file's name in the launch directory; its full path is on the proxy's command line. */
export const READY_FILE = 'ready.json'

// Runner credentials that must never reach the proxy (or anything it might log or leak).
const SECRET_VARIABLES = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'GITHUB_TOKEN',
  'INPUT_TOKEN',
]

/** A copy of env without the runner's tokens and URLs. */
export function scrubEnv(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SECRET_VARIABLES.includes(name.toUpperCase())) clean[name] = value
  }
  return clean
}

/**
 * The proxy's memory settings (bench/README.md): a small young generation for objects that die
 * young, large buffers mmap'd so freed ones leave RSS, two malloc arenas. The environment's win.
 */
export function proxyEnv(env: Record<string, string>): Record<string, string> {
  const nodeOptions = env.NODE_OPTIONS ?? ''
  return {
    ...env,
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    NODE_OPTIONS: nodeOptions.includes('--max-semi-space-size')
      ? nodeOptions
      : `${nodeOptions} --max-semi-space-size=1`.trim(),
  }
}

/** A proxy process started ahead of its configuration, so Node loads the bundle while main reads the key. */
export interface PendingProxy {
  /**
   * Sends the configuration and waits until the proxy is ready; throws with a reason otherwise.
   * Its prefetch waits for release(), so main can start it before the restore is done.
   */
  start(config: LaunchConfig, deadlineMs?: number): Promise<Launched>
  /** Lets the proxy's background work (prefetch) begin: the store holds what the restore brought. */
  release(): void
}

/**
 * Spawns the proxy detached (stdio to a log file, unref'd) so it outlives the step. It waits for
 * its configuration on stdin, which start() sends: nothing of it is on the command line.
 */
export function spawnProxy(options: Omit<LaunchOptions, 'config' | 'deadlineMs'>): PendingProxy {
  const log = join(options.dir, 'proxy.log')
  const readyFile = join(options.dir, READY_FILE)
  const spawn = options.spawn ?? nodeSpawn
  const fd = openSync(log, 'a')
  let child: ChildProcess
  try {
    child = spawn(process.execPath, [options.cli, 'serve', '--config-stdin', '--ready-file', readyFile], {
      detached: true,
      stdio: ['pipe', fd, fd],
      env: proxyEnv(scrubEnv(options.env)),
      windowsHide: true,
    })
  } finally {
    closeSync(fd)
  }
  let exited: string | undefined
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`))
  child.on('error', (error) => (exited = `could not start: ${error.message}`))
  child.stdin?.on('error', () => {}) // an early exit closes the pipe; the exit handler reports it
  return {
    async start(config, deadlineMs = 10_000) {
      // One line; stdin stays open until release() (serve/run.ts readConfigLine). Should main die
      // first, the pipe closes all the same and the prefetch starts.
      child.stdin?.write(JSON.stringify(config) + '\n')
      try {
        const deadline = Date.now() + deadlineMs
        const ready = await waitForReadyFile(readyFile, deadline, () => exited)
        await waitForHealth(ready.url, config.token, deadline, () => exited)
        return { ...ready, log }
      } catch (error) {
        if (child.pid !== undefined && exited === undefined) killQuietly(child.pid, 'SIGKILL')
        throw new Error(`${(error as Error).message}${logTail(log)}`, { cause: error })
      } finally {
        child.removeAllListeners()
        child.unref()
      }
    },
    release() {
      child.stdin?.end()
    },
  }
}

/** Spawns the proxy and starts it at once, its prefetch released (see spawnProxy). */
export function launchProxy(options: LaunchOptions): Promise<Launched> {
  const pending = spawnProxy(options)
  const launched = pending.start(options.config, options.deadlineMs)
  pending.release()
  return launched
}

async function waitForReadyFile(
  file: string,
  deadline: number,
  exited: () => string | undefined,
): Promise<Omit<Launched, 'log'>> {
  while (true) {
    const why = exited()
    if (why !== undefined) throw new Error(`the proxy ${why} before it was ready`)
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text !== undefined) {
      const ready = JSON.parse(text) as Record<string, unknown>
      const { url, goproxy, port, pid } = ready
      if (typeof url !== 'string' || typeof goproxy !== 'string' || typeof port !== 'number') {
        throw new Error(`the proxy's ready file ${file} is malformed`)
      }
      return { url, goproxy, port, pid: typeof pid === 'number' ? pid : -1 }
    }
    if (Date.now() > deadline) throw new Error('the proxy was not ready within the deadline')
    await sleep(20)
  }
}

async function waitForHealth(
  url: string,
  token: string | undefined,
  deadline: number,
  exited: () => string | undefined,
): Promise<void> {
  while (true) {
    const why = exited()
    if (why !== undefined) throw new Error(`the proxy ${why} before it was healthy`)
    if ((await healthStatus(url, token)) === 200) return
    if (Date.now() > deadline) throw new Error(`the proxy did not answer ${url}/healthz within the deadline`)
    await sleep(50)
  }
}

/** The status of GET /healthz, or 0 when it could not be reached within a second. */
export function healthStatus(url: string, token?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    const req = request(`${url}/healthz`, { headers, timeout: 1000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
    req.end()
  })
}

/**
 * Stops the proxy: SIGTERM (it closes gracefully and flushes its journal), waits up to timeoutMs,
 * then SIGKILL. Post is another process than main, so it can only poll whether the pid lives.
 * With `readyFile`, a pid that is not our proxy any more (it died and the pid was reused) is left alone.
 */
export async function stopProxy(
  pid: number,
  timeoutMs = 8_000,
  readyFile?: string,
): Promise<'stopped' | 'killed' | 'gone'> {
  if (!alive(pid) || (readyFile !== undefined && !isOurs(pid, readyFile))) return 'gone'
  killQuietly(pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!alive(pid)) return 'stopped'
    // A proxy with nothing in flight is gone in a few tens of ms; post waits on this poll.
    await sleep(10)
  }
  killQuietly(pid, 'SIGKILL')
  return 'killed'
}

/** Whether pid is a live process (a zombie awaiting its reaper counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true // no /proc (macOS, Windows): trust kill(0)
  }
}

/**
 * Whether pid's command line names our ready file (a fresh temp path per launch, so a reused pid
 * cannot match).
 */
export function isOurs(pid: number, readyFile: string): boolean {
  return provenOurs(pid, (proc) => readFileSync(`${proc}/cmdline`, 'utf8').split('\0').includes(readyFile))
}

/**
 * Whether /proc shows pid to be the process we started, by `test` of its /proc directory (a pid
 * gone fails the test). Without /proc (macOS, Windows) the pid is trusted.
 */
export function provenOurs(pid: number, test: (proc: string) => boolean): boolean {
  try {
    return test(`/proc/${pid}`)
  } catch {
    return !existsSync('/proc/self')
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // already gone
  }
}

function logTail(log: string): string {
  try {
    const lines = readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n')
    return lines === '' ? '' : `\n${lines}`
  } catch {
    return ''
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
