import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Node flags for a proxy process, given on its command line (the action's launcher, bench/).
 * undici parses HTTP with llhttp compiled to WebAssembly, and V8 soon re-compiles that hot parser
 * with TurboFan: about 35 MB of compiler memory at once (25 MB on node24), early in the first
 * job, which made that compile the proxy's peak RSS. The baseline compiler's code parses a job's
 * few thousand answers just as well.
 */
export const NODE_FLAGS = ['--liftoff-only']

/**
 * NODE_FLAGS for a proxy that lives one job (the action's launcher, bench/): JavaScript compiled
 * no higher than the baseline tier. Its hot work is native (sockets, files, zlib, sha256); the
 * optimizing compilers (TurboFan; Maglev too on node24) only added their code pages and compile
 * zones to RSS, and their compile threads competed with the go command for the runner's cores.
 * bench/proxy.ts: peak RSS 84 -> 78 MB cold, 62.6 -> 55.6 MB warm on Node 20, 112 -> 105 MB cold
 * on node24, warm times unchanged. A long-lived standalone proxy keeps them.
 */
export const JOB_NODE_FLAGS = [...NODE_FLAGS, '--max-opt=1']

/**
 * What a serving process does for its memory from inside: NODE_FLAGS where this Node still takes
 * flags at run time (Node 20 does; node24 only on the command line), and boundBufferGarbage.
 */
export function tuneServingProcess(): void {
  try {
    for (const flag of NODE_FLAGS) setFlagsFromString(flag)
  } catch {
    // A Node that no longer knows the flag runs as it would without it.
  }
  boundBufferGarbage()
}

/**
 * Growth of array buffer memory (outside V8's heap) that asks for a full collection. 4 MiB
 * rather than 8: 1.5-2 MB less peak RSS on bench/proxy.ts's cold runs, no CPU difference seen.
 */
export const GARBAGE_LIMIT = 4 * 1024 * 1024
const CHECK_MS = 20
/**
 * A process whose array buffers have not moved for IDLE_AFTER_MS checks once a second: a
 * long-lived standalone proxy should not wake 50 times a second for nothing. Work that makes
 * Buffers calls bufferWorkStarting(), which brings the checks back to full rate at once.
 */
const IDLE_AFTER_MS = 1000
const IDLE_CHECK_MS = 1000

/** V8's collector, as `--expose-gc` gives it. */
export type Collect = (options: { type: 'major'; execution: 'async' }) => Promise<void>

export interface GarbageOptions {
  limit?: number
  collect?: Collect
  idleAfterMs?: number
  idleCheckMs?: number
  /** Bytes of array buffers now; tests give their own. */
  measure?: () => number
}

/** A running boundBufferGarbage: stop, and how often it checks now (0: not at all). */
export interface Governor {
  stop(): void
  checkEveryMs(): number
}

let wakeGovernor: (() => void) | undefined

/** A request, fetch or zip check is starting: the governor checks at full rate again. */
export function bufferWorkStarting(): void {
  wakeGovernor?.()
}

/**
 * Keeps dead Buffers from piling up in a serving process. Every byte the proxy moves passes
 * through one (socket reads, file reads, inflated zip entries), and one that is still in flight at
 * a young-generation collection is promoted: only a full collection frees it, and V8 starts one
 * on its own only after external memory has grown by about 64 MB. So: a concurrent full
 * collection whenever array buffers have grown by `limit` since the last one. Measured from where
 * the last one left them, not from zero, so that Buffers still alive (sockets, zip checks in
 * progress) never make it collect again and again for nothing.
 * Does nothing when this V8 cannot expose its collector.
 */
export function boundBufferGarbage(options: GarbageOptions = {}): Governor {
  const { limit = GARBAGE_LIMIT, idleAfterMs = IDLE_AFTER_MS, idleCheckMs = IDLE_CHECK_MS } = options
  const collect = options.collect ?? collector()
  const measure = options.measure ?? external
  if (!collect) return { stop: () => {}, checkEveryMs: () => 0 }
  let running = false
  let floor = measure()
  let last = floor
  let movedAt = Date.now()
  let timer: NodeJS.Timeout | undefined
  let every = 0
  const checkEvery = (ms: number): void => {
    if (ms === every) return
    clearInterval(timer)
    every = ms
    timer = setInterval(check, ms)
    timer.unref()
  }
  const done = (): void => {
    running = false
    floor = measure()
  }
  const check = (): void => {
    if (running) return
    const now = measure()
    if (now !== last) {
      last = now
      wake()
    } else if (Date.now() - movedAt >= idleAfterMs) {
      checkEvery(idleCheckMs)
    }
    // The lowest count since the last collection: a collection's sweep frees Buffers a little
    // after it reports done.
    floor = Math.min(floor, now)
    if (now - floor <= limit) return
    running = true
    collect({ type: 'major', execution: 'async' }).then(done, done)
  }
  const wake = (): void => {
    movedAt = Date.now()
    checkEvery(CHECK_MS)
  }
  wakeGovernor = wake
  checkEvery(CHECK_MS)
  return {
    stop: () => {
      clearInterval(timer)
      every = 0
      if (wakeGovernor === wake) wakeGovernor = undefined
    },
    checkEveryMs: () => every,
  }
}

// Array buffers are most of what a proxy holds outside V8's heap, and unlike V8's
// external_memory statistic this count drops as soon as a collection frees them.
function external(): number {
  return process.memoryUsage().arrayBuffers
}

// The collector is exposed to contexts created after the flag is set (as jest's leak detector
// does it): the main context stays as it was.
function collector(): Collect | undefined {
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as Collect) : undefined
  } catch {
    return undefined
  }
}
