// Temp files a crashed writer left in the store: removed at start, never a live sharer's (two
// proxies, or a proxy and the action's restore, may write one store at once).
import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../log.js'
import type { Store } from './store.js'

/** A temp name: `<file>.tmp-<pid>[-<random hex>]` (tempName, entry/restore.ts), or without a pid. */
const TEMP = /\.tmp-(?:(\d+)(?:-[0-9a-f]+)?)?$/

/** What the sweep may be told; the defaults are the real clock and process table. */
export interface SweepOptions {
  /** Whether a process id names a live process. */
  alive?: (pid: number) => boolean
  now?: () => number
  /**
   * A dead writer's file is left this long after its last write: a sharer in another pid
   * namespace (a container on the same store) looks dead from here while it writes.
   */
  deadGraceMs?: number
  /** A temp file whose name holds no pid is removed once this old. */
  noPidMaxAgeMs?: number
}

const MINUTE = 60_000

/** Removes temp files of writers that no longer exist; resolves with how many, never rejects. */
export async function sweepTempFiles(store: Store, log: Logger, opts: SweepOptions = {}): Promise<number> {
  const alive = opts.alive ?? isAlive
  const now = (opts.now ?? Date.now)()
  const grace = opts.deadGraceMs ?? 10 * MINUTE
  const noPidAge = opts.noPidMaxAgeMs ?? 24 * 60 * MINUTE
  let removed = 0
  try {
    const entries = await readdir(store.root, { recursive: true, withFileTypes: true })
    for (const e of entries) {
      const m = e.isFile() ? TEMP.exec(e.name) : null
      if (!m) continue
      const pid = m[1] === undefined ? undefined : Number(m[1])
      if (pid === process.pid || (pid !== undefined && alive(pid))) continue
      const file = path.join(e.parentPath, e.name)
      const st = await stat(file).catch(() => undefined)
      if (!st || now - st.mtimeMs < (pid === undefined ? noPidAge : grace)) continue
      await rm(file, { force: true })
      removed++
    }
  } catch (err) {
    log.debug(`temp file sweep of ${store.root} stopped: ${String(err)}`)
  }
  if (removed > 0) log.info(`removed ${removed} temp files left in the store by processes that no longer run`)
  return removed
}

/** process.kill(pid, 0): EPERM means it exists (another user's), ESRCH that it does not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
