import { copyFile, mkdir, readFile, readdir, rename, rm, stat, utimes } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { hashMod, type GoSums, forEachLimited } from '../proxy/index.js'
import { exists, FILE_CONCURRENCY } from './fs.js'
import { relPath } from './sumset.js'

/** Counts of what moved from a restored entry into the store. */
export interface Restored {
  files: number
  modules: number
  bytes: number
}

/** How a restored entry is taken in. */
export interface RestoreOptions {
  /** Keep the entry's .ziphash files (default); false: the go command trusts no hash it recorded. */
  zipHashes?: boolean
  /** The job's go.sum set: files it contradicts stay out of the store. */
  sums?: GoSums
}

// Only these travel in an entry: .lock is the go command's own, lists and queries are mutable.
// A .ziphash (checked against go.sum when the entry was saved) comes in only with its own zip.
// No element may start with a dot: no module path does, and the proxy's own records (.stamps/)
// must never come from an entry.
const ENTRY_FILE = /\/@v\/[^/]+\.(info|mod|zip|ziphash)$/
const DOT_ELEMENT = /(^|\/)\./

/** A store-relative, '/'-separated path an entry may hold (never absolute, '..' or a dot element). */
export function isEntryFile(rel: string): boolean {
  return ENTRY_FILE.test(rel) && !DOT_ELEMENT.test(rel) && !rel.startsWith('/') && !/\\|\/\//.test(rel)
}

/**
 * Moves a restored entry's files into the store, each only where the store lacks it (an empty store
 * takes the whole directory in one rename): jobs sharing a store only ever see whole files appear.
 * Files the job's go.sum contradicts stay out, counted in `contradicted`.
 */
export async function moveIntoStore(
  entryDir: string,
  store: string,
  options: RestoreOptions = {},
): Promise<Restored & { contradicted: number }> {
  const { versions, others } = await readEntry(entryDir)
  const contradicted = options.sums ? await leaveOutContradicted(entryDir, versions, others, options.sums) : 0
  if (options.zipHashes === false) {
    for (const key of versions.keys())
      setAside(entryDir, versions, others, key, (rel) => rel.endsWith('.ziphash'))
  }
  const moved =
    (await moveWhole(entryDir, store, versions, others)) ?? (await moveEach(entryDir, store, versions))
  await rm(entryDir, { recursive: true, force: true })
  return { ...moved, contradicted }
}

/**
 * Sets aside (into `others`) each .mod, and each zip's recorded .ziphash, whose hash go.sum does not
 * list: the go command would stop at the mismatch instead of fetching afresh. Returns the count.
 */
async function leaveOutContradicted(
  entryDir: string,
  versions: Versions,
  others: string[],
  sums: GoSums,
): Promise<number> {
  let count = 0
  await forEachLimited(sums.versions(), FILE_CONCURRENCY, async ({ module, version }) => {
    const key = versionKey(module, version)
    const rels = key === undefined ? undefined : versions.get(key)
    if (key === undefined || rels === undefined) return
    const read = (ext: string): Promise<Buffer | undefined> =>
      rels.includes(`${key}.${ext}`) ? readFile(join(entryDir, `${key}.${ext}`)) : Promise.resolve(undefined)
    const [mod, ziphash] = await Promise.all([read('mod'), read('ziphash')])
    const modSums = sums.mod(module, version)
    const zipSums = sums.zip(module, version)
    const out = new Set<string>()
    if (mod && modSums && !modSums.includes(hashMod(mod))) out.add('mod')
    if (ziphash && zipSums && !zipSums.includes(ziphash.toString('utf8').trim()))
      out.add('zip').add('ziphash')
    if (out.size === 0) return
    count += setAside(entryDir, versions, others, key, (rel) => out.has(rel.slice(rel.lastIndexOf('.') + 1)))
  })
  return count
}

