import { readFile } from 'node:fs/promises'
import { FILE_CONCURRENCY } from '../entry/fs.js'
import { mapLimited } from '../proxy/index.js'
import { actionOutput, isCacheFile, listCacheFiles, markedPath, type CacheFileInfo } from './layout.js'

/**
 * The files a job used or produced, read from the directory: every cache file whose mtime is at or
 * after `sinceMs` (restore set older ones back, so each use this job shows as a fresh mtime), and
 * the output of every such action entry.
 */
export async function usedSince(gocache: string, sinceMs: number): Promise<Map<string, number>> {
  const files = await listCacheFiles(gocache)
  const used = sizes(files, (_rel, info) => info.mtimeMs >= sinceMs)
  await addOutputs(gocache, files, used, sinceMs)
  return used
}

/** The files a job used or produced, as the GOCACHEPROG journal names them, if they still exist. */
export async function usedFromJournal(gocache: string, journal: string): Promise<Map<string, number>> {
  const text = await readFile(journal, 'utf8').catch(() => '')
  const named = new Set(text.split('\n').filter(isCacheFile))
  return sizes(await listCacheFiles(gocache), (rel) => named.has(rel))
}

// An action that writes an output the cache already holds, byte for byte (a test log, a file list),
// leaves that output's mtime alone: its action entry alone is marked, and names the output it needs.
// Only an action entry made since then can be one: a hit reads, and so marks, entry and output alike.
async function addOutputs(
  gocache: string,
  files: Map<string, CacheFileInfo>,
  used: Map<string, number>,
  sinceMs: number,
): Promise<void> {
  const byMarked = new Map([...files].map(([rel, info]) => [markedPath(rel), [rel, info.size] as const]))
  const made = (rel: string): boolean =>
    !((files.get(rel)?.birthtimeMs ?? 0) > 0 && files.get(rel)!.birthtimeMs < sinceMs)
  const actions = [...used.keys()].filter((rel) => rel.endsWith('-a') && made(rel))
  const outputs = await mapLimited(actions, FILE_CONCURRENCY, (rel) => actionOutput(gocache, rel))
  for (const output of outputs) {
    const file = output === undefined ? undefined : byMarked.get(output)
    if (file) used.set(file[0], file[1])
  }
}

function sizes(
  files: Map<string, CacheFileInfo>,
  keep: (rel: string, info: CacheFileInfo) => boolean,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const [rel, info] of files) if (keep(rel, info)) out.set(rel, info.size)
  return out
}
