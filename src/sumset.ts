import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { matchPrefixPatterns } from './proxy/globs.js'
import type { GoSums } from './proxy/gosum.js'
import { escapePath, escapeVersion } from './proxy/modpath.js'

/** One file of a module version in GOPROXY layout. */
export interface ModuleFile {
  module: string
  version: string
  file: 'info' | 'mod' | 'zip'
}

/** The store-relative path of a module file, rebuilt from escaped values (throws on a bad path). */
export function relPath(f: ModuleFile): string {
  return `${escapePath(f.module)}/@v/${escapeVersion(f.version)}.${f.file}`
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
 * How many go.sum-set files of GONOPROXY modules the store got since `since` (ms since the epoch):
 * the go command fetched them itself, past the proxy and its journal, into
 * GOMODCACHE/cache/download, which is the store unless a persistent one is set. Restored files
 * keep the older mtimes their archive gave them.
 */
export async function fetchedPastProxy(
  store: string,
  sums: GoSums,
  noProxy: string,
  since: number,
): Promise<number> {
  if (noProxy === '') return 0
  const own = sumSet(sums).filter((f) => f.file !== 'info' && matchPrefixPatterns(noProxy, f.module))
  const times = await Promise.all(
    own.map((f) =>
      stat(join(store, relPath(f))).then(
        (s) => s.mtimeMs,
        () => -1,
      ),
    ),
  )
  return times.filter((t) => t >= since).length
}
