import * as core from '../../runner/workflow.js'
import { createHash } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import type { CacheEnv, CacheOutcome, CacheProvider, ExtraFile } from '../provider.js'
import type { CacheMode } from '../mode.js'
import { archiver, extractor } from './archive.js'
import { download, SEGMENT, upload, type Progress } from './blob.js'
import { DEFAULT_STALL_MS, failedLine, StallError, stalledLine, watchStall } from '../stall.js'
import { denied, HURRIED, PATIENT, RATE_LIMIT_BUDGET_MS, ServiceError, twirp, type Service } from './twirp.js'

/**
 * The v2 client that streams (extract while downloading, upload while archiving, reserve the key
 * first), in the library's format and version. Undefined where the library must do the work: v1
 * (GHES), an HTTP proxy, no zstd, or not Linux.
 */
export function streamingCache(env: CacheEnv, options: Options = {}): CacheProvider | undefined {
  const service = serviceOf(env)
  if (service === undefined || process.platform !== 'linux') return undefined
  if (env.httpProxy) return undefined
  if (!['tar', 'zstd'].every((tool) => onPath(tool, env.path))) return undefined
  // As in the library, ACTIONS_CACHE_MODE can forbid either side.
  const client: Client = {
    service,
    workspace: env.workspace,
    mode: env.mode,
    options: { blockBytes: blockBytesOf(env.uploadBlockBytes), ...options },
  }
  return {
    restore: (paths, primaryKey, restoreKeys, lookupOnly) =>
      restore(client, paths, primaryKey, restoreKeys, lookupOnly),
    saveFiles: (root, files, path, key, extra) => save(client, root, files, path, key, extra),
    reserve: (path, key) => reserve(client, path, key),
    available: () => Promise.resolve(true),
  }
}

/** What every call of one step's client shares. */
interface Client {
  service: Service
  /** Where entry paths are relative to, as the library takes them. */
  workspace: string
  mode: CacheMode
  options: Options
}

/** Test hooks. */
export interface Options {
  /** Ranged GETs from any host, not only Azure's (the emulated service is on 127.0.0.1). */
  rangedDownloads?: boolean
  /** Bytes per uploaded block, at most the default (SEGMENT). */
  blockBytes?: number
  /** A restore without progress for this long is abandoned (default DEFAULT_STALL_MS). */
  stallMs?: number
}

/**
 * GO_MOD_CACHE_UPLOAD_BLOCK_BYTES: smaller upload blocks, so that the end-to-end tests upload small
 * entries in many blocks as the built bundles run. Anything else than 1..SEGMENT is ignored.
 */
function blockBytesOf(value: string): number | undefined {
  const bytes = Number(value)
  return Number.isSafeInteger(bytes) && bytes > 0 && bytes <= SEGMENT ? bytes : undefined
}

// The library's rule: the storage SDK's parallel ranged download for Azure hosts only.
function ranged(url: string, options: Options): boolean {
  return options.rangedDownloads ?? new URL(url).hostname.endsWith('.blob.core.windows.net')
}

/** The version the library gives these paths with zstd and enableCrossOsArchive (FACTS §4). */
export function cacheVersion(paths: string[]): string {
  return createHash('sha256')
    .update([...paths, 'zstd-without-long', '1.0'].join('|'))
    .digest('hex')
}

// The library's rule: v2 when ACTIONS_CACHE_SERVICE_V2 is set and the server is not GHES.
function serviceOf(env: CacheEnv): Service | undefined {
  if (!env.serviceV2 || !env.resultsUrl || !env.runtimeToken) return undefined
  let host: string
  try {
    host = new URL(env.serverUrl).hostname.toLowerCase()
  } catch {
    return undefined
  }
  if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')) return undefined
  return {
    resultsUrl: env.resultsUrl,
    token: env.runtimeToken,
    rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS,
  }
}

