import * as core from '../action/workflow.js'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { streamingCache } from './v2/index.js'
import { linkEntry } from '../entry/linkdir.js'
import { inWorkspace, libraryBundle } from '../action/paths.js'

/** What a cache call came to: `failed` when the service misbehaved (the library has said so once). */
export interface CacheOutcome<T> {
  value: T
  failed: boolean
}

/** A small file an entry holds beside the store's files: its name at the entry's top, its text. */
export interface ExtraFile {
  name: string
  text: string
}

/** The seam around @actions/cache, so tests and the policy code need no module mocks. */
export interface CacheProvider {
  /** The matched key (undefined on a miss); with lookupOnly nothing is downloaded. */
  restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    lookupOnly: boolean,
  ): Promise<CacheOutcome<string | undefined>>
  /**
   * Saves `files` under `root` as if they were under `path` (an entry made from the store), and
   * `extra` as a file of its own at the top of `path` (a layer's manifest): the entry id, or -1 when
   * not saved (key exists: an info line; or a failure: a warning).
   */
  saveFiles(
    root: string,
    files: string[],
    path: string,
    key: string,
    extra?: ExtraFile,
  ): Promise<CacheOutcome<number>>
  /**
   * Takes `key` (under `path`'s version) so that no other job can save it, leaving nothing useful
   * there: true when this job got it. The streaming client only reserves the key; the library can
   * only save, so it saves a one-line file.
   */
  reserve(path: string, key: string): Promise<CacheOutcome<boolean>>
  /** The Actions cache service is configured for this job. */
  available(): Promise<boolean>
}

// Entries hold GOPROXY-layout files, identical on every OS, so every job shares them.
const CROSS_OS = true

// @actions/cache, with the Azure SDK under it, is its own bundle (cache-library.ts): neither step
// parses it unless the library does the work (main started 0.1 s sooner without it, measured on a
// 2-core machine). Run from the sources (tests), the package itself is imported.
let library: Promise<typeof import('@actions/cache')> | undefined
const cache = (): Promise<typeof import('@actions/cache')> =>
  (library ??= import(/* webpackIgnore: true */ libraryModule()) as Promise<typeof import('@actions/cache')>)

function libraryModule(): string {
  return import.meta.url.endsWith('.ts') ? '@actions/cache' : pathToFileURL(libraryBundle()).href
}

/**
 * The real cache: the streaming v2 client where it applies (cache/v2/index.ts), else @actions/cache.
 * Chosen on first use, from the step's environment.
 */
export const actionsCache: CacheProvider = {
  restore: (...args) => chosen().restore(...args),
  saveFiles: (...args) => chosen().saveFiles(...args),
  reserve: (...args) => chosen().reserve(...args),
  available: () => chosen().available(),
}

let provider: CacheProvider | undefined
function chosen(): CacheProvider {
  if (provider === undefined) {
    const streaming = streamingCache(process.env)
    core.debug(`cache client: ${streaming ? 'streaming v2' : '@actions/cache'}`)
    provider = streaming ?? libraryCache
  }
  return provider
}

/** The cache through @actions/cache. */
export const libraryCache: CacheProvider = {
  restore: async (paths, primaryKey, restoreKeys, lookupOnly) => {
    const { restoreCache } = await cache()
    return watch(() => restoreCache(paths, primaryKey, restoreKeys, { lookupOnly }, CROSS_OS), undefined)
  },
  // The library archives paths: the files are linked under `path` first.
  saveFiles: async (root, files, path, key, extra) => {
    const dir = inWorkspace(path)
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
    const dir = inWorkspace(path)
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

async function librarySave(paths: string[], key: string): Promise<CacheOutcome<number>> {
  const { saveCache } = await cache()
  return watch(() => saveCache(paths, key, {}, CROSS_OS), -1)
}

/**
 * Runs a library call and notes whether it reported a warning or error. @actions/cache swallows
 * service failures after logging one line; we still need to know, so that later calls in this job
 * are skipped instead of repeating the same failure (and its retries).
 */
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
    // Only ValidationError is thrown (a bad key or path): our bug, not the service's. Degrade.
    process.stdout.write = write
    console.log(`::warning::go-mod-cache: cache call rejected: ${String(error)}`)
    return { value: fallback, failed: true }
  } finally {
    process.stdout.write = write
  }
}
