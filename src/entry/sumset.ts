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
 * How many .mod and .zip files of the go.sum set the store got since `since` (ms since the epoch).
 * When the proxy's journal shows no fetch, these were fetched past the proxy by the go command into
 * GOMODCACHE/cache/download (the store, unless a persistent one is set): GONOPROXY modules, or a
 * `direct` fallback after the proxy's 404. Restored files keep the older mtimes their archive gave
 * them (restore.ts keeps them on a copy too).
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
