import { readFile } from 'node:fs/promises'
import { isCacheFile, listCacheFiles, type CacheFileInfo } from './layout.js'

/**
 * The files a job used or produced, read from the directory: every cache file whose mtime is at or
 * after `sinceMs` (restore set older ones back, so each use this job shows as a fresh mtime).
 */
export async function usedSince(gocache: string, sinceMs: number): Promise<Map<string, number>> {
  return sizes(await listCacheFiles(gocache), (_rel, info) => info.mtimeMs >= sinceMs)
}

/** The files a job used or produced, as the GOCACHEPROG journal names them, if they still exist. */
export async function usedFromJournal(gocache: string, journal: string): Promise<Map<string, number>> {
  const text = await readFile(journal, 'utf8').catch(() => '')
  const named = new Set(text.split('\n').filter(isCacheFile))
  return sizes(await listCacheFiles(gocache), (rel) => named.has(rel))
}

function sizes(
  files: Map<string, CacheFileInfo>,
  keep: (rel: string, info: CacheFileInfo) => boolean,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const [rel, info] of files) if (keep(rel, info)) out.set(rel, info.size)
  return out
}
