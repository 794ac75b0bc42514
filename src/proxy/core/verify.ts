// Verification of canonical files against go.sum and the module rules, in one place: the proxy's
// core and the cache entry's build both check store files through it.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { GoSums } from '../module/gosum.js'
import type { Logger } from '../log.js'
import { DEFAULTS } from '../config.js'
import { goModProblem } from '../module/gomod.js'
import { canonicalStorePath } from '../module/modpath.js'
import * as semver from '../module/semver.js'
import type { Stamps } from '../store/stamps.js'
import { Store } from '../store/store.js'
import { hashMod } from '../zip/dirhash.js'
import { checkZip } from '../zip/zipcheck.js'
import { Semaphore } from './pool.js'

/** A canonical file of a module version. */
export type FileKind = 'info' | 'mod' | 'zip'

/** Zip verifications at once by default (the proxy's DEFAULTS say how many). */
export const DEFAULT_VERIFY_CONCURRENCY = DEFAULTS.verifyConcurrency

const MiB = 1024 * 1024
/** Size caps per file kind (FACTS §1 zip limits; small JSON and text otherwise). */
export const MAX_BYTES = { zip: 500 * MiB, mod: 16 * MiB, info: MiB, list: MiB, latest: MiB } as const

/** The Version an .info JSON names, or undefined when it is not such JSON. */
export function infoVersion(data: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data.toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && 'Version' in parsed) {
      const v = (parsed as { Version: unknown }).Version
      return typeof v === 'string' ? v : undefined
    }
  } catch {
    // Not JSON: the caller refuses it.
  }
  return undefined
}

/** Why a .mod or .info's bytes are refused for module@version, or undefined when they are good. */
export function smallFileProblem(
  data: Buffer,
  module: string,
  version: string,
  kind: 'info' | 'mod',
  sums: GoSums,
): string | undefined {
  if (kind === 'mod') {
    if (data.length > MAX_BYTES.mod) return 'go.mod larger than 16 MiB'
    const want = sums.mod(module, version)
    const got = hashMod(data)
    if (want && !want.includes(got)) return `go.mod ${got} does not match go.sum ${want.join(' or ')}`
    return goModProblem(data)
  }
  const answered = infoVersion(data)
  return answered === version
    ? undefined
    : `.info answers ${JSON.stringify(answered?.slice(0, 100) ?? null)}, not ${version}`
}

/**
 * Why a `@v/list` answer is refused, or undefined: every line a valid semantic version. The go
 * command skips other lines (and reads only a line's first field), so a page that is not a list
 * would pass it as an empty one.
 */
export function listProblem(data: Buffer): string | undefined {
  if (data.length > MAX_BYTES.list) return 'list larger than 1 MiB'
  for (const raw of data.toString('utf8').split('\n')) {
    const first = raw.trim().split(/\s+/)[0] ?? ''
    if (first !== '' && !semver.isValid(first))
      return `list has a line that is no version: ${JSON.stringify(raw.slice(0, 100))}`
  }
  return undefined
}

/** Why a zip's h1 is refused by go.sum, or undefined when go.sum lists it (or has no zip line). */
export function zipSumProblem(h1: string, module: string, version: string, sums: GoSums): string | undefined {
  const want = sums.zip(module, version)
  return want && !want.includes(h1) ? `zip ${h1} does not match go.sum ${want.join(' or ')}` : undefined
}

/** A store file's check: its problem, or for a good zip its h1 (and whether its .ziphash vouched). */
export interface StoreFileCheck {
  problem?: string
  h1?: string
  /** The zip's .ziphash, listed in go.sum, was taken as its h1 without hashing the zip. */
  recorded?: boolean
}

// Full zip checks are CPU work: a core each, however many files are checked at once.
const sharedZipSlots = new Semaphore(DEFAULT_VERIFY_CONCURRENCY)

/**
 * Checks a file of a store (GOPROXY layout) against go.sum and the module rules. A .ziphash
 * beside a zip that go.sum lists is taken as is: the go command writes it after hashing a zip
 * it downloaded, and this proxy after checking one.
 */
export async function verifyStoreFile(
  store: string,
  module: string,
  version: string,
  kind: FileKind,
  sums: GoSums,
): Promise<StoreFileCheck> {
  const file = path.join(store, canonicalStorePath(module, version, kind))
  if (kind !== 'zip') {
    const data = await readFile(file).catch(() => undefined)
    if (data === undefined) return { problem: `cannot read ${kind}` }
    return { problem: smallFileProblem(data, module, version, kind, sums) }
  }
  const allowed = sums.zip(module, version)
  const recorded = (await readFile(file + 'hash', 'utf8').catch(() => '')).trim()
  if (recorded !== '' && allowed?.includes(recorded)) return { h1: recorded, recorded: true }
  const checked = await sharedZipSlots.run(() => checkZip(file, module, version))
  if (!checked.ok) return { problem: checked.reason }
  const problem = zipSumProblem(checked.h1, module, version, sums)
  return problem === undefined ? { h1: checked.h1 } : { problem }
}

/** Writes a zip's .ziphash into a store (a Store or its directory), atomically; the error when it could not. */
export async function writeZipHash(
  store: Store | string,
  module: string,
  version: string,
  h1: string,
): Promise<unknown> {
  try {
    const into = typeof store === 'string' ? new Store(store) : store
    await into.write(canonicalStorePath(module, version, 'zip') + 'hash', (tmp) => writeFile(tmp, h1))
    return undefined
  } catch (err) {
    return err ?? new Error('unknown')
  }
}

