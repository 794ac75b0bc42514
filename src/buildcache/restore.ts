import { copyFile, mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AGED_MS, listCacheFiles, setTimes } from './layout.js'

/** What a restored build cache entry brought into GOCACHE. */
export interface IntoGoCache {
  /** Files the entry held (moved, or already there), relative path to size. */
  files: Map<string, number>
  /** Of those, the ones GOCACHE lacked. */
  moved: number
  bytes: number
}

/**
 * Moves a restored entry's cache files into GOCACHE (never over a file it has: the go command may
 * be using it), then sets them, and any file used in the last hour, two hours back, so that
 * whatever this job uses gets a fresh mtime (the go command refreshes one only when over an hour old).
 */
export async function moveIntoGoCache(
  entryDir: string,
  gocache: string,
  nowMs = Date.now(),
): Promise<IntoGoCache> {
  const entry = await listCacheFiles(entryDir)
  const have = await listCacheFiles(gocache)
  const files = new Map<string, number>()
  let moved = 0
  let bytes = 0
  const subdirs = new Set([...entry.keys()].filter((rel) => !have.has(rel)).map((rel) => dirname(rel)))
  await Promise.all([...subdirs].map((d) => mkdir(join(gocache, d), { recursive: true })))
  await Promise.all(
    [...entry].map(async ([rel, info]) => {
      files.set(rel, info.size)
      if (have.has(rel)) return
      await place(join(entryDir, rel), join(gocache, rel))
      moved++
      bytes += info.size
    }),
  )
  await rm(entryDir, { recursive: true, force: true })
  await setTimes(gocache, [...files.keys(), ...recentOf(have, nowMs)], nowMs - AGED_MS)
  return { files, moved, bytes }
}

/** Without an entry to restore: sets GOCACHE's files used in the last hour back, as moveIntoGoCache does. */
export async function ageRecent(gocache: string, nowMs = Date.now()): Promise<void> {
  await setTimes(gocache, recentOf(await listCacheFiles(gocache), nowMs), nowMs - AGED_MS)
}

// Files whose next use the go command would not mark (it refreshes only mtimes over an hour old).
function recentOf(files: Map<string, { mtimeMs: number }>, nowMs: number): string[] {
  return [...files].filter(([, info]) => info.mtimeMs > nowMs - AGED_MS / 2).map(([rel]) => rel)
}

// A rename where both sit on one filesystem, else a copy (the workspace and GOCACHE may not).
async function place(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await copyFile(from, to)
  }
}
