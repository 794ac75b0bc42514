// A restore that stops making progress is abandoned within a bound, and said in one line: a hung
// download must not hold a job for minutes when the proxy can fetch what the entry held.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Default: abandon a restore after this long without progress. */
export const DEFAULT_STALL_MS = 30_000

/** Why a restore was abandoned: no progress for the bound. */
export class StallError extends Error {}

/** A running watch: `stalled` rejects with a StallError once progress stops; stop() ends it. */
export interface StallWatch {
  stalled: Promise<never>
  stop(): void
}

/**
 * Watches `progress` (any number that grows while work goes on) and rejects `stalled` when it
 * has not moved for `stallMs`; `line(seconds)` words the error. The timer never holds the process.
 */
export function watchStall(
  progress: () => number,
  stallMs: number,
  line: (seconds: number) => string,
): StallWatch {
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<never>((_resolve, reject) => {
    let last = progress()
    let movedAt = Date.now()
    timer = setInterval(
      () => {
        const now = progress()
        if (now !== last) {
          last = now
          movedAt = Date.now()
        } else if (Date.now() - movedAt >= stallMs) {
          clearInterval(timer)
          reject(new StallError(line(Math.round((Date.now() - movedAt) / 1000))))
        }
      },
      Math.max(20, Math.min(1000, stallMs / 5)),
    )
    timer.unref()
  })
  // Whoever races it may have settled already: a late stall is nobody's unhandled rejection.
  stalled.catch(() => undefined)
  return { stalled, stop: () => clearInterval(timer) }
}

/** Bytes as MB with one decimal, as the lines below show them. */
export function mb(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(1)
}

/** "restore stalled after N s at X of Y MB: continuing uncached" (Y unknown: "of ? MB"). */
export function stalledLine(seconds: number, bytes: number, total: number | undefined): string {
  return `restore stalled after ${seconds} s at ${mb(bytes)} of ${total === undefined ? '?' : mb(total)} MB: continuing uncached`
}

/** A restore that failed part way: what it got versus what was expected, and why. */
export function failedLine(bytes: number, total: number | undefined, why: string): string {
  const of = total === undefined ? '' : ` of ${mb(total)}`
  return `restore failed at ${mb(bytes)}${of} MB (${why}): continuing uncached`
}

/**
 * A reader of the bytes this process has read and written (Linux /proc/self/io: sockets and files
 * alike), less its own reads of that file; undefined where it cannot be read. The @actions/cache
 * path's only view of a download it runs inside the library.
 */
export function processIo(): (() => { read: number; written: number }) | undefined {
  let own = 0
  const read = (): { read: number; written: number } => {
    const text = readFileSync('/proc/self/io', 'utf8')
    const rchar = Number(/^rchar: (\d+)$/m.exec(text)?.[1])
    const wchar = Number(/^wchar: (\d+)$/m.exec(text)?.[1])
    if (!Number.isFinite(rchar) || !Number.isFinite(wchar)) throw new Error('no rchar/wchar')
    // This read shows in the next one's rchar.
    const bytes = { read: rchar - own, written: wchar }
    own += Buffer.byteLength(text)
    return bytes
  }
  try {
    read()
  } catch {
    return undefined
  }
  return read
}

/** Bytes of the regular files under `paths` (absent: 0), for an extraction's progress. */
export function bytesUnder(paths: string[]): number {
  let total = 0
  const walk = (path: string): void => {
    const st = statSync(path, { throwIfNoEntry: false })
    if (st?.isFile()) total += st.size
    else if (st?.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  for (const path of paths) walk(path)
  return total
}
