import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AGED_MS, isCacheFile, listCacheFiles, setTimes, type CacheFileInfo } from './layout.js'

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
 * `entry` is the entry directory's listing when the caller already has it.
 */
export async function moveIntoGoCache(
  entryDir: string,
  gocache: string,
  { nowMs = Date.now(), entry }: { nowMs?: number; entry?: Map<string, CacheFileInfo> } = {},
): Promise<IntoGoCache> {
  const [files, have] = await Promise.all([entry ?? listCacheFiles(entryDir), listCacheFiles(gocache)])
  await mkdir(gocache, { recursive: true })
  const bySubdir = new Map<string, string[]>()
  for (const rel of files.keys()) {
    const list = bySubdir.get(rel.slice(0, 2)) ?? []
    if (list.length === 0) bySubdir.set(rel.slice(0, 2), list)
    list.push(rel)
  }
  const moved = await Promise.all(
    [...bySubdir].map(async ([sub, rels]) =>
      (await moveSubdir(entryDir, gocache, sub, rels.length))
        ? rels
        : moveFiles(entryDir, gocache, rels, have),
    ),
  )
  await rm(entryDir, { recursive: true, force: true })
  await setTimes(gocache, [...files.keys(), ...recentOf(have, nowMs)], nowMs - AGED_MS)
  const sizes = new Map([...files].map(([rel, info]) => [rel, info.size]))
  const movedFiles = moved.flat()
  const bytes = movedFiles.reduce((sum, rel) => sum + (sizes.get(rel) ?? 0), 0)
  return { files: sizes, moved: movedFiles.length, bytes }
}

// A subdirectory holding nothing but plain cache files moves in one rename while GOCACHE has no
// such subdirectory, or an empty one (a fresh runner): thousands of renames fewer.
async function moveSubdir(entryDir: string, gocache: string, sub: string, count: number): Promise<boolean> {
  const names = await readdir(join(entryDir, sub), { withFileTypes: true })
  const plain = names.length === count && names.every((d) => d.isFile() && isCacheFile(`${sub}/${d.name}`))
  if (!plain) return false
  try {
    await rename(join(entryDir, sub), join(gocache, sub))
    return true
  } catch {
    // GOCACHE's holds files (ENOTEMPTY, EEXIST), or lies on another filesystem (EXDEV).
    return false
  }
}

// File by file, leaving out those GOCACHE has; the files moved.
async function moveFiles(
  entryDir: string,
  gocache: string,
  rels: string[],
  have: Map<string, CacheFileInfo>,
): Promise<string[]> {
  const missing = rels.filter((rel) => !have.has(rel))
  const dirs = new Set(missing.map((rel) => dirname(rel)))
  await Promise.all([...dirs].map((d) => mkdir(join(gocache, d), { recursive: true })))
  await Promise.all(missing.map((rel) => place(join(entryDir, rel), join(gocache, rel))))
  return missing
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
