import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  forEachLimited,
  mapLimited,
  matchPrefixPatterns,
  verifyStoreFile,
  writeZipHash,
  type GoSums,
} from '../proxy/index.js'
import { exists, FILE_CONCURRENCY } from './fs.js'
import { relPath, sumSet, type ModuleFile } from './sumset.js'
import { TOOLCHAIN_MODULE } from './toolchain.js'

/** What went into an entry, and what could not. */
export interface Built {
  files: number
  bytes: number
  /** The entry: store-relative paths, in order (each zip followed by its .ziphash). */
  paths: string[]
  /** Files of the go.sum set neither in the store nor obtainable. */
  missing: string[]
  /** Files that failed verification, with the reason; they are left out. */
  rejected: string[]
}

/** What buildEntry needs: the store, the dependency set, what the job used, and a way to complete. */
export interface BuildOptions {
  store: string
  sums: GoSums
  /** Files the job used or fetched beyond the go.sum set (tools), from the journal. */
  used: ModuleFile[]
  /**
   * GONOPROXY globs: these modules' files go in when the store has them (the go command fetched
   * them direct into GOMODCACHE/cache/download), but are never completed from upstream or missed.
   */
  noProxy?: string
  /** Fetches a missing file into the store (post's completer, complete.ts); true when it did. */
  complete?: (f: ModuleFile) => Promise<boolean>
}

/**
 * Chooses and verifies the entry's files in the store: exactly the go.sum set plus what the job
 * used beyond it. Nothing is copied or linked: the archive is made from the store itself. Each zip
 * goes with a .ziphash of the h1 it was checked to have, written into the store when it lacks one.
 */
export async function buildEntry(options: BuildOptions): Promise<Built> {
  const { store } = options
  const wanted = new Map<string, { f: ModuleFile; required: boolean }>()
  const noProxy = options.noProxy ?? ''
  for (const f of sumSet(options.sums))
    wanted.set(relPath(f), { f, required: noProxy === '' || !matchPrefixPatterns(noProxy, f.module) })
  for (const f of options.used) {
    // A toolchain zip is per OS and arch, and every OS restores this entry: it has its own (toolchain.ts).
    if (f.module === TOOLCHAIN_MODULE) continue
    const rel = safeRel(f)
    if (rel !== undefined && !wanted.has(rel)) wanted.set(rel, { f, required: false })
  }
  if (options.complete) await completeAll(store, wanted, options.complete)
  // Each file is a few syscalls (stat, read): in parallel they cost a fraction of the time in a
  // row. Outcomes are collected in path order, so the result never depends on timing.
  const sorted = [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))
  const outcomes = await mapLimited(sorted, FILE_CONCURRENCY, ([rel, { f, required }]) =>
    addFile(rel, f, required, options),
  )
  const built: Built = { files: 0, bytes: 0, paths: [], missing: [], rejected: [] }
  for (const o of outcomes) {
    if (o.kind === 'added') {
      built.files++
      built.bytes += o.bytes
      built.paths.push(...o.paths)
    } else if (o.kind === 'missing') built.missing.push(o.rel)
    else if (o.kind === 'rejected') built.rejected.push(o.line)
  }
  return built
}

type Outcome =
  | { kind: 'added'; bytes: number; paths: string[] }
  | { kind: 'missing'; rel: string }
  | { kind: 'rejected'; line: string }
  | { kind: 'skipped' }

// One file of the entry, verified (and its zip's .ziphash made sure of).
async function addFile(
  rel: string,
  f: ModuleFile,
  required: boolean,
  options: BuildOptions,
): Promise<Outcome> {
  const source = join(options.store, rel)
  const found = await stat(source).catch(() => undefined)
  if (found === undefined) return required ? { kind: 'missing', rel } : { kind: 'skipped' }
  const checked = await verifyStoreFile(options.store, f.module, f.version, f.file, options.sums)
  if (checked.problem !== undefined) return { kind: 'rejected', line: `${rel}: ${checked.problem}` }
  if (f.file !== 'zip' || checked.h1 === undefined) return { kind: 'added', bytes: found.size, paths: [rel] }
  // The go command trusts a .ziphash beside a zip and skips re-hashing it: a warm job then only
  // extracts. One written here records a hash checked against go.sum a moment ago. Best effort: a
  // zip whose .ziphash could not be made right goes alone, and the go command hashes it itself.
  const ziphash = rel.replace(/\.zip$/, '.ziphash')
  const hashed =
    checked.recorded === true ||
    (await writeZipHash(options.store, f.module, f.version, checked.h1)) === undefined
  return { kind: 'added', bytes: found.size, paths: hashed ? [rel, ziphash] : [rel] }
}

// Completes the missing go.sum files a few at a time: the job may have used far fewer than go.sum names.
async function completeAll(
  store: string,
  wanted: Map<string, { f: ModuleFile; required: boolean }>,
  complete: (f: ModuleFile) => Promise<boolean>,
): Promise<void> {
  const missing: ModuleFile[] = []
  for (const [rel, { f, required }] of wanted)
    if (required && !(await exists(join(store, rel)))) missing.push(f)
  await forEachLimited(missing, 8, async (f) => void (await complete(f)))
}

function safeRel(f: ModuleFile): string | undefined {
  try {
    return relPath(f)
  } catch {
    return undefined
  }
}
