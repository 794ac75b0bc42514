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
 * NODE_FLAGS for a proxy that lives one job (the action's launcher, bench/), for the V8 that will
 * run it (`v8`, its process.versions.v8). A long-lived standalone proxy runs with NODE_FLAGS.
 * - JavaScript only interpreted (--max-opt=0): its hot work is native (sockets, files, zlib,
 *   sha256), and each compiler tier only added its code pages and zones to RSS, its threads
 *   competing with the go command for the runner's cores. bench/proxy.ts: dropping the optimizing
 *   tiers took peak RSS 84 -> 78 MB cold, 62.6 -> 55.6 MB warm on Node 20, 112 -> 105 MB cold on
 *   node24, warm times unchanged; dropping the baseline tier (Sparkplug) too took 1-2 MB more
 *   off node24's cold peak.
 * - Garbage collected on the main thread (--single-threaded-gc): the heap is about 10 MB, and
 *   helper threads added 1.5 MB to node24's cold peak without saving CPU.
 * - JS-to-Wasm wrappers never recompiled (--wasm-wrapper-tiering-budget), where V8 knows the
 *   flag (13, node24; Node 20's V8 refuses to start with it): undici calls llhttp's Wasm
 *   thousands of times a job, and the TurboFan compile of its wrappers after the 1000th call
 *   paged in 2 MB of compiler code that nothing else runs.
 */
export function jobNodeFlags(v8: string = process.versions.v8): string[] {
  const flags = [...NODE_FLAGS, '--max-opt=0', '--single-threaded-gc']
  if (Number(v8.split('.')[0]) >= 13) flags.push('--wasm-wrapper-tiering-budget=2147483647')
  return flags
}

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
 * rather than 8 took 1.5-2 MB off the peak RSS of bench/proxy.ts's cold runs; 2 MiB rather
 * than 4 was part of a change that took 4-5 MB more off node24's; no CPU difference seen.
 */
export const GARBAGE_LIMIT = 2 * 1024 * 1024
/**
 * Growth of V8's used heap that asks for a full collection. A request lives across an upstream
 * round trip, long enough to survive two young-generation collections of a 1 MiB young
 * generation: it is promoted, and its garbage stays until V8's own old-generation limit is
 * reached. On a cold job that grew the heap from 9 to 13.5 MB before V8 collected once, and the
 * pages it had taken stayed in RSS.
 */
export const HEAP_GARBAGE_LIMIT = 2 * 1024 * 1024
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

/** Bytes of array buffers and of V8's used heap. */
export interface Usage {
  buffers: number
  heap: number
}

export interface GarbageOptions {
  /** Array buffer growth that asks for a collection. */
  limit?: number
  /** Used heap growth that asks for a collection. */
  heapLimit?: number
  collect?: Collect
  idleAfterMs?: number
  idleCheckMs?: number
  /** Memory in use now; tests give their own. */
  measure?: () => Usage
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
 * Keeps dead Buffers and promoted garbage from piling up in a serving process. Every byte the
 * proxy moves passes through a Buffer (socket reads, file reads, inflated zip entries), and one
 * that is still in flight at a young-generation collection is promoted: only a full collection
 * frees it, and V8 starts one on its own only after external memory has grown by about 64 MB.
 * So: a concurrent full collection whenever array buffers have grown by `limit`, or the used heap
 * by `heapLimit`, since the last one. Measured from where the last one left them, not from zero,
 * so that memory still alive (sockets, zip checks in progress, code loaded since) never makes it
 * collect again and again for nothing. Does nothing when this V8 cannot expose its collector.
 */
export function boundBufferGarbage(options: GarbageOptions = {}): Governor {
  const {
    limit = GARBAGE_LIMIT,
    heapLimit = HEAP_GARBAGE_LIMIT,
    idleAfterMs = IDLE_AFTER_MS,
    idleCheckMs = IDLE_CHECK_MS,
  } = options
  const collect = options.collect ?? collector()
  const measure = options.measure ?? usage
  if (!collect) return { stop: () => {}, checkEveryMs: () => 0 }
  let running = false
  let floor = measure()
  let last = floor.buffers
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
    if (now.buffers !== last) {
      last = now.buffers
      wake()
    } else if (Date.now() - movedAt >= idleAfterMs) {
      checkEvery(idleCheckMs)
    }
    // The lowest counts since the last collection: a collection's sweep frees memory a little
    // after it reports done.
    floor = { buffers: Math.min(floor.buffers, now.buffers), heap: Math.min(floor.heap, now.heap) }
    if (now.buffers - floor.buffers <= limit && now.heap - floor.heap <= heapLimit) return
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
function usage(): Usage {
  const m = process.memoryUsage()
  return { buffers: m.arrayBuffers, heap: m.heapUsed }
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
