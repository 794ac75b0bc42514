import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The cache entry directory as @actions/cache sees it: relative to the workspace, the same string on
 * every OS and run (the cache version hashes it). Not '../x': @actions/glob refuses '..' in save
 * patterns. It lives only while main restores and post saves, and is removed right after.
 */
export const ENTRY_PATH = '.go-mod-cache-entry'

/** The tiny claim entry's directory; a different path, so its version never meets the real entry's. */
export const CLAIM_PATH = '.go-mod-cache-claim'

/** The proxy's CLI bundle beside this bundle: dist/main/index.js -> dist/cli/index.js. */
export function cliBundle(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'index.js')
}

/** The GOCACHEPROG program's bundle beside this bundle: dist/main/index.js -> dist/cacheprog/index.js. */
export function cacheprogBundle(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'cacheprog', 'index.js')
}
