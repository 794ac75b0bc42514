import * as core from '../runner/workflow.js'
import { libraryCache } from './library-cache.js'
import type { CacheEnv, CacheProvider } from './provider.js'
import { streamingCache } from './v2/index.js'

export type { CacheEnv, CacheOutcome, CacheProvider, ExtraFile } from './provider.js'
export { cacheMode, type CacheMode } from './mode.js'
export { libraryCache } from './library-cache.js'
export { streamingCache } from './v2/index.js'

/**
 * The real cache: the streaming v2 client where it applies (cache/v2/index.ts), else @actions/cache.
 * Chosen on first use, so a step that never touches the cache never looks.
 */
export function actionsCache(env: CacheEnv): CacheProvider {
  let provider: CacheProvider | undefined
  const chosen = (): CacheProvider => {
    if (provider === undefined) {
      const streaming = streamingCache(env)
      core.debug(`cache client: ${streaming ? 'streaming v2' : '@actions/cache'}`)
      provider = streaming ?? libraryCache(env.workspace)
    }
    return provider
  }
  return {
    restore: (...args) => chosen().restore(...args),
    saveFiles: (...args) => chosen().saveFiles(...args),
    reserve: (...args) => chosen().reserve(...args),
    available: () => chosen().available(),
  }
}
