import { lstat, open, readdir, readFile, utimes } from 'node:fs/promises'
import { dirname, join } from 'node:path'

// The go command's build cache layout (cmd/go/internal/cache): 256 directories `00`..`ff`, each
// holding action entries `<action id>-a` and outputs `<output id>-d`, ids in lower-case hex. Since
// Go 1.24 an executable (go run, go tool) is an output directory holding the one binary.
const CACHE_FILE = /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/
const EXECUTABLE = /^[0-9a-f]{2}\/[0-9a-f]{64}-d\/(?!\.\.?$)[^/\\]+$/

/** A build-cache-relative path (`ab/<64 hex>-a|d`, or `ab/<64 hex>-d/<binary>`) that the layout allows; nothing else is saved or restored. */
export function isCacheFile(rel: string): boolean {
  return (CACHE_FILE.test(rel) || EXECUTABLE.test(rel)) && rel.slice(0, 2) === rel.slice(3, 5)
}

/** The path whose mtime the go command marks on use: an executable's directory, else the file. */
export function markedPath(rel: string): string {
  return EXECUTABLE.test(rel) ? dirname(rel) : rel
}

/** The path of an action entry (`-a`) or an output (`-d`) for an id given as hex. */
export function cacheFile(hex: string, kind: 'a' | 'd'): string {
  return `${hex.slice(0, 2)}/${hex}-${kind}`
}

/** One cache file: its size, modification time and creation time (0 where the OS keeps none). */
export interface CacheFileInfo {
  size: number
  mtimeMs: number
  birthtimeMs: number
}

/**
 * Every cache file under `dir` (relative paths), with size and mtime; other files are ignored, and
 * so is a symbolic link (the go command writes none; a restored entry's could point anywhere).
 */
export async function listCacheFiles(dir: string): Promise<Map<string, CacheFileInfo>> {
  const out = new Map<string, CacheFileInfo>()
  const subdirs = (await readdir(dir).catch(() => [] as string[])).filter((d) => /^[0-9a-f]{2}$/.test(d))
  await Promise.all(
    subdirs.map(async (sub) => {
      for (const name of await readdir(join(dir, sub)).catch(() => [] as string[])) {
        const rel = `${sub}/${name}`
        if (!isCacheFile(rel)) continue
        const st = await lstat(join(dir, rel)).catch(() => undefined)
        if (st?.isFile()) out.set(rel, { size: st.size, mtimeMs: st.mtimeMs, birthtimeMs: st.birthtimeMs })
        else if (st?.isDirectory()) await addExecutable(dir, rel, st, out)
      }
    }),
  )
  return out
}

// An executable output: its one binary, timed by the directory (what the go command marks on use).
async function addExecutable(
  dir: string,
  rel: string,
  { mtimeMs, birthtimeMs }: Pick<CacheFileInfo, 'mtimeMs' | 'birthtimeMs'>,
  out: Map<string, CacheFileInfo>,
): Promise<void> {
  const names = await readdir(join(dir, rel)).catch(() => [] as string[])
  const binary = `${rel}/${names[0] ?? ''}`
  if (names.length !== 1 || !isCacheFile(binary)) return
  const st = await lstat(join(dir, binary)).catch(() => undefined)
  if (st?.isFile()) out.set(binary, { size: st.size, mtimeMs, birthtimeMs })
}

/** The output (`ab/<64 hex>-d`) an action entry names, or undefined when it names none. */
export async function actionOutput(dir: string, rel: string): Promise<string | undefined> {
  const entry = await readFile(join(dir, rel), 'latin1').catch(() => '')
  const output = /^v1 [0-9a-f]{64} ([0-9a-f]{64}) /.exec(entry)?.[1]
  return output === undefined ? undefined : cacheFile(output, 'd')
}

/**
 * The go command refreshes a cache file's mtime when it uses it, but only when the mtime is over an
 * hour old. Setting files this far back makes every use this job visible as a fresh mtime.
 */
export const AGED_MS = 2 * 60 * 60 * 1000

/** Sets each file's mtime (and atime) to `atMs`; files that vanished meanwhile are skipped. */
export async function setTimes(dir: string, rels: Iterable<string>, atMs: number): Promise<void> {
  const at = new Date(atMs)
  const jobs: Promise<void>[] = []
  for (const rel of rels) jobs.push(utimes(join(dir, markedPath(rel)), at, at).catch(() => undefined))
  await Promise.all(jobs)
}

/**
 * Whether an action entry records a package index (cmd/go/internal/modindex) rather than a compile,
 * link or test run. The go command indexes the job's own packages keyed by their files' mtimes, so a
 * fresh checkout makes new index entries every job: they alone are no reason to save.
 */
export async function isIndexAction(dir: string, rel: string): Promise<boolean> {
  const output = await actionOutput(dir, rel)
  if (!output) return false
  const file = await open(join(dir, output)).catch(() => undefined)
  if (!file) return false
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(INDEX_MAGIC.length), 0, INDEX_MAGIC.length, 0)
    return buffer.toString('latin1', 0, bytesRead) === INDEX_MAGIC
  } finally {
    await file.close()
  }
}

// The start of every module index file the go command writes ("go index v2" since Go 1.20).
const INDEX_MAGIC = 'go index v'
