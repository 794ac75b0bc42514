import * as core from '../runner/workflow.js'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { linkEntry } from './linkdir.js'
import {
  bytesUnder,
  DEFAULT_STALL_MS,
  failedLine,
  processIo,
  StallError,
  stalledLine,
  watchStall,
} from './stall.js'
import type { CacheOutcome, CacheProvider } from './provider.js'

// Entries hold GOPROXY-layout files, identical on every OS, so every job shares them.
const CROSS_OS = true

// @actions/cache and the Azure SDK under it are a bundle of their own (library.ts), parsed only
// when the library does the work. Run from the sources (tests), the package itself is imported.
let library: Promise<typeof import('@actions/cache')> | undefined
const cache = (): Promise<typeof import('@actions/cache')> =>
  (library ??= import(/* webpackIgnore: true */ libraryModule()) as Promise<typeof import('@actions/cache')>)

function libraryModule(): string {
  return import.meta.url.endsWith('.ts') ? '@actions/cache' : pathToFileURL(libraryBundle()).href
}

/** @actions/cache's bundle beside this bundle: dist/post/index.js -> dist/cache/index.js. */
export function libraryBundle(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'cache', 'index.js')
}

/** The cache through @actions/cache; entry paths are relative to `workspace`, as the library takes them. */
export function libraryCache(workspace: string, options: { stallMs?: number } = {}): CacheProvider {
  return {
    restore: async (paths, primaryKey, restoreKeys, lookupOnly) => {
      const { restoreCache } = await cache()
      const call = (): Promise<string | undefined> =>
        restoreCache(paths, primaryKey, restoreKeys, { lookupOnly }, CROSS_OS)
      const dests = paths.map((p) => resolve(workspace, p))
      const seen: Seen = { bytes: 0, stalled: false }
      const outcome = await watch(
        () => (lookupOnly ? call() : stallBounded(call, dests, options, seen)),
        undefined,
      )
      // The library says only its error ("aborted"): add what it got before it gave up.
      if (!lookupOnly && outcome.failed && outcome.value === undefined && !seen.stalled)
        core.info(failedLine(seen.bytes, undefined, 'the library gave up, see above'))
      return outcome
    },
    // The library archives paths: the files are linked under `path` first.
    saveFiles: async (root, files, path, key, extra) => {
      const dir = resolve(workspace, path)
      try {
        await linkEntry(root, files, dir)
        if (extra) await writeFile(join(dir, extra.name), extra.text)
        return await librarySave([path], key)
      } catch (error) {
        core.warning(`Failed to save: ${(error as Error).message}`)
        return { value: -1, failed: true }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    reserve: async (path, key) => {
      const dir = resolve(workspace, path)
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, 'claim'), `${key}\n`)
      try {
        const saved = await librarySave([path], key)
        return { value: saved.value !== -1, failed: saved.failed }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    available: async () => (await cache()).isFeatureAvailable(),
  }
}

/** What a bounded restore saw: bytes it got, and whether it was abandoned as stalled. */
interface Seen {
  bytes: number
  stalled: boolean
}

/**
 * The library's restore, abandoned after `stallMs` without progress: it cannot be cancelled, so it
 * is raced, its progress read from outside (this process's I/O while it downloads, the files under
 * `dests` while tar extracts). Abandoned, `dests` are removed: nothing half-extracted is used.
 * Where /proc/self/io is missing (not Linux) it runs unbounded, with the library's own timeouts.
 */
async function stallBounded(
  call: () => Promise<string | undefined>,
  dests: string[],
  options: { stallMs?: number },
  seen: Seen,
): Promise<string | undefined> {
  const io = processIo()
  if (io === undefined) return call()
  const start = io()
  let extracted = 0
  let saw = start
  const progress = (): number => {
    const now = io()
    // Only when the process is idle: tar (a child) may be extracting.
    if (now.read === saw.read && now.written === saw.written) extracted = bytesUnder(dests)
    saw = now
    return now.read + now.written + extracted
  }
  // What it got: the archive written so far, or what tar extracted (the library knows the size).
  const got = (): number => (seen.bytes = Math.max(saw.written - start.written, extracted))
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS
  const watchdog = watchStall(progress, stallMs, (s) => stalledLine(s, got(), undefined))
  const work = call()
  work.catch(() => undefined)
  try {
    return await Promise.race([work, watchdog.stalled])
  } catch (error) {
    seen.stalled = error instanceof StallError
    if (seen.stalled) await Promise.all(dests.map((d) => rm(d, { recursive: true, force: true })))
    throw error
  } finally {
    got()
    watchdog.stop()
  }
}

async function librarySave(paths: string[], key: string): Promise<CacheOutcome<number>> {
  const { saveCache } = await cache()
  return watch(() => saveCache(paths, key, {}, CROSS_OS), -1)
}

// @actions/cache logs a service failure and swallows it; we watch for that line, so later calls
// in this job are skipped instead of repeating the failure and its retries.
async function watch<T>(call: () => Promise<T>, fallback: T): Promise<CacheOutcome<T>> {
  const write = process.stdout.write
  let failed = false
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === 'string' && /^::(warning|error)(::| )/m.test(chunk)) failed = true
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
  } as typeof process.stdout.write
  try {
    return { value: await call(), failed }
  } catch (error) {
    process.stdout.write = write
    if (error instanceof StallError) {
      core.warning(`Failed to restore: ${error.message}`)
      return { value: fallback, failed: true }
    }
    // Otherwise only ValidationError is thrown (a bad key or path): our bug, not the service's. Degrade.
    console.log(`::warning::go-mod-cache: cache call rejected: ${String(error)}`)
    return { value: fallback, failed: true }
  } finally {
    process.stdout.write = write
  }
}
