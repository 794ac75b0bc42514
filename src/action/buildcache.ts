import * as core from '../runner/workflow.js'
import { join } from 'node:path'
import type { CacheProvider } from '../cache/index.js'
import {
  buildKeyPrefix,
  buildRestorePrefixes,
  restoreBuildCache,
  saveBuildCache,
  type BuildCacheState,
  type BuildSaved,
} from '../buildcache/entry.js'
import { hasCacheProg, readGoBuildEnv, type GoBuildEnv } from '../buildcache/goenv.js'
import { ageRecent } from '../buildcache/restore.js'
import { endMark, markJob } from '../buildcache/sharers.js'
import type { Env } from './context.js'
import type { Inputs } from './inputs.js'
import { cacheprogBundle } from './paths.js'

/** The build cache as main leaves it for post; undefined when it is off for this job. */
export type BuildState = BuildCacheState & { saveAllowed: boolean; version: string }

/** What main knows when it turns to the build cache. */
export interface BuildStart {
  inputs: Pick<Inputs, 'buildCache' | 'keyPrefix' | 'buildCacheScope'>
  /** The job's environment as later steps will have it (GOPROXY and GOFLAGS exported). */
  env: Env
  workspace: string
  dir: string
  cache: CacheProvider
  read: boolean
  saveAllowed: boolean
}

/**
 * Main's part: asks the job's go command for its version and GOCACHE, restores the newest entry
 * of that OS, arch and Go version, and marks the time from which uses count. Never fails the job.
 */
export async function startBuildCache(start: BuildStart): Promise<BuildState | undefined> {
  if (start.inputs.buildCache === 'false') return undefined
  const go = await readGoBuildEnv(start.env, start.workspace)
  if ('reason' in go) return void core.info(`The Go build cache is not cached: ${go.reason}`)
  if (go.gocacheprog) {
    return void core.info(`GOCACHEPROG is set by the job (${go.gocacheprog}): the build cache is left to it`)
  }
  const mode = cacheMode(start.inputs.buildCache, go)
  const prefixes = buildRestorePrefixes(
    buildKeyPrefix(start.inputs.keyPrefix, go),
    start.inputs.buildCacheScope,
  )
  // The job saves under its own scope's prefix.
  const prefix = prefixes[0]
  // Before the restore, whose times another job sharing GOCACHE would misread.
  const mark = await markJob(go.gocache, start.env.RUNNER_NAME ?? '')
  const restored = await core.group('Restore the Go build cache', () => restore(start, prefixes, go))
  const journal = join(start.dir, 'gocacheprog.journal')
  if (mode === 'prog') core.exportVariable('GOCACHEPROG', progCommand(go.gocache, journal))
  return {
    gocache: go.gocache,
    prefix,
    mode,
    journal,
    since: Date.now(),
    version: go.version,
    saveAllowed: start.saveAllowed && !restored.failed,
    matchedKey: restored.matchedKey,
    restoredList: restored.restoredList,
    restoredBytes: restored.restoredBytes,
    ...(restored.base ? { base: restored.base } : {}),
    ...(mark ? { mark } : {}),
  }
}

function cacheMode(input: Inputs['buildCache'], go: GoBuildEnv): 'dir' | 'prog' {
  if (input !== 'gocacheprog') return 'dir'
  if (hasCacheProg(go.version)) return 'prog'
  core.info(`${go.version} has no GOCACHEPROG (Go 1.24+): the build cache's use is read from GOCACHE's times`)
  return 'dir'
}

type Restored = Awaited<ReturnType<typeof restoreBuildCache>>

// A cache failure leaves the build cache as it was: uncached, never a failed job.
async function restore(
  start: BuildStart,
  prefixes: [string, ...string[]],
  go: GoBuildEnv,
): Promise<Restored> {
  const none: Restored = { matchedKey: '', restoredList: '', restoredBytes: 0, files: 0, failed: false }
  try {
    if (!start.read) {
      await ageRecent(go.gocache)
      return none
    }
    const r = await restoreBuildCache(start.cache, start.workspace, prefixes, go.gocache, start.dir)
    if (!r.matchedKey) await ageRecent(go.gocache)
    core.info(
      r.matchedKey
        ? `Build cache ${r.matchedKey}: ${r.files} files, ${r.restoredBytes} bytes new to ${go.gocache}`
        : r.failed
          ? 'Build cache not restored: the cache service failed (the warning above says how); building uncached'
          : `No build cache entry for ${prefixes.map((p) => `${p}*`).join(' or ')}`,
    )
    return r
  } catch (error) {
    core.warning(`go-mod-cache: the build cache was not restored: ${(error as Error).message}`)
    return { ...none, failed: true }
  }
}

// The go command splits GOCACHEPROG on spaces, honouring quotes (cmd/internal/quoted).
function progCommand(gocache: string, journal: string): string {
  const quote = (s: string): string => (/\s|'/.test(s) ? `"${s}"` : s)
  return [process.execPath, cacheprogBundle(), gocache, journal].map(quote).join(' ')
}

/** Post's part: saves what the job used and produced, when it is new. Never fails the job. */
export async function saveBuild(state: BuildState, cache: CacheProvider): Promise<BuildSaved | undefined> {
  try {
    if (!state.saveAllowed) return undefined
    return await core.group('Save the Go build cache', () => saveBuildCache(state, cache))
  } catch (error) {
    core.warning(`go-mod-cache: the build cache was not saved: ${(error as Error).message}`)
    return undefined
  } finally {
    // Whether or not it saves: a job still running beside this one must see it ended.
    if (state.mark) await endMark(state.gocache, state.mark)
  }
}
