import * as core from '../runner/workflow.js'
import { createHash } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CacheProvider } from '../cache/index.js'
import { FILE_CONCURRENCY } from '../entry/fs.js'
import { mapLimited } from '../proxy/index.js'
import {
  baseFiles,
  LAYER_FILE,
  layerKeyOf,
  planLayer,
  restoreLayer,
  type Base,
  type EntryKind,
} from '../entry/layer.js'
import type { GoBuildEnv } from './goenv.js'
import { isCacheFile, isIndexAction, listCacheFiles } from './layout.js'
import { moveIntoGoCache } from './restore.js'
import { othersSince } from './sharers.js'
import { usedFromJournal, usedSince } from './usage.js'

/** Build cache entries: saved from GOCACHE, named as under this workspace path. */
export const BUILD_ENTRY: EntryKind = { path: '.go-build-cache-entry', isFile: isCacheFile }

/**
 * The key every build cache entry of this platform and Go version starts with; the restore key
 * reaches the newest of them, whatever the dependency set, so a bump recompiles only its dependents.
 */
export function buildKeyPrefix(
  keyPrefix: string,
  go: Pick<GoBuildEnv, 'goos' | 'goarch' | 'version'>,
): string {
  return `${keyPrefix}-build-${keyPart(go.goos)}-${keyPart(go.goarch)}-${keyPart(go.version)}-`
}

/**
 * The prefixes a job restores by, its own first: a scope (a matrix entry's name, say) keeps each
 * job's newest entry its own, so matrix jobs that build different packages do not restore each
 * other's; without one of its own yet, a job takes the newest of any scope.
 */
export function buildRestorePrefixes(prefix: string, scope: string): [string, ...string[]] {
  return scope === '' ? [prefix] : [`${prefix}${keyPart(scope)}-`, prefix]
}

// What a key can hold of any text: no commas, no spaces, nothing a cache server might refuse.
const keyPart = (s: string): string => s.replace(/[^A-Za-z0-9._]+/g, '_')

/** An entry's key names its content: matrix siblings that used the same outputs share one. */
export function buildKey(prefix: string, used: Iterable<string>): string {
  const hash = createHash('sha256')
    .update([...used].sort().join('\n'))
    .digest('hex')
  return `${prefix}${hash.slice(0, 40)}`
}

/** What main hands to post about the build cache. */
export interface BuildCacheState {
  gocache: string
  prefix: string
  /** 'dir': usage from mtimes; 'prog': from the GOCACHEPROG journal. */
  mode: 'dir' | 'prog'
  journal: string
  /** Files used from this time on count as this job's. */
  since: number
  matchedKey: string
  /** A JSON list of the restored files ([relative path, size] pairs). */
  restoredList: string
  base?: Base
  /** Bytes the restore brought into GOCACHE. */
  restoredBytes: number
  /** This job's mark in GOCACHE (sharers.ts), while it uses it. */
  mark?: string
}

/**
 * Restores into GOCACHE the newest entry of the first of `prefixes` that has one; a cache failure
 * leaves the job uncached.
 */
export async function restoreBuildCache(
  cache: CacheProvider,
  workspace: string,
  prefixes: [string, ...string[]],
  gocache: string,
  dir: string,
): Promise<
  Pick<BuildCacheState, 'matchedKey' | 'restoredList' | 'base' | 'restoredBytes'> & {
    failed: boolean
    files: number
  }
> {
  const entryDir = join(workspace, BUILD_ENTRY.path)
  const restoredList = join(dir, 'build-restored.json')
  await rm(entryDir, { recursive: true, force: true })
  await writeFile(restoredList, '[]')
  const outcome = await cache.restore([BUILD_ENTRY.path], prefixes[0], prefixes, false)
  const matchedKey = outcome.value ?? ''
  if (!matchedKey) return { matchedKey, restoredList, restoredBytes: 0, files: 0, failed: outcome.failed }
  // Listed once: the listing serves the layer's bookkeeping and the move, unless a base joins it.
  const listed = await listCacheFiles(entryDir)
  const sizes = new Map([...listed].map(([rel, info]) => [rel, info.size]))
  const baseFile = join(dir, 'build-base.json')
  const layered = await restoreLayer(cache, entryDir, matchedKey, baseFile, BUILD_ENTRY, sizes)
  const joined = layered.base !== undefined && layered.base.key !== matchedKey
  const into = await moveIntoGoCache(entryDir, gocache, joined ? {} : { entry: listed })
  await writeFile(restoredList, JSON.stringify([...into.files]))
  return {
    matchedKey,
    restoredList,
    restoredBytes: into.bytes,
    files: into.files.size,
    failed: outcome.failed || layered.failed,
    ...(layered.base ? { base: layered.base } : {}),
  }
}

