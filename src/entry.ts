import { copyFile, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { hashMod } from './proxy/dirhash.js'
import type { GoSums } from './proxy/gosum.js'
import { DEFAULT_VERIFY_CONCURRENCY } from './proxy/files.js'
import { forEachLimited, mapLimited, Semaphore } from './proxy/pool.js'
import { matchPrefixPatterns } from './proxy/globs.js'
import { checkZip } from './proxy/zipcheck.js'
import { relPath, sumSet, type ModuleFile } from './sumset.js'

/** What went into an entry, and what could not. */
export interface Built {
  files: number
  bytes: number
  /** Files of the go.sum set neither in the store nor obtainable. */
  missing: string[]
  /** Files that failed verification, with the reason; they are left out. */
  rejected: string[]
}

/** What buildEntry needs: where, the dependency set, what the job used, and a way to complete. */
export interface BuildOptions {
  entryDir: string
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
 * Builds a fresh entry directory of hard links into the store (no byte copies; copies only across
 * filesystems): exactly the go.sum set plus what the job used beyond it, each file verified first.
 */
export async function buildEntry(options: BuildOptions): Promise<Built> {
  const { entryDir, store, sums } = options
  await rm(entryDir, { recursive: true, force: true })
  await mkdir(entryDir, { recursive: true })
  const wanted = new Map<string, { f: ModuleFile; required: boolean }>()
  const noProxy = options.noProxy ?? ''
  for (const f of sumSet(sums))
    wanted.set(relPath(f), { f, required: noProxy === '' || !matchPrefixPatterns(noProxy, f.module) })
  for (const f of options.used) {
    const rel = safeRel(f)
    if (rel !== undefined && !wanted.has(rel)) wanted.set(rel, { f, required: false })
  }
  if (options.complete) await completeAll(store, wanted, options.complete)
  // Each file is a few syscalls (stat, read, link, write): in parallel they cost a fraction of the
  // time in a row. Outcomes are collected in path order, so the result never depends on timing.
  const sorted = [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))
  const outcomes = await mapLimited(sorted, ENTRY_CONCURRENCY, ([rel, { f, required }]) =>
    addFile(rel, f, required, options),
  )
  const built: Built = { files: 0, bytes: 0, missing: [], rejected: [] }
  for (const o of outcomes) {
    if (o.kind === 'added') {
      built.files++
      built.bytes += o.bytes
    } else if (o.kind === 'missing') built.missing.push(o.rel)
    else if (o.kind === 'rejected') built.rejected.push(o.line)
  }
  return built
}

const ENTRY_CONCURRENCY = 16

type Outcome =
  | { kind: 'added'; bytes: number }
  | { kind: 'missing'; rel: string }
  | { kind: 'rejected'; line: string }
  | { kind: 'skipped' }

// One file of the entry: verified, then linked (and its zip's .ziphash written).
async function addFile(
  rel: string,
  f: ModuleFile,
  required: boolean,
  options: BuildOptions,
): Promise<Outcome> {
  const source = join(options.store, rel)
  const found = await stat(source).catch(() => undefined)
  if (found === undefined) return required ? { kind: 'missing', rel } : { kind: 'skipped' }
  const checked =
    f.file === 'zip'
      ? await zipHash(source, f, options.sums)
      : { problem: await verify(source, f, options.sums) }
  if (checked.problem !== undefined) return { kind: 'rejected', line: `${rel}: ${checked.problem}` }
  const target = join(options.entryDir, rel)
  await mkdir(dirname(target), { recursive: true })
  await linkOrCopy(source, target)
  // The go command trusts a .ziphash beside a zip and skips re-hashing it: a warm job then only
  // extracts. Each one written here records a hash checked against go.sum a moment ago.
  if (checked.h1 !== undefined) await writeFile(target.replace(/\.zip$/, '.ziphash'), checked.h1)
  return { kind: 'added', bytes: found.size }
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

/** Checks a store file against go.sum (and the zip rules), so a bad file never enters an entry. */
export async function verify(path: string, f: ModuleFile, sums: GoSums): Promise<string | undefined> {
  if (f.file === 'info') {
    try {
      const info = JSON.parse(await readFile(path, 'utf8')) as { Version?: unknown }
      return info.Version === f.version ? undefined : `.info names version ${String(info.Version)}`
    } catch {
      return 'not JSON'
    }
  }
  if (f.file === 'mod') {
    const allowed = sums.mod(f.module, f.version)
    const h1 = hashMod(await readFile(path))
    return allowed === undefined || allowed.includes(h1) ? undefined : `go.mod hash ${h1} is not in go.sum`
  }
  return (await zipHash(path, f, sums)).problem
}

/**
 * A zip's h1, checked: against the module zip rules and go.sum. A .ziphash beside the zip that
 * go.sum lists is taken as is: the go command writes it after hashing a zip it downloaded, and an
 * earlier entry's was written after this same check, so hashing again would only cost time.
 */
export async function zipHash(
  path: string,
  f: ModuleFile,
  sums: GoSums,
): Promise<{ h1?: string; problem?: string }> {
  const allowed = sums.zip(f.module, f.version)
  const recorded = (await readFile(path.replace(/\.zip$/, '.ziphash'), 'utf8').catch(() => '')).trim()
  if (recorded !== '' && allowed?.includes(recorded)) return { h1: recorded }
  const checked = await zipChecks.run(() => checkZip(path, f.module, f.version))
  if (!checked.ok) return { problem: checked.reason }
  if (allowed !== undefined && !allowed.includes(checked.h1)) {
    return { problem: `hash ${checked.h1} is not in go.sum` }
  }
  return { h1: checked.h1 }
}

// Full zip checks are CPU work: a core each, however many files are added at once.
const zipChecks = new Semaphore(DEFAULT_VERIFY_CONCURRENCY)

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error
    await copyFile(from, to)
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
