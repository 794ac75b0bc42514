import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { canonicalStorePath, mapLimited, type GoSums } from '../proxy/index.js'

/** One file of a module version in GOPROXY layout. */
export interface ModuleFile {
  module: string
  version: string
  file: 'info' | 'mod' | 'zip'
}

/** The store-relative path of a module file, rebuilt from escaped values (throws on a bad path). */
export function relPath(f: ModuleFile): string {
  return canonicalStorePath(f.module, f.version, f.file)
}

/** The go.sum set: .mod for every line, .info and .zip for versions with a full h1 line. */
export function sumSet(sums: GoSums): ModuleFile[] {
  const files: ModuleFile[] = []
  for (const { module, version, zip } of sums.versions()) {
    files.push({ module, version, file: 'mod' })
    if (zip) files.push({ module, version, file: 'info' }, { module, version, file: 'zip' })
  }
  return files
}

/**
 * How many .mod and .zip files of the go.sum set the store got since `since` (ms since the epoch):
 * with no fetch in the journal, the go command fetched them past the proxy (GONOPROXY, `direct`).
 * Restored files keep their archive's older mtimes, so they do not count.
 */
export async function fetchedPastProxy(store: string, sums: GoSums, since: number): Promise<number> {
  const files = sumSet(sums).filter((f) => f.file !== 'info')
  const times = await mapLimited(files, 32, (f) =>
    stat(join(store, relPath(f))).then(
      (s) => s.mtimeMs,
      () => -1,
    ),
  )
  return times.filter((t) => t >= since).length
}
