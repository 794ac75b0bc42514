import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { forEachLimited } from './proxy/pool.js'

/** Counts of what moved from a restored entry into the store. */
export interface Restored {
  files: number
  modules: number
  bytes: number
}

// Only these travel in an entry: .lock is the go command's own, lists and queries are mutable.
// A .ziphash (checked against go.sum when the entry was saved) comes in only with its own zip.
// No element may start with a dot: no module path does, and the proxy's own records (.stamps/)
// must never come from an entry.
const ENTRY_FILE = /\/@v\/[^/]+\.(info|mod|zip|ziphash)$/
const DOT_ELEMENT = /(^|\/)\./

/**
 * Moves the files of a freshly restored entry directory into the store, each only when the store
 * lacks it (rename on one filesystem, copy otherwise), then removes the entry directory. Never
 * untars over the store: concurrent jobs sharing a store only ever see whole files appear.
 */
export async function moveIntoStore(entryDir: string, store: string): Promise<Restored> {
  const counts: Restored = { files: 0, modules: 0, bytes: 0 }
  // One group per module version, its files in name order: .info, .mod, .zip, .ziphash.
  const versions = new Map<string, string[]>()
  for (const file of (await walk(entryDir)).sort()) {
    const rel = relative(entryDir, file).split(sep).join('/')
    if (!ENTRY_FILE.test(rel) || DOT_ELEMENT.test(rel)) continue
    const version = rel.slice(0, rel.lastIndexOf('.'))
    versions.set(version, [...(versions.get(version) ?? []), rel])
  }
  // Versions in parallel (each file is a few syscalls); within one, in order, so a .ziphash is
  // only ever placed after the zip it describes was.
  await forEachLimited([...versions.values()], MOVE_CONCURRENCY, async (rels) => {
    let movedZip = false
    for (const rel of rels) {
      if (rel.endsWith('.ziphash') && !movedZip) continue
      const file = join(entryDir, rel)
      const target = join(store, rel)
      if (await exists(target)) continue
      const size = (await stat(file)).size
      await mkdir(dirname(target), { recursive: true })
      await place(file, target)
      counts.files++
      counts.bytes += size
      if (rel.endsWith('.zip')) {
        counts.modules++
        movedZip = true
      }
    }
  })
  await rm(entryDir, { recursive: true, force: true })
  return counts
}

/** Module versions moved at once: enough to keep libuv's four threads busy with syscalls. */
const MOVE_CONCURRENCY = 16

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
  const below = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return walk(path)
      return entry.isFile() ? [path] : []
    }),
  )
  return below.flat()
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
