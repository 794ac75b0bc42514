import * as core from '../runner/workflow.js'
import { readFile } from 'node:fs/promises'
import type { CacheProvider } from '../cache/index.js'
import { completer } from './complete.js'
import { claim, type Run } from './claim.js'
import { buildEntry, type Built } from './build.js'
import { baseFiles, LAYER_FILE, layerKeyOf, planLayer, type EntryState, type LayerPlan } from './layer.js'
import { ENTRY_PATH } from './paths.js'
import { EXTRACTED_FILE, extractedZips } from './extracted.js'
import { DEFAULT_UPSTREAM, GoSums } from '../proxy/index.js'
import type { Usage } from './usage.js'

/** What post did about saving: the key saved ('' when not) and why. */
export interface Saved {
  key: string
  reason: string
  built?: Built
  /** The saved entry is a layer on this base: the files and bytes it holds itself. */
  layer?: { base: string; files: number; bytes: number }
}

export type { Run } from './claim.js'

/**
 * Saves the job's entry under the primary key: unless it exists or another job claimed it, builds
 * the entry (the go.sum set, completed from upstream, plus what the job used beyond it) and saves it.
 */
export async function save(
  state: EntryState,
  usage: Usage | undefined,
  run: Run,
  cache: CacheProvider,
): Promise<Saved> {
  const fetcher = completer({
    store: state.store,
    upstream: state.upstream ?? DEFAULT_UPSTREAM,
    goSum: [state.sumFile],
    noProxy: state.noProxy,
    goauth: state.goauth,
  })
  // The entry's files are checked while the cache service is asked whether to save at all; only
  // fetching missing files from upstream waits for the answer, so a job that will not save fetches
  // nothing.
  const skip = shouldSkip(state, cache, run)
  const building = readFile(state.sumFile, 'utf8').then((text) =>
    buildEntry({
      store: state.store,
      sums: GoSums.parse(text),
      used: usage?.used ?? [],
      noProxy: state.noProxy,
      complete: async (f) => (await skip) === undefined && fetcher.complete(f),
    }),
  )
  // Handled at once: it may fail while the service is still being asked, before anything awaits it.
  building.catch(() => undefined)
  try {
    const skipped = await skip
    if (skipped !== undefined) return skipped
    const built = await building
    // The proxy core is done once the entry is built: it need not live through the archive upload.
    await fetcher.close()
    if (built.missing.length > 0)
      core.info(
        `${built.missing.length} files of go.sum could not be had: ${built.missing.slice(0, 5).join(', ')}`,
      )
    for (const line of built.rejected) core.warning(`go-mod-cache: left out of the entry: ${line}`)
    if (built.files === 0) return { key: '', reason: 'the entry would be empty', built }
    return await upload(state, built, cache)
  } finally {
    // Whatever happened, the build (and any fetch it started) is over before post goes on.
    await building.catch(() => undefined)
    await fetcher.close()
  }
}

// Archived from the store itself, named as under ENTRY_PATH, where main restores it: a layer on the
// restored base while the change is small, else the whole entry.
// The file saved beside the store's: a layer's manifest (with the extracted list), else the list alone.
function extraFile(
  layer: LayerPlan | undefined,
  extracted: string[],
): { name: string; text: string } | undefined {
  const listed = extracted.length > 0 ? { extracted } : {}
  if (layer) return { name: LAYER_FILE, text: JSON.stringify({ ...layer.layer, ...listed }) }
  return extracted.length > 0 ? { name: EXTRACTED_FILE, text: extracted.join('\n') + '\n' } : undefined
}

async function upload(state: EntryState, built: Built, cache: CacheProvider): Promise<Saved> {
  const key = state.primaryKey
  const layer = await layerFor(state, built)
  const savedKey = layer ? layerKeyOf(key) : key
  const extracted = state.modCache ? await extractedZips(built.paths, state.modCache) : []
  const outcome = await cache.saveFiles(
    state.store,
    layer?.files ?? built.paths,
    ENTRY_PATH,
    savedKey,
    extraFile(layer, extracted),
  )
  if (outcome.value === -1)
    return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job', built }
  if (!layer) {
    core.info(`Saved ${key}: ${built.files} files, ${built.bytes} bytes`)
    return { key, reason: 'saved', built }
  }
  core.info(
    `Saved ${savedKey}: a layer of ${layer.files.length} files, ${layer.bytes} bytes on ${layer.layer.base}` +
      ` (leaving out ${layer.layer.drop.length} of its files)`,
  )
  const { base } = layer.layer
  return {
    key: savedKey,
    reason: 'saved',
    built,
    layer: { base, files: layer.files.length, bytes: layer.bytes },
  }
}

/**
 * The layer to save instead of the whole entry (layer.ts), or undefined: none without a whole base.
 * After this set's own layer there is none either: restored with its base it is an exact hit, which
 * post never saves, and without it there is no base.
 */
async function layerFor(state: EntryState, built: Built): Promise<LayerPlan | undefined> {
  if (state.base === undefined) return undefined
  try {
    return await planLayer(state.base, await baseFiles(state.base), built.paths, state.store)
  } catch (error) {
    core.debug(`layer: ${String(error)}`)
    return undefined
  }
}

/**
 * Why this job does not save `key`, or undefined when it goes ahead: a matrix sibling may have
 * saved it (or this set's layer) already (finding out costs no archive work), or be saving it now
 * (the claim). The layer this job restored itself does not count: its base was gone, so the whole
 * set is saved under the plain key, which later jobs find first.
 */
async function shouldSkip(state: EntryState, cache: CacheProvider, run: Run): Promise<Saved | undefined> {
  const key = state.primaryKey
  const layerKey = layerKeyOf(key)
  const lookup = await cache.restore([ENTRY_PATH], key, [layerKey], true)
  if (lookup.failed) return { key: '', reason: 'the cache service failed' }
  if (lookup.value === key || (lookup.value === layerKey && state.matchedKey !== layerKey)) {
    core.info(`${lookup.value} already exists (saved by another job): not saving`)
    return { key: '', reason: 'saved by another job' }
  }
  const claimed = await claim(key, cache, run)
  if (claimed.failed) return { key: '', reason: 'the cache service failed' }
  if (!claimed.value) return { key: '', reason: 'another job is saving this key' }
  return undefined
}