/** Moves a version's files that `leave` picks from `versions` to `others`; returns how many. */
function setAside(
  entryDir: string,
  versions: Versions,
  others: string[],
  key: string,
  leave: (rel: string) => boolean,
): number {
  const rels = versions.get(key) ?? []
  const left = rels.filter(leave)
  others.push(...left.map((rel) => join(entryDir, rel)))
  versions.set(
    key,
    rels.filter((rel) => !leave(rel)),
  )
  return left.length
}

// A module version's key in Versions: its store path (sumset.ts relPath) without the extension.
function versionKey(module: string, version: string): string | undefined {
  try {
    return relPath({ module, version, file: 'mod' }).slice(0, -'.mod'.length)
  } catch {
    return undefined
  }
}

/** Entry files grouped by module version, each group in name order: .info, .mod, .zip, .ziphash. */
type Versions = Map<string, string[]>

// Sorts what the entry holds: module files by version, and everything else (paths to remove).
async function readEntry(entryDir: string): Promise<{ versions: Versions; others: string[] }> {
  const versions: Versions = new Map()
  const { files, others } = await walk(entryDir)
  for (const file of files.sort()) {
    const rel = relative(entryDir, file).split(sep).join('/')
    if (!isEntryFile(rel)) {
      others.push(file)
      continue
    }
    const version = rel.slice(0, rel.lastIndexOf('.'))
    versions.set(version, [...(versions.get(version) ?? []), rel])
  }
  return { versions, others }
}

// The whole entry in one rename, when the store is missing or an empty directory: rename(2)
// replaces an empty directory and fails when another process has written into it meanwhile, when
// the store is a symlink (ENOTDIR: the link stays), across filesystems and on Windows; then the
// files move one by one as usual.
async function moveWhole(
  entryDir: string,
  store: string,
  versions: Versions,
  others: string[],
): Promise<Restored | undefined> {
  const inStore = await readdir(store).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? [] : undefined,
  )
  if (inStore === undefined || inStore.length > 0) return undefined
  const counts: Restored = { files: 0, modules: 0, bytes: 0 }
  const orphans: string[] = []
  await forEachLimited([...versions.values()], FILE_CONCURRENCY, async (rels) => {
    const hasZip = rels.some((rel) => rel.endsWith('.zip'))
    for (const rel of rels) {
      if (rel.endsWith('.ziphash') && !hasZip) {
        orphans.push(join(entryDir, rel))
        continue
      }
      counts.files++
      counts.bytes += (await stat(join(entryDir, rel))).size
      if (rel.endsWith('.zip')) counts.modules++
    }
  })
  await Promise.all([...others, ...orphans].map((path) => rm(path, { recursive: true, force: true })))
  try {
    await mkdir(dirname(store), { recursive: true })
    await rename(entryDir, store)
    return counts
  } catch {
    return undefined
  }
}

// File by file, each only when the store lacks it (rename on one filesystem, copy otherwise).
async function moveEach(entryDir: string, store: string, versions: Versions): Promise<Restored> {
  const counts: Restored = { files: 0, modules: 0, bytes: 0 }
  // Versions in parallel (each file is a few syscalls); within one, in order, so a .ziphash is
  // only ever placed after the zip it describes was.
  await forEachLimited([...versions.values()], FILE_CONCURRENCY, async (rels) => {
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
  return counts
}

async function place(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    const tmp = `${to}.tmp-${process.pid}`
    await copyFile(from, tmp)
    // A copy keeps the archive's mtime as a rename would: post tells restored files from those the
    // go command fetched during the job by it (sumset.ts fetchedPastProxy).
    const { atime, mtime } = await stat(from)
    await utimes(tmp, atime, mtime)
    await rename(tmp, to)
  }
}

/**
 * Regular files, and the paths of everything else (symlinks, devices, directories whose name starts
 * with a dot, not walked into): those never reach the store.
 */
export async function walk(dir: string): Promise<{ files: string[]; others: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  const others: string[] = []
  const below = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && !entry.name.startsWith('.')) return walk(path)
      ;(entry.isFile() ? files : others).push(path)
      return undefined
    }),
  )
  for (const b of below) {
    if (b === undefined) continue
    files.push(...b.files)
    others.push(...b.others)
  }
  return { files, others }
}