/** What post did with the build cache. */
export interface BuildSaved {
  key: string
  reason: string
  /** Cache files the job used or produced. */
  used: number
  /** Of those, action entries: one per compile, link or test run the job needed. */
  actions: number
  /** Actions (compiles, links, test runs) this job did itself: used, but not restored. */
  fresh: number
  bytes: number
  layer?: { base: string; files: number; bytes: number }
  /** Jobs of other runners that used GOCACHE meanwhile: the times did not tell this job's use. */
  shared?: number
}

/**
 * Saves exactly what this job used and produced, when it produced anything: a layer of the new
 * files on the restored base while they are few, else a whole entry.
 */
export async function saveBuildCache(state: BuildCacheState, cache: CacheProvider): Promise<BuildSaved> {
  const used =
    state.mode === 'prog'
      ? await usedFromJournal(state.gocache, state.journal)
      : await usedSince(state.gocache, state.since)
  // Asked after the times are read: a job that touched GOCACHE before then had marked it first.
  const shared = state.mode === 'dir' && state.mark ? await othersSince(state.gocache, state.mark) : 0
  if (shared > 0) {
    const reason = `${shared} job(s) of other runners used GOCACHE meanwhile, whose use its times do not tell from this job's (build-cache: gocacheprog does)`
    core.info(`Not saving the build cache: ${reason}`)
    return { key: '', reason, used: 0, actions: 0, fresh: 0, bytes: 0, shared }
  }
  const restored = new Map(
    JSON.parse(await readFile(state.restoredList, 'utf8').catch(() => '[]')) as [string, number][],
  )
  // New actions are what is new: the go command may rewrite an output of an action it had
  // (a directory listing, say), which alone is no reason to save; nor is a new package index.
  const fresh = await freshActions(state.gocache, used, restored)
  const actions = [...used.keys()].filter((rel) => rel.endsWith('-a')).length
  const counts = { used: used.size, actions, fresh: fresh.length, bytes: 0 }
  if (used.size === 0) return { key: '', reason: 'nothing was built', ...counts }
  if (fresh.length === 0) return { key: '', reason: 'nothing new was built', ...counts }
  const key = buildKey(state.prefix, used.keys())
  const lookup = await cache.restore([BUILD_ENTRY.path], key, [layerKeyOf(key)], true)
  if (lookup.failed) return { key: '', reason: 'the cache service failed', ...counts }
  if (lookup.value) return { key: '', reason: 'saved by another job', ...counts }
  const layer = state.base
    ? await planLayer(state.base, await baseFiles(state.base), [...used.keys()], state.gocache).catch(
        () => undefined,
      )
    : undefined
  const savedKey = layer ? layerKeyOf(key) : key
  const files = layer?.files ?? [...used.keys()]
  const bytes = layer?.bytes ?? [...used.values()].reduce((a, b) => a + b, 0)
  const manifest = layer ? { name: LAYER_FILE, text: JSON.stringify(layer.layer) } : undefined
  const outcome = await cache.saveFiles(state.gocache, files, BUILD_ENTRY.path, savedKey, manifest)
  if (outcome.value === -1)
    return {
      key: '',
      reason: outcome.failed ? 'the cache service failed' : 'saved by another job',
      ...counts,
    }
  core.info(
    `Saved ${savedKey}: ${files.length} build cache files, ${bytes} bytes` +
      (layer ? ` on ${layer.layer.base}` : ''),
  )
  return {
    key: savedKey,
    reason: 'saved',
    ...counts,
    bytes,
    ...(layer ? { layer: { base: layer.layer.base, files: layer.files.length, bytes: layer.bytes } } : {}),
  }
}

// Compiles, links and test runs this job did itself: action entries it used that were not restored.
async function freshActions(
  gocache: string,
  used: Map<string, number>,
  restored: Map<string, number>,
): Promise<string[]> {
  const candidates = [...used.keys()].filter((rel) => rel.endsWith('-a') && !restored.has(rel))
  const indexes = await mapLimited(candidates, FILE_CONCURRENCY, (rel) => isIndexAction(gocache, rel))
  return candidates.filter((_, i) => !indexes[i])
}
