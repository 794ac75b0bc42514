import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'

/** Counts of what moved from a restored entry into the store. */
export interface Restored {
  files: number
  modules: number
  bytes: number
}

// Only these travel in an entry: .lock is the go command's own, lists and queries are mutable.
// A .ziphash (checked against go.sum when the entry was saved) comes in only with its own zip.
const ENTRY_FILE = /\/@v\/[^/]+\.(info|mod|zip|ziphash)$/

/**
 * Moves the files of a freshly restored entry directory into the store, each only when the store
 * lacks it (rename on one filesystem, copy otherwise), then removes the entry directory. Never
 * untars over the store: concurrent jobs sharing a store only ever see whole files appear.
 */
export async function moveIntoStore(entryDir: string, store: string): Promise<Restored> {
  const counts: Restored = { files: 0, modules: 0, bytes: 0 }
  const movedZips = new Set<string>()
  // Zips sort before their .ziphash, so a hash is only ever placed beside the zip it describes.
  for (const file of (await walk(entryDir)).sort()) {
    const rel = relative(entryDir, file).split(sep).join('/')
    if (!ENTRY_FILE.test(rel)) continue
    if (rel.endsWith('.ziphash') && !movedZips.has(rel.slice(0, -'hash'.length))) continue
    const target = join(store, rel)
    if (await exists(target)) continue
    const size = (await stat(file)).size
    await mkdir(dirname(target), { recursive: true })
    await place(file, target)
    counts.files++
    counts.bytes += size
    if (rel.endsWith('.zip')) {
      counts.modules++
      movedZips.add(rel)
    }
  }
  await rm(entryDir, { recursive: true, force: true })
  return counts
}

async function place(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    const tmp = `${to}.tmp-${process.pid}`
    await copyFile(from, tmp)
    await rename(tmp, to)
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await walk(path)))
    else if (entry.isFile()) files.push(path)
  }
  return files
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
