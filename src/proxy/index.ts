// The proxy's one public door: start a server, create the core without a listener, verify a
// store file against go.sum, and the store's layout. Nothing outside src/proxy imports past it.
export { isLoopbackHost, memorySummary, splitListen, startProxy, type RunningProxy } from './http/listener.js'
export { createCore, type Core, type CoreConfig, type UpstreamTuning } from './core/core.js'
export {
  DEFAULT_VERIFY_CONCURRENCY,
  verifyStoreFile,
  writeZipHash,
  type FileKind,
  type StoreFileCheck,
} from './core/verify.js'
export { canonicalStorePath, escapePath, escapeVersion, storePath } from './module/modpath.js'

export type { ProxyConfig } from './config.js'
export { checkToken, DEFAULTS, DEFAULT_UPSTREAM, TOKEN_FORM } from './config.js'
export { backoff, DEFAULT_TIMEOUTS } from './upstream/upstream.js'

// --- The front door for code outside src/proxy/ (action, entry, cache, serve): nothing there
// imports a module of this folder but this one (eslint.config.js enforces it).
export type { SumdbConfig } from './config.js'
export type { Logger } from './log.js'
export { streamLogger } from './log.js'
export { GoSums } from './module/gosum.js'
export { matchPrefixPatterns } from './module/globs.js'
export { hashMod } from './zip/dirhash.js'
export { tempName } from './store/store.js'
export { forEachLimited, mapLimited } from './core/pool.js'
export { parseProxyList, type ProxyEntry } from './upstream/goproxy-list.js'
export { parseGoAuth } from './upstream/goauth.js'
