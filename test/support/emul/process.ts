import { spawn } from 'node:child_process'
import { killAll, pipeHolders, stdioName } from './procfs.js'

/** How one step process ended, with what it wrote. */
export interface ProcessResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Pids killed after the step exited because they still held its stdout/stderr. */
  killedAfterExit: number[]
  ms: number
}

/** How to run one step process. */
export interface ProcessOptions {
  cwd: string
  env: Record<string, string>
  timeoutMs: number
  /** How long the runner waits after exit for stdio holders before killing them (5 s, as actions/runner). */
  graceMs?: number
}

function closed(stream: NodeJS.ReadableStream | null): Promise<void> {
  return new Promise((resolve) => (stream ? stream.once('close', () => resolve()) : resolve()))
}

/**
 * Runs a process like the runner runs a step: stdio piped and captured; after it exits, waits up
 * to `graceMs` for its stdio to close, then kills whatever still holds it (a child that inherited
 * the step's stdout/stderr). A step past `timeoutMs` is killed with those holders.
 */
export async function runProcess(
  command: string,
  args: string[],
  opts: ProcessOptions,
): Promise<ProcessResult> {
  const started = Date.now()
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const streamsClosed = Promise.all([closed(child.stdout), closed(child.stderr)])
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  // Node's stdio "pipes" are socketpairs: the child's end (its fd 1 and 2, set before exec) is
  // what any process that inherited them holds too. Read now, while the child lives; listeners
  // are attached first so a fast exit is not missed.
  const names = Promise.all([stdioName(child.pid, 1), stdioName(child.pid, 2)])
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, opts.timeoutMs)
  const { code, signal } = await exited.finally(() => clearTimeout(timer))
  const killedAfterExit: number[] = []
  const grace = timedOut ? 0 : (opts.graceMs ?? 5000)
  let graceTimer: NodeJS.Timeout | undefined
  const inTime = await Promise.race([
    streamsClosed.then(() => true),
    new Promise<boolean>((resolve) => (graceTimer = setTimeout(() => resolve(false), grace))),
  ])
  clearTimeout(graceTimer)
  if (!inTime) {
    const pipes = (await names).filter((p): p is string => p !== undefined)
    killedAfterExit.push(...(await pipeHolders(pipes)))
    await killAll(killedAfterExit)
    child.stdout.destroy()
    child.stderr.destroy()
  }
  return { code, signal, timedOut, stdout, stderr, killedAfterExit, ms: Date.now() - started }
}
