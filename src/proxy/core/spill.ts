// Where fetched files go when the store cannot take them (a full or read-only disk): a directory
// of this process's own, outside the store, removed at close. Verified and served the same way.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Logger } from '../log.js'
import type { StoreEntry } from '../store/store.js'

/** Errors that say the store cannot be written at all, not that one answer was bad. */
const UNWRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'])

/** True when `err` says the store is full or read-only. */
export function isUnwritable(err: unknown): err is NodeJS.ErrnoException {
  return UNWRITABLE.has((err as NodeJS.ErrnoException | undefined)?.code ?? '')
}

/** Files fetched but not stored, each under a name of its own; said once in the log. */
export class Spill {
  private dir: Promise<string> | undefined
  private said = false
  private n = 0

  constructor(
    private readonly log: Logger,
    private readonly onUnstored: () => void = () => {},
    private readonly base: string = tmpdir(),
  ) {}

  /** Says once why the store is skipped; counts every file served without being stored. */
  note(err: NodeJS.ErrnoException, rel: string): void {
    this.onUnstored()
    if (this.said) return
    this.said = true
    this.log.warn(
      `the store cannot be written (${err.code}: ${err.message}; at ${rel}): serving what upstream answers, ` +
        'verified as always, without storing it',
    )
  }

  /** Like Store.write, outside the store: `fill` writes the path given; a failure removes it. */
  async write(rel: string, fill: (file: string) => Promise<void>): Promise<StoreEntry> {
    this.dir ??= mkdtemp(path.join(this.base, 'go-mod-cache-unstored-'))
    const file = path.join(await this.dir, `${++this.n}-${path.basename(rel)}`)
    try {
      await fill(file)
      const st = await stat(file)
      // No meta: the copy is not the store's, so a later serve checks the store again.
      return { path: file, size: st.size, mtimeMs: st.mtimeMs, meta: '' }
    } catch (err) {
      await rm(file, { force: true })
      throw err
    }
  }

  /** Removes every file kept (after the last answer was sent). */
  async close(): Promise<void> {
    const dir = await this.dir?.catch(() => undefined)
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  }
}
