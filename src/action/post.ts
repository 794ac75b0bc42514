import * as core from '../runner/workflow.js'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { actionsCache, type CacheProvider } from '../cache/index.js'
import type { Built } from '../entry/build.js'
import { exactHit } from '../entry/layer.js'
import { readContext, type Env } from './context.js'
import { READY_FILE, stopProxy } from './launcher.js'
import { GoSums } from '../proxy/index.js'
import { loadState, type State } from './state.js'
import { fetchedPastProxy } from '../entry/sumset.js'
import { writeSummary } from './summary.js'
import type { Saved } from '../entry/save.js'
import { readUsage, type Usage } from '../entry/usage.js'
import { saveBuild } from './buildcache.js'
import { saveToolchains } from './toolchain.js'
import { stopExtraction } from './extract.js'

/** Side effects post can be given instead of the real ones (tests). */
export interface PostDeps {
  cache?: CacheProvider
}

/** The post step: decide, build and save the entry, stop the proxy, summarize. Never fails the job. */
export async function runPost(env: Env, deps: PostDeps = {}): Promise<void> {
  try {
    await post(env, deps)
  } catch (error) {
    core.warning(`go-mod-cache: post step: ${(error as Error).message}`)
  }
}

async function post(env: Env, deps: PostDeps): Promise<void> {
  const { runner } = readContext(env)
  core.connect(runner.channel)
  const state = loadState()
  if (state === undefined) return core.info('go-mod-cache: main did not run to the end; nothing to do')
  if (state.extract) await stopExtraction(state.extract)
  // Stop first: the proxy buffers its journal, and only a stopped proxy's journal is complete.
  const stopped = state.proxy
    ? await stopProxy(state.proxy.pid, undefined, readyFileOf(state.proxy.log))
    : 'gone'
  const usage = state.proxy ? await readUsage(state.proxy.journal) : undefined
  const fromJournal = usage?.fetched.files ?? 0
  const pastProxy = fromJournal > 0 ? 0 : await fetchedDirect(state).catch(() => 0)
  let saved: Saved = { key: '', reason: 'nothing to save' }
  // Windows has no SIGTERM: Node's kill ends the proxy at once, unflushed journal lines and all.
  const reason = whyNotSave(
    state,
    fromJournal + pastProxy,
    stopped === 'stopped' && process.platform !== 'win32',
  )
  if (reason !== undefined) saved.reason = reason
  else {
    // Loaded only now: the cache library and the proxy core are most of the bundle, and most
    // posts (every exact hit) never save.
    const { save } = await import('../entry/save.js')
    // The trees in GOMODCACHE tell what the job needed unless main extracted every zip ahead.
    const trees = state.extract && !state.extract.listed ? undefined : state.modCache
    saved = await core.group('Save Go modules to the Actions cache', () =>
      save({ ...state, modCache: trees }, usage, runner.run, deps.cache ?? actionsCache(runner.cache)),
    )
  }
  const cache = deps.cache ?? actionsCache(runner.cache)
  const build = state.build ? await saveBuild(state.build, cache) : undefined
  const toolchains = state.toolchain ? await saveToolchains(state.toolchain, cache, runner.run) : []
  if (state.proxy) await showLog(state.proxy.log, stopped, usage, saved.built)
  core.setOutput('modules-fetched', String(usage?.fetched.modules ?? 0))
  core.setOutput('modules-from-cache', String(state.restored.modules))
  try {
    writeSummary(state, usage, saved, pastProxy, build, toolchains)
  } catch (error) {
    core.debug(`summary: ${String(error)}`)
  }
}

/**
 * Why post does not save, or undefined when it should try. `fetched`: files the job fetched (the
 * journal's, or else those the go command fetched direct). `journalComplete`: the proxy ran and
 * stopped cleanly, so its journal names everything it fetched.
 */
export function whyNotSave(state: State, fetched: number, journalComplete: boolean): string | undefined {
  if (state.primaryKey === '') return 'no dependency file matched'
  if (!state.saveAllowed) return 'saving is off for this job (save input, cache input, cache mode or fork)'
  if (state.cacheFailed) return 'the cache service failed in main'
  if (exactHit(state)) return 'exact hit: the entry exists'
  if (fetched > 0) return undefined
  // A proxy killed or crashed mid-job lost the journal lines it had not flushed, and the go
  // command's fallback then fetched past it: a key with no entry yet is saved, not left empty.
  if (!journalComplete) return undefined
  if (state.matchedKey === '' && state.saveAlways) return undefined
  return 'the job fetched nothing new'
}

// Modules the go command fetched itself (GONOPROXY ones, a `direct` fallback) are new to the entry
// too, though no journal names them. Only a key that missed can need them.
async function fetchedDirect(state: State): Promise<number> {
  if (exactHit(state)) return 0
  const text = await readFile(state.sumFile, 'utf8').catch(() => '')
  return fetchedPastProxy(state.store, GoSums.parse(text), state.startedAt)
}

async function showLog(
  log: string,
  stopped: string,
  usage: Usage | undefined,
  built: Built | undefined,
): Promise<void> {
  const trouble = stopped !== 'stopped' || (usage?.refused ?? 0) > 0 || (built?.rejected.length ?? 0) > 0
  if (!trouble && !core.isDebug()) return
  const text = await readFile(log, 'utf8').catch(() => '(no log)')
  core.startGroup(`Go module proxy log (${stopped})`)
  core.info(text)
  core.endGroup()
}

/** The ready file beside the proxy's log: its path is on the proxy's command line. */
function readyFileOf(log: string): string {
  return join(dirname(log), READY_FILE)
}
