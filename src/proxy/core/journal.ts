import { appendFileSync } from 'node:fs'
import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'

/** The file kinds a journal line names. */
export type JournalFile = 'info' | 'mod' | 'zip'

/** One journal line, as docs/design.md lists them (the action's post step reads these). */
export type JournalEvent =
  | {
      event: 'serve'
      module: string
      version: string
      file: JournalFile
      source: 'store' | 'upstream'
      bytes: number
      ms: number
    }
  | {
      event: 'fetch'
      module: string
      version: string
      file: JournalFile
      reason: 'request' | 'prefetch'
      bytes: number
      ms: number
    }
  | { event: 'refuse'; module: string; version: string; file: JournalFile; reason: string }

/** Where journal events go; `record` never throws and never waits for the disk. */
export interface Journal {
  record(event: JournalEvent): void
  flush(): Promise<void>
  close(): Promise<void>
}

/** A journal that keeps nothing (no journal file configured). */
export const nullJournal: Journal = {
  record() {},
  async flush() {},
  async close() {},
}

/**
 * A JSONL journal appended to `file`. Lines are buffered and appended every `flushMs` and on
 * close, so serving a file never waits for the journal; a process killed hard loses at most
 * the last interval. `onError` hears about a failed append (the proxy logs it and serves on).
 */
export function fileJournal(
  file: string,
  opts: { flushMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
): Journal {
  const now = opts.now ?? Date.now
  let buffered: string[] = []
  let writing: Promise<void> = Promise.resolve()
  let closed = false
  let dirReady: Promise<unknown> | undefined

  const flush = (): Promise<void> => {
    if (buffered.length === 0) return writing
    const text = buffered.join('')
    buffered = []
    dirReady ??= mkdir(path.dirname(file), { recursive: true })
    // Appends are chained so lines keep their order even when flushes overlap.
    writing = writing
      .then(() => dirReady)
      .then(() => appendFile(file, text))
      .catch((err: unknown) => opts.onError?.(err))
    return writing
  }
  const timer = setInterval(() => void flush(), opts.flushMs ?? 1000)
  timer.unref()
  // A process exiting without close() (an uncaught error, process.exit) still writes its lines.
  const onExit = (): void => {
    if (buffered.length === 0) return
    try {
      appendFileSync(file, buffered.join(''))
    } catch {
      // Nothing left to tell at exit; the journal is best-effort then.
    }
    buffered = []
  }
  process.once('exit', onExit)

  return {
    record(event) {
      if (closed) return
      buffered.push(JSON.stringify({ ...event, time: new Date(now()).toISOString() }) + '\n')
    },
    flush,
    async close() {
      if (closed) return writing
      closed = true
      clearInterval(timer)
      process.removeListener('exit', onExit)
      return flush()
    },
  }
}
