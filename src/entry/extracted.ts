import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { forEachLimited } from '../proxy/index.js'
import { exists, FILE_CONCURRENCY } from './fs.js'
import { isEntryFile } from './restore.js'

/**
 * Which of an entry's zips the saving job's go commands extracted: the next job extracts those
 * ahead of its steps (action/extract.ts), not every zip of go.sum (which also names modules of other
 * platforms, tags and tools). A whole entry carries the list as this file; a layer in its manifest.
 */
export const EXTRACTED_FILE = 'extracted.txt'

/** The tree the go command extracts a zip (a store-relative `<path>/@v/<version>.zip`) into. */
export function treeOf(modCache: string, zip: string): string {
  return join(modCache, zip.replace(/\/@v\/([^/]+)\.zip$/, '@$1'))
}

/** The entry's zips (store-relative paths) whose trees GOMODCACHE holds now, in order. */
export async function extractedZips(paths: string[], modCache: string): Promise<string[]> {
  const zips = paths.filter((rel) => rel.endsWith('.zip'))
  const extracted = new Set<string>()
  await forEachLimited(zips, FILE_CONCURRENCY, async (zip) => {
    if (await exists(treeOf(modCache, zip))) extracted.add(zip)
  })
  return zips.filter((zip) => extracted.has(zip))
}

/**
 * The list a restored entry carries (its layer's manifest first, else its own file), or undefined
 * when it has none (an entry saved before the list, or by a job that extracted nothing).
 */
export async function readExtracted(entryDir: string, layerText?: string): Promise<Set<string> | undefined> {
  let list: unknown
  try {
    list = layerText ? (JSON.parse(layerText) as { extracted?: unknown }).extracted : undefined
  } catch {
    list = undefined
  }
  if (!Array.isArray(list))
    list = (await readFile(join(entryDir, EXTRACTED_FILE), 'utf8').catch(() => '')).split('\n')
  const zips = (list as unknown[]).filter(
    (rel): rel is string => typeof rel === 'string' && rel.endsWith('.zip') && isEntryFile(rel),
  )
  return zips.length > 0 ? new Set(zips) : undefined
}
