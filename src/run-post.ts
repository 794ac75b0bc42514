import * as core from '@actions/core'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { actionsCache, type CacheProvider } from './cache.js'
import { completer } from './complete.js'
import { buildEntry, type Built } from './entry.js'
import { READY_FILE, stopProxy } from './launcher.js'
import { CLAIM_PATH, ENTRY_PATH, inWorkspace } from './paths.js'
import { DEFAULT_UPSTREAM } from './proxy/config.js'
import { GoSums } from './proxy/gosum.js'
import { loadState, type State } from './state.js'
import { writeSummary, type Saved } from './summary.js'
import { readUsage, type Usage } from './usage.js'

/** Side effects post can be given instead of the real ones (tests). */
export interface PostDeps {
  cache?: CacheProvider
  env?: Record<string, string | undefined>
}

/** The post step: decide, build and save the entry, stop the proxy, summarize. Never fails the job. */
export async function runPost(deps: PostDeps = {}): Promise<void> {
  try {
    await post(deps)
  } catch (error) {
    core.warning(`go-mod-cache: post step: ${(error as Error).message}`)
  }
}

async function post(deps: PostDeps): Promise<void> {
  const state = loadState()
  if (state === undefined) return core.info('go-mod-cache: main did not run to the end; nothing to do')
  const env = deps.env ?? process.env
  const cache = deps.cache ?? actionsCache
  // Stop first: the proxy buffers its journal, and only a stopped proxy's journal is complete.
  const stopped = state.proxy
    ? await stopProxy(state.proxy.pid, undefined, readyFileOf(state.proxy.log))
    : 'gone'
  const usage = state.proxy ? await readUsage(state.proxy.journal) : undefined
  let saved: Saved = { key: '', reason: 'nothing to save' }
  const reason = whyNotSave(state, usage)
  if (reason !== undefined) saved.reason = reason
  else saved = await core.group('Save Go modules to the Actions cache', () => save(state, usage, cache, env))
  if (state.proxy) await showLog(state.proxy.log, stopped, usage, saved.built)
  core.setOutput('modules-fetched', String(usage?.fetched.modules ?? 0))
  core.setOutput('modules-from-cache', String(state.restored.modules))
  await writeSummary(state, usage, saved).catch((error: unknown) => core.debug(`summary: ${String(error)}`))
}

/** Why post does not save, or undefined when it should try. */
export function whyNotSave(state: State, usage: Usage | undefined): string | undefined {
  if (state.primaryKey === '') return 'no dependency file matched'
  if (!state.saveAllowed) return 'saving is off for this job (save input, cache input, cache mode or fork)'
  if (state.cacheFailed) return 'the cache service failed in main'
  if (state.matchedKey === state.primaryKey) return 'exact hit: the entry exists'
  if ((usage?.fetched.files ?? 0) > 0) return undefined
  if (state.matchedKey === '' && state.saveAlways) return undefined
  return 'the job fetched nothing new'
}

async function save(
  state: State,
  usage: Usage | undefined,
  cache: CacheProvider,
  env: Record<string, string | undefined>,
): Promise<Saved> {
  const key = state.primaryKey
  // A matrix sibling may have saved this key already: finding out costs no archive work.
  const lookup = await cache.restore([ENTRY_PATH], key, [], true)
  if (lookup.failed) return { key: '', reason: 'the cache service failed' }
  if (lookup.value === key) {
    core.info(`${key} already exists (saved by another job): not saving`)
    return { key: '', reason: 'saved by another job' }
  }
  if (!(await claim(key, cache, env))) return { key: '', reason: 'another job is saving this key' }
  const entryDir = inWorkspace(ENTRY_PATH, env)
  try {
    const sums = GoSums.parse(await readFile(state.sumFile, 'utf8'))
    const fetcher = completer({
      store: state.store,
      upstream: state.upstream ?? DEFAULT_UPSTREAM,
      goSum: [state.sumFile],
    })
    const built = await buildEntry({
      entryDir,
      store: state.store,
      sums,
      used: usage?.used ?? [],
      complete: (f) => fetcher.complete(f),
    }).finally(() => fetcher.close())
    if (built.missing.length > 0)
      core.info(
        `${built.missing.length} files of go.sum could not be had: ${built.missing.slice(0, 5).join(', ')}`,
      )
    for (const line of built.rejected) core.warning(`go-mod-cache: left out of the entry: ${line}`)
    if (built.files === 0) return { key: '', reason: 'the entry would be empty', built }
    const outcome = await cache.save([ENTRY_PATH], key)
    if (outcome.value === -1)
      return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job', built }
    core.info(`Saved ${key}: ${built.files} files, ${built.bytes} bytes`)
    return { key, reason: 'saved', built }
  } finally {
    await rm(entryDir, { recursive: true, force: true })
  }
}

/**
 * Claims the save with a tiny entry under another key and path: when simultaneous matrix jobs race,
 * only the first gets it, and the others skip the archive work (the real save would 409 at the end).
 */
async function claim(
  key: string,
  cache: CacheProvider,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  const dir = inWorkspace(CLAIM_PATH, env)
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'claim'), `${key}\n`)
  try {
    const claimKey = `claim-${key}-${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
    const outcome = await cache.save([CLAIM_PATH], claimKey)
    if (outcome.value === -1 && !outcome.failed)
      core.info(`Another job of this run is saving ${key}: not saving`)
    return outcome.value !== -1
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
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