async function restore(
  { service, workspace, mode, options }: Client,
  paths: string[],
  primaryKey: string,
  restoreKeys: string[],
  lookupOnly: boolean,
): Promise<CacheOutcome<string | undefined>> {
  if (!mode.read) {
    core.info(`Cache restore skipped: the effective cache-mode does not permit reads.`)
    return { value: undefined, failed: false }
  }
  const bad = [primaryKey, ...restoreKeys].map(keyProblem).find((p) => p !== undefined)
  if (bad !== undefined || restoreKeys.length > 9) {
    core.warning(`Failed to restore: ${bad ?? 'keys are limited to 10'}`)
    return { value: undefined, failed: true }
  }
  try {
    // A restore fails fast (the job waits on it); a lookup before a save is as patient as the save.
    const found = await twirp<{ ok?: boolean; signed_download_url?: string; matched_key?: string }>(
      service,
      'GetCacheEntryDownloadURL',
      { key: primaryKey, restore_keys: restoreKeys, version: cacheVersion(paths) },
      lookupOnly ? PATIENT : HURRIED,
    )
    if (!found.ok || !found.matched_key || !found.signed_download_url)
      return { value: undefined, failed: false }
    maskSignature(found.signed_download_url)
    const matched = found.matched_key
    core.info(matched === primaryKey ? `Cache hit for: ${matched}` : `Cache hit for restore-key: ${matched}`)
    if (lookupOnly) return { value: matched, failed: false }
    const size = await extract(found.signed_download_url, workspace, paths, options)
    core.info(`Cache Size: ~${Math.round(size / (1 << 20))} MB (${size} B), extracted while it downloaded`)
    core.info('Cache restored successfully')
    return { value: matched, failed: false }
  } catch (error) {
    // A token that may not read (FACTS §7) is expected: a miss, said as info.
    if (error instanceof ServiceError && error.kind === 'denied') {
      core.info(`Cache restore skipped: ${error.message}`)
      return { value: undefined, failed: false }
    }
    report('restore', error)
    return { value: undefined, failed: true }
  }
}

/**
 * Downloads and extracts an entry at once, abandoned after `stallMs` without progress. A failure
 * leaves none of `paths` behind: tar writes files in place, so the last one would be half there.
 */
async function extract(url: string, workspace: string, paths: string[], options: Options): Promise<number> {
  const tar = extractor(workspace)
  const progress: Progress = { bytes: 0 }
  const cut = new AbortController()
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS
  const watch = watchStall(
    () => progress.bytes,
    stallMs,
    (s) => stalledLine(s, progress.bytes, progress.total),
  )
  const work = Promise.all([
    download(url, tar.stream, ranged(url, options), { progress, signal: cut.signal }).finally(() =>
      tar.stream.end(),
    ),
    tar.done,
  ])
  work.catch(() => undefined)
  try {
    const [size] = await Promise.race([work, watch.stalled])
    return size
  } catch (error) {
    cut.abort(error)
    tar.kill()
    await tar.done.catch(() => undefined)
    await Promise.all(paths.map((p) => rm(resolve(workspace, p), { recursive: true, force: true })))
    if (error instanceof StallError) throw error
    throw new Error(failedLine(progress.bytes, progress.total, (error as Error).message), { cause: error })
  } finally {
    watch.stop()
  }
}

async function save(
  { service, mode, options }: Client,
  root: string,
  files: string[],
  path: string,
  key: string,
  extra?: ExtraFile,
): Promise<CacheOutcome<number>> {
  const bad = keyProblem(key)
  if (bad !== undefined) {
    core.warning(`Failed to save: ${bad}`)
    return { value: -1, failed: true }
  }
  if (!mode.write) {
    core.info(`Cache save skipped: the effective cache-mode does not permit writes.`)
    return { value: -1, failed: false }
  }
  const version = cacheVersion([path])
  try {
    // Reserved first: a key another job holds costs no archive work.
    const uploadUrl = await create(service, key, version)
    const extraDir = extra ? await writeExtra(extra) : undefined
    let size: number
    try {
      const tar = archiver(
        root,
        files,
        path,
        extraDir && extra ? { dir: extraDir, name: extra.name } : undefined,
      )
      try {
        ;[size] = await Promise.all([upload(uploadUrl, tar.stream, options.blockBytes), tar.done])
      } catch (error) {
        tar.kill()
        throw error
      }
    } finally {
      if (extraDir) await rm(extraDir, { recursive: true, force: true })
    }
    const finalized = await twirp<{ ok?: boolean; entry_id?: string; message?: string }>(
      service,
      'FinalizeCacheEntryUpload',
      { key, version, size_bytes: String(size) },
    )
    if (!finalized.ok) throw new ServiceError(`finalizing failed: ${finalized.message ?? 'not ok'}`, 'final')
    core.info(
      `Cache saved with key: ${key} (~${Math.round(size / (1 << 20))} MB, uploaded while it was archived)`,
    )
    return { value: Number(finalized.entry_id ?? 0), failed: false }
  } catch (error) {
    return { value: -1, failed: failure('save', key, error) }
  }
}

