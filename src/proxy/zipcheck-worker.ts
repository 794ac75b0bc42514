// Zip checks on a worker thread. A check is inflate + sha256 of every file, about 15 ms of CPU
// for a typical module: on the main thread it holds every other request for that long. On a
// worker the event loop keeps answering .info/.mod and verified zips while the next zip is checked.
import { parentPort, Worker } from 'node:worker_threads'
import type { Logger } from './log.js'
import { checkZip, type ZipCheck } from './zipcheck.js'

/** What the worker is sent and answers; `id` pairs them. */
type Job = { id: number; file: string; module: string; version: string }
type Answer = { id: number; result: ZipCheck }

/** A checkZip that runs elsewhere, and how to stop it. */
export interface ZipChecker {
  check: typeof checkZip
  close(): Promise<void>
}

/**
 * Checks zips on one worker running `script` (an entry that calls serveZipChecks). The worker
 * starts with the first check and never keeps the process alive. If it dies, the checks in flight and every later one run on this thread: a
 * broken worker costs speed, never a verdict.
 */
export function workerZipChecker(script: string, log: Logger): ZipChecker {
  let worker: Worker | undefined
  let broken = false
  let nextId = 0
  const pending = new Map<number, { job: Job; resolve: (r: ZipCheck) => void }>()

  function fallBack(why: string): void {
    if (broken) return
    broken = true
    worker = undefined
    log.warn(`zip check worker stopped (${why}); checking zips on the main thread`)
    for (const { job, resolve } of pending.values())
      void checkZip(job.file, job.module, job.version).then(resolve)
    pending.clear()
  }

  function started(): Worker {
    if (worker) return worker
    const w = new Worker(script)
    w.unref()
    w.on('message', (answer: Answer) => {
      const p = pending.get(answer.id)
      pending.delete(answer.id)
      p?.resolve(answer.result)
    })
    w.on('error', (err) => fallBack(String(err)))
    w.on('exit', (code) => {
      if (worker === w) fallBack(`exit ${code}`)
    })
    worker = w
    return w
  }

  return {
    check(file, module, version) {
      if (broken) return checkZip(file, module, version)
      const job = { id: nextId++, file, module, version }
      return new Promise((resolve) => {
        pending.set(job.id, { job, resolve })
        started().postMessage(job)
      })
    },
    async close() {
      const w = worker
      worker = undefined
      broken = true
      if (w) await w.terminate()
    },
  }
}

/** The worker's side: answers every job posted to it with checkZip's verdict. */
export function serveZipChecks(): void {
  const port = parentPort
  if (!port) throw new Error('serveZipChecks runs on a worker thread')
  port.on('message', (job: Job) => {
    void checkZip(job.file, job.module, job.version).then(
      (result) => port.postMessage({ id: job.id, result } satisfies Answer),
      (err: unknown) =>
        port.postMessage({ id: job.id, result: { ok: false, reason: `zip check failed: ${String(err)}` } }),
    )
  })
}
