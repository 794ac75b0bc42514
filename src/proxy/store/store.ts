import { randomBytes } from 'node:crypto'
import { statSync, type Stats } from 'node:fs'
import { mkdir, open, rename, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** What the store knows about one file. */
export interface StoreEntry {
  path: string
  size: number
  mtimeMs: number
  /** What changes when the file is written or replaced: inode, size, mtime and ctime. */
  meta: string
}

/** Where bad store files are moved: a leading dot, so no module path can ever name it. */
const ASIDE_DIR = '.aside'

/** Marks temp files, so a crash leftover is recognisable and never mistaken for a store file. */
const TEMP_MARK = '.tmp-'

/**
 * Files on disk in the GOPROXY layout (== GOMODCACHE/cache/download). Every write goes to a temp
 * file in the same directory and is renamed into place: rename is atomic, so a reader (in this or
 * another process) sees either nothing or the whole file, and a crash leaves only a temp file,
 * whose name no store path ever resolves to.
 */
export class Store {
  /** The absolute store directory. */
  readonly root: string

  /** Opens (lazily creates) the store at `root`. */
  constructor(root: string) {
    this.root = path.resolve(root)
  }

  /** The absolute path of a relative store path; refuses anything that would leave the root. */
  abs(rel: string): string {
    const full = path.resolve(this.root, rel)
    if (!full.startsWith(this.root + path.sep) || rel.includes('\0')) {
      throw new Error(`store path escapes the store: ${JSON.stringify(rel)}`)
    }
    return full
  }

  /**
   * Size and mtime of a store file, or undefined when it is absent (or not a regular file). Every
   * request asks this first: a stat of a cached directory entry takes microseconds, while through
   * the thread pool it cost a round trip of two thread wake-ups, a large part of a warm proxy's CPU.
   */
  async stat(rel: string): Promise<StoreEntry | undefined> {
    const full = this.abs(rel)
    try {
      const st = statSync(full, { throwIfNoEntry: false })
      return st?.isFile() ? { path: full, size: st.size, mtimeMs: st.mtimeMs, meta: metaOf(st) } : undefined
    } catch (err) {
      if (isMissing(err)) return undefined
      throw err
    }
  }

  /**
   * Writes `rel` atomically: `fill` writes the temp path it is given; when it resolves the temp
   * file is renamed into place, when it throws the temp file is removed and the error passes on.
   * Returns the entry as stored.
   */
  async write(rel: string, fill: (tmpPath: string) => Promise<void>): Promise<StoreEntry> {
    const full = this.abs(rel)
    await mkdir(path.dirname(full), { recursive: true })
    const tmp = tempName(full)
    try {
      await fill(tmp)
      const st = await stat(tmp)
      await rename(tmp, full)
      // Read after the rename, which changes ctime; '' (matching nothing) if a sharer moved it since.
      const now = statSync(full, { throwIfNoEntry: false })
      return { path: full, size: st.size, mtimeMs: st.mtimeMs, meta: now ? metaOf(now) : '' }
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }

  /** Removes a store file; absent is fine. */
  async remove(rel: string): Promise<void> {
    await rm(this.abs(rel), { force: true })
  }

  /**
   * Moves a bad store file to `.aside/<rel>` (a dot directory no module path can name, never in an
   * entry), replacing what an earlier bad copy left there: kept to look at, never served again.
   * Returns where it went, or undefined when it was not there.
   */
  async moveAside(rel: string): Promise<string | undefined> {
    const full = this.abs(rel)
    const aside = this.abs(`${ASIDE_DIR}/${rel}`)
    try {
      await mkdir(path.dirname(aside), { recursive: true })
      await rename(full, aside)
      return aside
    } catch (err) {
      if (isMissing(err)) return undefined
      // Not even aside (a read-only store): at least never served again.
      await rm(full, { force: true })
      throw err
    }
  }

  /** Marks a mutable file fresh again (its TTL runs from mtime) without rewriting it. */
  async touch(rel: string, now: Date = new Date()): Promise<void> {
    try {
      await utimes(this.abs(rel), now, now)
    } catch (err) {
      if (!isMissing(err)) throw err
    }
  }
}

function metaOf(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`
}

/** A temp name beside `full`, unique across processes (pid) and within one (random). */
export function tempName(full: string): string {
  return `${full}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`
}

/** True for "no such file" errors. */
export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * Writes a body to a new file. The file is opened before any byte flows: fs.createWriteStream
 * opens lazily, so a body failing at once could let the open land after the caller removed
 * the temp file, leaving a stray one behind.
 */
export async function bodyToFile(body: Readable, file: string): Promise<void> {
  const fh = await open(file, 'wx')
  // The stream owns the handle from here on and closes it on finish and on error alike.
  await pipeline(body, fh.createWriteStream())
}