/** The checksum database's word on a file's h1: why it is refused, or undefined (sumdb.ts's check). */
export type Checksums = (
  module: string,
  version: string,
  kind: 'mod' | 'zip',
  h1: string,
) => Promise<string | undefined>

/** What a Verifier works with; `concurrency` bounds zip checks, `checkZip` is for tests. */
export interface VerifierDeps {
  store: Store
  sums: GoSums
  log: Logger
  stamps?: Stamps
  concurrency?: number
  checkZip?: typeof checkZip
  /** Fetched files go.sum has no line for are held to it before they are stored. */
  checksums?: Checksums
}

/** The proxy's checks of canonical files: zip checks queue in slots, stamps skip zips seen before. */
export class Verifier {
  // Ten go commands plus a prefetch may all need zips verified at once: each check is a core
  // and a read buffer, so they queue here instead of competing without bound.
  private readonly zipSlots: Semaphore
  private readonly zipCheck: typeof checkZip
  /** Runs a task in a zip slot (stamps hash zips in one too). */
  readonly slot = <T>(task: () => Promise<T>): Promise<T> => this.zipSlots.run(task)

  constructor(private readonly deps: VerifierDeps) {
    this.zipSlots = new Semaphore(Math.max(1, deps.concurrency ?? DEFAULT_VERIFY_CONCURRENCY))
    this.zipCheck = deps.checkZip ?? checkZip
  }

  /**
   * Checks a canonical file on disk; undefined = good, else why it is refused. A zip checked in
   * full is stamped. `fetched` marks a fetch's temp file: held to the checksum database too when
   * go.sum has no line for it, and a zip's h1 is handed to it to stamp once stored (renaming a
   * file changes its ctime, so a temp file's stamp would never hold).
   */
  async check(
    file: string,
    module: string,
    version: string,
    kind: FileKind,
    fetched?: (h1: string) => void,
  ): Promise<string | undefined> {
    const problem =
      kind === 'zip'
        ? await this.checkZipFile(file, module, version, fetched)
        : await this.checkSmallFile(file, module, version, kind, fetched !== undefined)
    return problem === undefined ? undefined : `verification failed: ${module}@${version}: ${problem}`
  }

  private async checkSmallFile(
    file: string,
    module: string,
    version: string,
    kind: 'info' | 'mod',
    fetched: boolean,
  ): Promise<string | undefined> {
    const data = await readFile(file)
    const problem = smallFileProblem(data, module, version, kind, this.deps.sums)
    if (problem !== undefined || kind !== 'mod' || !fetched) return problem
    return this.databaseProblem(module, version, 'mod', () => hashMod(data))
  }

  /** The checksum database's word on a fetched file go.sum does not list. */
  private async databaseProblem(
    module: string,
    version: string,
    kind: 'mod' | 'zip',
    h1: () => string,
  ): Promise<string | undefined> {
    const listed = kind === 'mod' ? this.deps.sums.mod(module, version) : this.deps.sums.zip(module, version)
    if (listed || !this.deps.checksums) return undefined
    return this.deps.checksums(module, version, kind, h1())
  }

  private async checkZipFile(
    file: string,
    module: string,
    version: string,
    fetched?: (h1: string) => void,
  ): Promise<string | undefined> {
    const rel = canonicalStorePath(module, version, 'zip')
    // A zip this store's proxies checked in full before needs only its bytes hashed again.
    let h1 = await this.deps.stamps?.read(rel, file, this.slot)
    const stamped = h1 !== undefined
    if (h1 === undefined) {
      const checked = await this.slot(() => this.zipCheck(file, module, version))
      if (!checked.ok) return checked.reason
      h1 = checked.h1
    }
    const known = h1
    const bad =
      zipSumProblem(known, module, version, this.deps.sums) ??
      (fetched ? await this.databaseProblem(module, version, 'zip', () => known) : undefined)
    if (bad !== undefined) return bad
    if (!stamped) {
      const stamp = fetched ? fetched(h1) : this.deps.stamps?.write(rel, file, h1, this.slot)
      await Promise.all([this.recordZipHash(module, version, h1), stamp])
    }
    return undefined
  }

  // The go command's own `<version>.ziphash` beside a verified zip: with the store as its
  // cache/download it then extracts without hashing the zip again. Best effort.
  private async recordZipHash(module: string, version: string, h1: string): Promise<void> {
    const err = await writeZipHash(this.deps.store, module, version, h1)
    if (err !== undefined)
      this.deps.log.debug(`could not write the .ziphash of ${module}@${version}: ${String(err)}`)
  }

  /** Stamps a fetched zip once stored (see check's `checkedZip`). */
  stamp(rel: string, file: string, h1: string, inode: string): Promise<void> | undefined {
    return this.deps.stamps?.write(rel, file, h1, this.slot, inode)
  }

  /** Drops what described a refused zip: its .ziphash and its stamp. */
  async forgetZip(rel: string): Promise<void> {
    await Promise.all([this.deps.store.remove(rel + 'hash'), this.deps.stamps?.remove(rel)])
  }
}