// A reservation that is never uploaded keeps its key from every later save, so only keys that are
// never saved for real are reserved this way (save.ts's per-run claim); the reservation is all
// that is wanted of them.
async function reserve({ service, mode }: Client, path: string, key: string): Promise<CacheOutcome<boolean>> {
  const bad = keyProblem(key)
  if (bad !== undefined) {
    core.warning(`Failed to reserve: ${bad}`)
    return { value: false, failed: true }
  }
  if (!mode.write) return { value: false, failed: false }
  try {
    await create(service, key, cacheVersion([path]))
    return { value: true, failed: false }
  } catch (error) {
    return { value: false, failed: failure('reserve', key, error) }
  }
}

// The extra file in a directory of its own, for tar to read beside the store's files.
async function writeExtra(extra: ExtraFile): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'go-mod-cache-extra-'))
  await writeFile(join(dir, extra.name), extra.text)
  return dir
}

/** Reserves `key`: the signed URL to upload its archive to. */
async function create(service: Service, key: string, version: string): Promise<string> {
  const created = await twirp<{ ok?: boolean; signed_upload_url?: string; message?: string }>(
    service,
    'CreateCacheEntry',
    { key, version },
  )
  if (!created.ok || !created.signed_upload_url) {
    // As the library reads it: no reason means another job holds the key (a self-hosted server's
    // open reservation), a read-only token's reason is expected, and any other reason is a failure.
    const reason = created.message ?? ''
    if (reason === '') throw new ServiceError('CreateCacheEntry was not ok', 'conflict')
    if (denied(reason)) throw new ServiceError(reason, 'denied')
    throw new ServiceError(`cache reservation failed: ${reason}`, 'final')
  }
  maskSignature(created.signed_upload_url)
  return created.signed_upload_url
}

// One line, as the library gives it: a warning, whatever failed; the job goes on uncached.
function report(what: 'restore' | 'save' | 'reserve', error: unknown): void {
  core.warning(`Failed to ${what}: ${(error as Error).message}`)
}

// A key another job holds (409, or not ok without a reason) is said as the library says it, as
// info; so is a token that may not write. True when the service failed.
function failure(what: 'save' | 'reserve', key: string, error: unknown): boolean {
  if (error instanceof ServiceError && error.kind === 'conflict') {
    core.info(
      `Failed to ${what}: Unable to reserve cache with key ${key}, another job may be creating this cache.`,
    )
    return false
  }
  if (error instanceof ServiceError && error.kind === 'denied') {
    core.info(`Failed to ${what}: Unable to reserve cache with key ${key}. More details: ${error.message}`)
    return false
  }
  report(what, error)
  return true
}

// The library's key rules (FACTS §4).
function keyProblem(key: string): string | undefined {
  if (key.length > 512) return `key ${key.slice(0, 40)}... is longer than 512 characters`
  if (key.includes(',')) return `key ${key} contains a comma`
  return undefined
}

// The signature is a credential for the entry: masked before anything could log the URL.
function maskSignature(url: string): void {
  const sig = new URL(url).searchParams.get('sig')
  if (sig) {
    core.setSecret(sig)
    core.setSecret(encodeURIComponent(sig))
  }
}

function onPath(tool: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    if (dir === '') return false
    try {
      accessSync(join(dir, tool), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}
