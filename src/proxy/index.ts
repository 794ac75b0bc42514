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
export { DEFAULTS, DEFAULT_UPSTREAM } from './config.js'
