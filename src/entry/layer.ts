import * as core from '../runner/workflow.js'
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { CacheProvider } from '../cache/index.js'
import { ENTRY_PATH } from './paths.js'
import { isEntryFile, walk } from './restore.js'

/** What main leaves post about the module entry (the action's state holds it). */
export interface EntryState {
  /** Primary key, or '' when no dependency file matched (nothing is restored or saved). */
  primaryKey: string
  /** The key the restored entry had, or ''. */
  matchedKey: string
  /** The go.sum lines of the key, as a go.sum-format file written by main. */
  sumFile: string
  /** The proxy's store directory. */
  store: string
  /** The proxy's upstream list, so post can complete the entry after stopping the proxy. */
  upstream?: string
  /** GONOPROXY globs as main read them: post never asks upstream for these modules either. */
  noProxy?: string
  /** GOAUTH as main read it: post's completion finds upstream credentials the same way. */
  goauth?: string
  /** The whole entry restored (itself, or a layer's base), which post may save a layer on. */
  base?: { key: string; files: string }
  /** GOMODCACHE, when the trees in it show what this job's go commands extracted (extracted.ts). */
  modCache?: string
}

/**
 * A layer holds only what its base (always a whole entry; layers never stack) lacks, plus a
 * manifest of the base files to drop: a small change uploads a little, not the whole set again.
 */
export const LAYER_FILE = 'layer.json'

/**
 * The key of a layer of the set `primaryKey` names: `${prefix}-layer-${hash}`. No whole entry's key
 * is a prefix of it, so restoring a base by its key (the service also matches the key as a prefix)
 * can never bring a layer instead.
 */
export function layerKeyOf(primaryKey: string): string {
  const cut = primaryKey.lastIndexOf('-')
  return `${primaryKey.slice(0, cut)}-layer-${primaryKey.slice(cut + 1)}`
}

/** The restored entry is the dependency set's own: its whole entry, or its layer with the base. */
export function exactHit(state: Pick<EntryState, 'primaryKey' | 'matchedKey' | 'base'>): boolean {
  if (state.primaryKey === '') return false
  if (state.matchedKey === state.primaryKey) return true
  return state.matchedKey === layerKeyOf(state.primaryKey) && state.base !== undefined
}

/** Which entries: the workspace path they are saved under, and the files they may hold. */
export interface EntryKind {
  path: string
  isFile(rel: string): boolean
}

/** The module store's entries. */
export const MODULE_ENTRY: EntryKind = { path: ENTRY_PATH, isFile: isEntryFile }

/** A layer's manifest: its base entry's key, and the base files that are not part of it. */
export interface Layer {
  base: string
  drop: string[]
}

/** The whole entry restored as a base: its key, and where the list of its files was written. */
export interface Base {
  key: string
  /** A JSON file of [store-relative path, size] pairs (baseFiles reads it). */
  files: string
}

/** A layer to save: the files beyond the base, their bytes, and the manifest. */
export interface LayerPlan {
  files: string[]
  bytes: number
  layer: Layer
}

// A layer is saved while it adds at most half its base and leaves out at most a quarter of it: past
// that, the restore carries too much that the set no longer needs, and the next layers are better
// built on a whole entry of the new set.
const MAX_ADDED = 1 / 2
const MAX_DROPPED = 1 / 4

/**
 * Completes a restored layer with its base (and drops what it drops); lists the base's files in
 * `listFile` for post's next layer. `base` is undefined when no whole base is there to build on.
 * `listed` is the restored entry's files and sizes when the caller has listed them already;
 * `manifest` is the layer's manifest as read.
 */
export async function restoreLayer(
  cache: CacheProvider,
  entryDir: string,
  matchedKey: string,
  listFile: string,
  kind: EntryKind = MODULE_ENTRY,
  listed?: Map<string, number>,
): Promise<{ base?: Base; failed: boolean; manifest?: string }> {
  const text = await readFile(join(entryDir, LAYER_FILE), 'utf8').catch(() => undefined)
  const own = async (): Promise<Map<string, number>> => listed ?? (await entryFiles(entryDir, kind))
  if (text === undefined) return { base: await recordBase(matchedKey, await own(), listFile), failed: false }
  const layer = parseLayer(text, kind.isFile)
  if (layer === undefined) {
    core.info(`${matchedKey} has a layer manifest this version cannot read: restoring its files alone`)
    return { failed: false, manifest: text }
  }
  const ownFiles = await own()
  const outcome = await cache.restore([kind.path], layer.base, [], false)
  if (outcome.value !== layer.base) {
    if (!outcome.failed)
      core.info(`The base ${layer.base} of ${matchedKey} is gone: the proxy fetches what it held`)
    return { failed: outcome.failed, manifest: text }
  }
  const all = await entryFiles(entryDir, kind)
  const files = new Map([...all].filter(([rel]) => !ownFiles.has(rel)))
  await Promise.all(layer.drop.map((rel) => rm(join(entryDir, rel), { force: true })))
  core.info(
    `Layer ${matchedKey} on ${layer.base}: ${ownFiles.size} files added, ${layer.drop.length} left out`,
  )
  return { base: await recordBase(layer.base, files, listFile), failed: false, manifest: text }
}

/** The manifest, checked: every dropped path must be a file of its kind of entry (no '..', no dot elements). */
export function parseLayer(text: string, isFile: (rel: string) => boolean = isEntryFile): Layer | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { base, drop } = value as Record<string, unknown>
  if (typeof base !== 'string' || base === '' || !Array.isArray(drop)) return undefined
  if (!drop.every((rel): rel is string => typeof rel === 'string' && isFile(rel))) return undefined
  return { base, drop }
}

/** The base's files as restoreLayer listed them: store-relative path to size. */
export async function baseFiles(base: Base): Promise<Map<string, number>> {
  const pairs = JSON.parse(await readFile(base.files, 'utf8')) as [string, number][]
  return new Map(pairs)
}

/**
 * The layer that saves `paths` (the new entry, store-relative) on top of `base`, or undefined when a
 * whole entry should be saved. Sizes of the files beyond the base are read from the store.
 */
export async function planLayer(
  base: Base,
  baseList: Map<string, number>,
  paths: string[],
  store: string,
): Promise<LayerPlan | undefined> {
  let baseBytes = 0
  for (const size of baseList.values()) baseBytes += size
  const wanted = new Set(paths)
  const files = paths.filter((rel) => !baseList.has(rel))
  const drop = [...baseList.keys()].filter((rel) => !wanted.has(rel)).sort()
  let dropped = 0
  for (const rel of drop) dropped += baseList.get(rel) ?? 0
  let bytes = 0
  for (const rel of files) bytes += (await stat(join(store, rel))).size
  if (baseBytes === 0 || bytes > baseBytes * MAX_ADDED || dropped > baseBytes * MAX_DROPPED) return undefined
  return { files, bytes, layer: { base: base.key, drop } }
}

async function recordBase(key: string, files: Map<string, number>, listFile: string): Promise<Base> {
  await writeFile(listFile, JSON.stringify([...files]))
  return { key, files: listFile }
}

// The entry files under dir (store-relative, '/'-separated) and their sizes.
async function entryFiles(dir: string, kind: EntryKind): Promise<Map<string, number>> {
  const { files } = await walk(dir)
  const out = new Map<string, number>()
  await Promise.all(
    files.map(async (file) => {
      const rel = relative(dir, file).split(sep).join('/')
      if (kind.isFile(rel)) out.set(rel, (await stat(file)).size)
    }),
  )
  return out
}
