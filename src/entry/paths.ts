/**
 * The cache entry directory as @actions/cache sees it: relative to the workspace, the same string on
 * every OS and run (the cache version hashes it). Not '../x': @actions/glob refuses '..' in save
 * patterns. It lives only while main restores and post saves, and is removed right after.
 */
export const ENTRY_PATH = '.go-mod-cache-entry'

/** The tiny claim entry's directory; a different path, so its version never meets the real entry's. */
export const CLAIM_PATH = '.go-mod-cache-claim'

/** Toolchain entries: saved from GOMODCACHE/cache/download, named as under this workspace path. */
export const TOOLCHAIN_ENTRY_PATH = '.go-toolchain-entry'
