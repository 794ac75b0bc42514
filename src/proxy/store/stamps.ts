import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { link, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../log.js'
import { isMissing, tempName, type Store } from './store.js'

/** Where stamps and their key live: a leading dot, so no module path can ever name it. */
const STAMP_DIR = '.stamps'

/**
 * Records of zips this store's proxies checked in full, trusted again when the file's metadata
 * (ctime included) or else the sha256 of its bytes still match. Keyed by a store-local key never
 * cached, so restored zips and forged stamps are checked in full.
 */
export class Stamps {
  private key: Promise<Buffer | undefined> | undefined

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /**
   * The h1 a valid stamp records for the zip at `file` (store path `rel`), or undefined. `limit`
   * runs the zip's hashing, the one costly step (a missing or bad stamp never gets that far).
   */
  async read(rel: string, file: string, limit: Limit = run): Promise<string | undefined> {
    const key = await this.loadKey()
    if (!key) return undefined
    let text: string
    try {
      text = readFileSync(this.store.abs(stampPath(rel)), 'utf8') // a few hundred bytes
    } catch {
      return undefined
    }
    const lines = text.split('\n')
    const [h1, digest] = lines
    // h1, digest, mac; or, since the metadata is recorded, h1, digest, metadata, mac.
    const meta = lines.length > 4 ? lines[2] : undefined
    const mac = lines.length > 4 ? lines[3] : lines[2]
    if (!h1 || !digest || !mac || meta === '') return undefined
    const want = Buffer.from(sign(key, rel, h1, digest, meta), 'hex')
    const got = Buffer.from(mac, 'hex')
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined
    const now = fileMeta(file)
    if (meta !== undefined && meta === now) return h1
    if ((await limit(() => sha256File(file))) !== digest) return undefined
    // Same bytes under new metadata: a hard link made or removed (post's entry), a copy with -p,
    // a stamp from before metadata was recorded. Stamped afresh, the next process reads it unread.
    if (now !== undefined) await this.record(key, rel, h1, digest, now)
    return h1
  }

  /**
   * Stamps the fully checked zip at `file`, stored as `rel`; best effort. With `inode` (device and
   * inode of the file checked), nothing is stamped unless `file` still is that file: another
   * process may have renamed its own copy over it since.
   */
  async write(rel: string, file: string, h1: string, limit: Limit = run, inode?: string): Promise<void> {
    try {
      const key = await this.loadKey()
      if (!key) return
      // Before the hash: a write while it reads changes the metadata, and the stamp then holds
      // for neither the old bytes nor the new without a fresh sha256.
      const meta = fileMeta(file)
      if (inode !== undefined && !meta?.startsWith(`${inode}:`)) return
      const digest = await limit(() => sha256File(file))
      await this.record(key, rel, h1, digest, meta)
    } catch (err) {
      this.log.debug(`could not stamp ${rel}: ${String(err)}`)
    }
  }

  // Catches on its own: read() calls it too. A stamp not written costs the next process a sha256.
  private async record(key: Buffer, rel: string, h1: string, digest: string, meta?: string): Promise<void> {
    const mac = sign(key, rel, h1, digest, meta)
    const text = meta === undefined ? `${h1}\n${digest}\n${mac}\n` : `${h1}\n${digest}\n${meta}\n${mac}\n`
    try {
      await this.store.write(stampPath(rel), (tmp) => writeFile(tmp, text))
    } catch (err) {
      this.log.debug(`could not stamp ${rel}: ${String(err)}`)
    }
  }

  /** Drops the stamp of a zip found bad, so nothing describes it any more. */
  async remove(rel: string): Promise<void> {
    await this.store.remove(stampPath(rel))
  }

  private loadKey(): Promise<Buffer | undefined> {
    this.key ??= loadOrCreateKey(this.store.abs(`${STAMP_DIR}/key`)).catch((err: unknown) => {
      // A read-only store, say: every zip is then checked in full, as without stamps.
      this.log.debug(`verification stamps off: ${String(err)}`)
      return undefined
    })
    return this.key
  }
}

/** Runs a task, perhaps after waiting for a slot (files.ts bounds zip work this way). */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>
const run: Limit = (task) => task()

function stampPath(rel: string): string {
  return `${STAMP_DIR}/${rel}.stamp`
}

function sign(key: Buffer, rel: string, h1: string, digest: string, meta?: string): string {
  const signed = meta === undefined ? `${rel}\0${h1}\0${digest}` : `${rel}\0${h1}\0${digest}\0${meta}`
  return createHmac('sha256', key).update(signed).digest('hex')
}

/** What identifies one version of a file on disk; undefined when it cannot be stat'ed. */
function fileMeta(file: string): string | undefined {
  const st = statSync(file, { bigint: true, throwIfNoEntry: false })
  return st && `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`
}

/**
 * Which file a path names (device and inode: the start of its metadata), to hand to write() for
 * a file checked before a rename moved it into place.
 */
export function inodeOf(file: string): string {
  const st = statSync(file, { bigint: true })
  return `${st.dev}:${st.ino}`
}

async function loadOrCreateKey(file: string): Promise<Buffer> {
  return (await readKey(file)) ?? createKey(file)
}

/**
 * Creates the store's key unless another process did since we looked; either way returns the key
 * in the file, so several processes starting at once on one store all end up with the same one.
 */
export async function createKey(file: string): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true })
  const tmp = tempName(file)
  await writeFile(tmp, randomBytes(32).toString('hex'), { mode: 0o600 })
  try {
    // link, unlike rename, never replaces a key another process created a moment ago.
    await link(tmp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  } finally {
    await rm(tmp, { force: true })
  }
  const key = await readKey(file)
  if (!key) throw new Error(`${file} holds no key`)
  return key
}

async function readKey(file: string): Promise<Buffer | undefined> {
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex')
    return key.length === 32 ? key : undefined
  } catch (err) {
    if (isMissing(err)) return undefined
    throw err
  }
}

/** sha256 of a file through one reused buffer: the bytes of every zip pass, none of them stay. */
async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  const buf = Buffer.allocUnsafe(128 * 1024)
  const fh = await open(file, 'r')
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null)
      if (bytesRead === 0) break
      hash.update(buf.subarray(0, bytesRead))
    }
  } finally {
    await fh.close()
  }
  return hash.digest('hex')
}
