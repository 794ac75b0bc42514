// The module zip limits of golang.org/x/mod/zip (CheckZip / checkZip), enforced before a zip is
// stored, with its h1 computed in the same pass. Bad bytes never throw: they give a reason.
import { open } from 'node:fs/promises'
import { posix } from 'node:path'
import { hash1, hashEntries } from './dirhash.js'
import { canonicalVersion, check, checkFilePath, isAscii, isPlainFilePath } from '../module/modpath.js'
import { readDirectory, ZipFormatError, type ZipEntry } from './zipread.js'

/** The limits a module zip must meet (x/mod/zip MaxZipFile, MaxGoMod, MaxLICENSE). */
export interface ZipLimits {
  maxZip: number
  maxUncompressed: number
  maxGoMod: number
  maxLicense: number
}

/** The module zip spec's limits: 500 MiB zip and content, 16 MiB go.mod and LICENSE. */
export const MODULE_ZIP_LIMITS: ZipLimits = {
  maxZip: 500 << 20,
  maxUncompressed: 500 << 20,
  maxGoMod: 16 << 20,
  maxLicense: 16 << 20,
}

/** What checkZip found: the h1 for go.sum and the content size, or why the zip is refused. */
export type ZipCheck =
  { ok: true; h1: string; files: number; uncompressed: number } | { ok: false; reason: string }

/** Checks a module zip on disk against the module zip limits and computes its h1 in one pass. */
export async function checkZip(
  file: string,
  module: string,
  version: string,
  limits: ZipLimits = MODULE_ZIP_LIMITS,
): Promise<ZipCheck> {
  const cv = canonicalVersion(version)
  if (cv !== version) return { ok: false, reason: `version ${JSON.stringify(version)} is not canonical` }
  const bad = check(module, version)
  if (bad) return { ok: false, reason: bad }
  let fh
  try {
    fh = await open(file, 'r')
  } catch (err) {
    return { ok: false, reason: `cannot open zip: ${(err as Error).message}` }
  }
  try {
    const { size } = await fh.stat()
    if (size > limits.maxZip) {
      return {
        ok: false,
        reason: `module zip file is too large (${size} bytes; limit is ${limits.maxZip} bytes)`,
      }
    }
    const dir = await readDirectory(fh, size)
    const names = checkNames(dir.entries, `${module}@${version}/`, limits)
    if (!names.ok) return names
    const h1 = hash1(await hashEntries(fh, dir.entries, dir.directoryOffset))
    return { ok: true, h1, files: names.files, uncompressed: names.uncompressed }
  } catch (err) {
    const reason = err instanceof ZipFormatError ? err.message : `cannot read zip: ${(err as Error).message}`
    return { ok: false, reason: `invalid module zip: ${reason}` }
  } finally {
    await fh.close()
  }
}

type NameCheck = { ok: true; files: number; uncompressed: number } | { ok: false; reason: string }

/** The per-entry rules of x/mod/zip checkZip, from the central directory alone. */
function checkNames(entries: ZipEntry[], prefix: string, limits: ZipLimits): NameCheck {
  const problems: string[] = []
  const folds = new Map<string, { path: string; isDir: boolean }>()
  let files = 0
  let uncompressed = 0
  for (const e of entries) {
    const problem = checkEntry(e, prefix, limits, folds)
    if (problem) {
      problems.push(`${JSON.stringify(e.name)}: ${problem}`)
      continue
    }
    if (e.name.endsWith('/') || e.name === prefix) continue
    files++
    uncompressed += e.uncompressedSize
    if (uncompressed > limits.maxUncompressed) {
      return {
        ok: false,
        reason: `total uncompressed size of module contents too large (max size is ${limits.maxUncompressed} bytes)`,
      }
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''
    return { ok: false, reason: `invalid module zip: ${problems.slice(0, 3).join('; ')}${more}` }
  }
  return { ok: true, files, uncompressed }
}

function checkEntry(
  e: ZipEntry,
  prefix: string,
  limits: ZipLimits,
  folds: Map<string, { path: string; isDir: boolean }>,
): string | undefined {
  if (!e.validUtf8) return 'name is not valid UTF-8'
  if (!e.name.startsWith(prefix)) return `path does not have prefix ${JSON.stringify(prefix)}`
  let name = e.name.slice(prefix.length)
  if (name === '') return undefined
  const isDir = name.endsWith('/')
  if (isDir) name = name.slice(0, -1)
  // A directory entry with data is refused by Go's reader when opened; refuse it up front.
  if (isDir && (e.uncompressedSize !== 0 || e.compressedSize !== 0)) return 'directory entry has content'
  if (!isPlainFilePath(name)) {
    if (posix.normalize(name) !== name || name.endsWith('/')) return 'file path is not clean'
    const badPath = checkFilePath(name)
    if (badPath) return badPath
  }
  const collision = checkCollision(folds, name, isDir)
  if (collision) return collision
  if (isDir) return undefined
  if (GO_MOD_ANY_CASE.test(name)) {
    if (name.includes('/')) return 'go.mod file not in module root directory'
    if (name !== 'go.mod') return 'go.mod files must have lowercase names'
  }
  if (name === 'go.mod' && e.uncompressedSize > limits.maxGoMod) {
    return `go.mod file too large (max size is ${limits.maxGoMod} bytes)`
  }
  if (name === 'LICENSE' && e.uncompressedSize > limits.maxLicense) {
    return `LICENSE file too large (max size is ${limits.maxLicense} bytes)`
  }
  return undefined
}

// A file named go.mod in any case, in any directory.
const GO_MOD_ANY_CASE = /(?:^|\/)go\.mod$/i

/** x/mod/zip collisionChecker: case-folded duplicates, and names that are both a file and a directory. */
function checkCollision(
  folds: Map<string, { path: string; isDir: boolean }>,
  p: string,
  isDir: boolean,
): string | undefined {
  const key = fold(p)
  const other = folds.get(key)
  if (other) {
    if (other.path !== p)
      return `case-insensitive file name collision: ${JSON.stringify(other.path)} and ${JSON.stringify(p)}`
    if (other.isDir !== isDir) return `entry ${JSON.stringify(p)} is both a file and a directory`
    if (!isDir) return `multiple entries for file ${JSON.stringify(p)}`
    // A directory seen before had its parents checked then; nothing has changed above it since.
    return undefined
  }
  folds.set(key, { path: p, isDir })
  const parent = posix.dirname(p)
  return parent === '.' ? undefined : checkCollision(folds, parent, true)
}

/**
 * A stand-in for Go's strToFold: equal for names equal under simple case folding. Upper then
 * lower per character folds "\u017f" with "s" and "\u212a" (Kelvin) with "k", and leaves "\u00df" alone.
 */
function fold(s: string): string {
  // ASCII, nearly every name: upper then lower is plain lower case, without a string and two
  // arrays per character: a hot loop on every name.
  if (isAscii(s)) return s.toLowerCase()
  let out = ''
  for (const c of s) {
    const up = c.toUpperCase()
    const low = [...up].length === 1 ? up.toLowerCase() : c.toLowerCase()
    out += [...low].length === 1 ? low : c
  }
  return out
}
