import * as core from '../runner/workflow.js'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { actionsCache, type CacheProvider } from '../cache/index.js'
import { moveIntoStore, type Restored } from '../entry/restore.js'
import { readContext, type ActionContext, type Env } from './context.js'
import { exportedGoflags, exportedGoproxy, isForkPullRequest } from './goenv.js'
import { upstreamSecrets, type Inputs } from './inputs.js'
import { keyFromFiles, matchFiles, type CacheKey } from '../entry/key.js'
import { exactHit, restoreLayer, type Base } from '../entry/layer.js'
import { readExtracted } from '../entry/extracted.js'
import {
  spawnProxy,
  type LaunchConfig,
  type Launched,
  type LaunchOptions,
  type PendingProxy,
} from './launcher.js'
import { cliBundle } from './paths.js'
import { ENTRY_PATH } from '../entry/paths.js'
import { DEFAULTS, GoSums } from '../proxy/index.js'
import { isLoopback } from '../serve/flags.js'
import { saveState, type State } from './state.js'
import { startBuildCache } from './buildcache.js'
import { startToolchain } from './toolchain.js'
import { startExtraction } from './extract.js'

/** Side effects main can be given instead of the real ones (tests). */
export interface MainDeps {
  cache?: CacheProvider
  cli?: string
  spawn?: LaunchOptions['spawn']
}

/** The main step: key, restore, start the proxy, export GOPROXY/GOFLAGS, save the state for post. */
export async function runMain(env: Env, deps: MainDeps = {}): Promise<void> {
  const startedAt = Date.now()
  const context = readContext(env)
  const { inputs, go, runner } = context
  core.connect(runner.channel)
  if (inputs instanceof Error) return core.setFailed(inputs.message)
  for (const secret of upstreamSecrets(inputs.upstream)) core.setSecret(secret)
  const { dir, store, sumFile, key, pending, cache, useCache, policy } = await prepare(context, inputs, deps)
  // The proxy gets ready while the restore runs; its prefetch waits for release().
  const starting = startProxy(pending, inputs, store, key ? sumFile : undefined, dir, context)
  // The toolchain and the build cache restore beside the modules; their lines wait for the modules' group.
  const goCaches = core.holdLog(() => startGoCaches(context, inputs, starting, dir, cache, policy))
  const restoreStart = Date.now()
  const restore =
    useCache && key && runner.cache.mode.read
      ? await restoreEntry(cache, key, store, dir, runner.workspace, inputs.verifyRestore)
      : { matchedKey: '', failed: false, restored: none() }
  const restoreMs = Date.now() - restoreStart
  pending.release()
  const proxy = exportProxy(await starting, inputs, go)
  // Ahead only of what the restore brought: the prefetch fills the store meanwhile, and an
  // extraction of that would be unlisted (the entry then saves no list).
  const brought = key && restore.restored.modules > 0 ? key.lines : undefined
  const job = { sumFile, store, only: restore.extracted, dir }
  const extract = proxy && brought ? await extractAhead(context, inputs, proxy, brought, job) : undefined
  const caches = await goCaches.done.finally(goCaches.release)
  const state: State = {
    primaryKey: key?.primaryKey ?? '',
    matchedKey: restore.matchedKey,
    sumFile,
    store,
    upstream: inputs.upstream,
    noProxy: go.noProxy,
    goauth: go.goauth,
    entryPath: ENTRY_PATH,
    saveAllowed: useCache && policy.write,
    saveAlways: inputs.save === 'always',
    cacheFailed: restore.failed,
    restored: restore.restored,
    ...(restore.base ? { base: restore.base } : {}),
    proxy,
    startedAt,
    restoreMs,
    modCache: go.modCache,
    ...caches,
    ...(extract ? { extract } : {}),
  }
  saveState(state)
  setOutputs(state, key !== undefined)
}

/** Main's ground before any restore: its directory, the store, the key, the proxy spawned, the cache policy. */
async function prepare(context: ActionContext, inputs: Inputs, deps: MainDeps) {
  const { go, runner } = context
  const dir = await mkdtemp(join(runner.temp, 'go-mod-cache-'))
  const store = inputs.store ? resolve(inputs.store) : join(go.modCache, 'cache', 'download')
  await mkdir(store, { recursive: true })
  // The proxy's Node start-up overlaps the key's file reads; it gets its configuration after them.
  const pending = spawnProxy({ cli: deps.cli ?? cliBundle(), dir, env: context.env, spawn: deps.spawn })
  const cache = deps.cache ?? actionsCache(runner.cache)
  // Loading the cache library overlaps the key's file reads.
  const cacheAvailable = inputs.cache ? cache.available() : Promise.resolve(false)
  const key = await dependencyKey(inputs, [go.modCache, store])
  const sumFile = join(dir, 'go.sum')
  await writeFile(sumFile, key ? key.lines.join('\n') + '\n' : '')
  const available = await cacheAvailable
  const useCache = inputs.cache && key !== undefined && available
  if (inputs.cache && key !== undefined && !available) {
    core.info('The Actions cache service is not available to this job: running uncached')
  }
  const policy = cachePolicy(inputs, runner, available)
  return { dir, store, sumFile, key, pending, cache, useCache, policy }
}

/**
 * The go command's toolchain and build cache, restored beside the modules. The toolchain comes
 * first, so that the build cache's `go env` finds a switch's toolchain restored; that `go env`
 * runs in the environment later steps get, so it waits for the proxy's address. None fails the job.
 */
async function startGoCaches(
  context: ActionContext,
  inputs: Inputs,
  starting: Promise<Started>,
  dir: string,
  cache: CacheProvider,
  policy: { read: boolean; write: boolean },
): Promise<Pick<State, 'toolchain' | 'build'>> {
  const { go, runner } = context
  const toolchain = await startToolchain({
    keyPrefix: inputs.keyPrefix,
    env: context.env,
    workspace: runner.workspace,
    dir,
    download: join(go.modCache, 'cache', 'download'),
    cache,
    read: policy.read,
    saveAllowed: policy.write,
  })
  const build = await startBuildCache({
    inputs,
    env: laterStepsEnv(context, proxyState(await starting), inputs.upstream),
    workspace: runner.workspace,
    dir,
    cache,
    read: policy.read,
    saveAllowed: policy.write,
  })
  return { ...(toolchain ? { toolchain } : {}), ...(build ? { build } : {}) }
}

// The restored modules' extraction, started as soon as they are in the store so it overlaps the rest.
function extractAhead(
  context: ActionContext,
  inputs: Inputs,
  proxy: NonNullable<State['proxy']>,
  lines: string[],
  job: { sumFile: string; store: string; only?: Set<string>; dir: string },
): Promise<State['extract']> {
  const sums = goSums(lines)
  if (!sums) return Promise.resolve(undefined)
  const env = laterStepsEnv(context, proxy, inputs.upstream)
  return startExtraction({ ...job, sums, modCache: context.go.modCache, env })
}

/** Whether this job may read and write the Actions cache (inputs, ACTIONS_CACHE_MODE, fork pull requests). */
function cachePolicy(
  inputs: Inputs,
  runner: ActionContext['runner'],
  available: boolean,
): { read: boolean; write: boolean } {
  const fork = isForkPullRequest(runner.eventPath)
  if (inputs.save === 'auto' && fork) core.info('A pull request from a fork: restore only, nothing is saved')
  const on = inputs.cache && available
  const mode = runner.cache.mode
  return {
    read: on && mode.read,
    write: on && mode.write && inputs.save !== 'never' && !(inputs.save === 'auto' && fork),
  }
}

// The environment later steps will have: the go command main asks about the build cache sees it too.
function laterStepsEnv(context: ActionContext, proxy: State['proxy'], upstream: string): Env {
  if (!proxy) return context.env
  return {
    ...context.env,
    GOPROXY: exportedGoproxy(proxy.goproxy, upstream),
    GOFLAGS: exportedGoflags(context.go.goflags),
  }
}

function setOutputs(state: State, keyed: boolean): void {
  core.setOutput('cache-hit', String(keyed && exactHit(state)))
  core.setOutput('cache-primary-key', state.primaryKey)
  core.setOutput('cache-matched-key', state.matchedKey)
  core.setOutput('proxy-url', state.proxy?.url ?? '')
  core.setOutput('modules-from-cache', String(state.restored.modules))
  core.setOutput('build-cache-hit', String((state.build?.matchedKey ?? '') !== ''))
}

const none = (): Restored => ({ files: 0, modules: 0, bytes: 0 })

async function dependencyKey(inputs: Inputs, outside: string[]): Promise<CacheKey | undefined> {
  const files = await matchFiles(inputs.cacheDependencyPath, outside)
  if (files.length === 0) {
    core.warning(
      `go-mod-cache: no file matched cache-dependency-path (${inputs.cacheDependencyPath.join(', ')}): ` +
        'the proxy runs, but nothing is restored or saved',
    )
    return undefined
  }
  core.debug(`Dependency files: ${files.join(', ')}`)
  return keyFromFiles(inputs.keyPrefix, files)
}

// Restores into a fresh, empty entry directory, never over the store, then moves files across. A
// layer brings its base into the same directory first (layer.ts).
async function restoreEntry(
  cache: CacheProvider,
  key: CacheKey,
  store: string,
  dir: string,
  workspace: string,
  verifyRestore: boolean,
): Promise<{
  matchedKey: string
  failed: boolean
  restored: Restored
  base?: Base
  extracted?: Set<string>
}> {
  return core.group('Restore Go modules from the Actions cache', async () => {
    const entryDir = resolve(workspace, ENTRY_PATH)
    await rm(entryDir, { recursive: true, force: true })
    const outcome = await cache.restore([ENTRY_PATH], key.primaryKey, key.restoreKeys, false)
    const matchedKey = outcome.value ?? ''
    // An exact hit's entry is whole, and post never saves over it: no base to list.
    const layered =
      matchedKey && matchedKey !== key.primaryKey
        ? await restoreLayer(cache, entryDir, matchedKey, join(dir, 'base.json'))
        : { failed: false, manifest: undefined }
    const extracted = matchedKey ? await readExtracted(entryDir, layered.manifest) : undefined
    const sums = goSums(key.lines)
    const { contradicted, ...restored } = matchedKey
      ? await moveIntoStore(entryDir, store, { zipHashes: !verifyRestore, sums })
      : { contradicted: 0, ...none() }
    if (contradicted)
      core.warning(
        `go-mod-cache: ${contradicted} files of ${matchedKey} contradict go.sum (saved for other hashes, or tampered with): left out, they are fetched afresh`,
      )
    await rm(entryDir, { recursive: true, force: true })
    const base = layered.base
    if (exactHit({ primaryKey: key.primaryKey, matchedKey, base })) core.info(`Exact hit: ${matchedKey}`)
    else if (matchedKey) core.info(`Partial hit: ${matchedKey} (primary key ${key.primaryKey})`)
    else if (!outcome.failed) core.info(`No entry for ${key.primaryKey} or its restore keys`)
    core.info(
      `${restored.modules} modules (${restored.files} files, ${restored.bytes} bytes) moved into ${store}`,
    )
    return {
      matchedKey,
      failed: outcome.failed || layered.failed,
      restored,
      ...(base ? { base } : {}),
      ...(extracted ? { extracted } : {}),
    }
  })
}

// The key's go.sum lines as a set; undefined when one is not a line GoSums takes (the proxy then
// says why it did not start), and the restore then leaves nothing out.
function goSums(lines: string[]): GoSums | undefined {
  try {
    return GoSums.parse(lines.join('\n'))
  } catch {
    return undefined
  }
}

/** A proxy that is ready (with its journal's path), or why it is not. */
type Started = (Launched & { journal: string }) | { error: Error }

async function startProxy(
  pending: PendingProxy,
  inputs: Inputs,
  store: string,
  sumFile: string | undefined,
  dir: string,
  { go }: ActionContext,
): Promise<Started> {
  let token: string | undefined
  if (!isLoopback(inputs.listen)) {
    token = inputs.token || randomBytes(24).toString('base64url')
    core.setSecret(token)
  }
  const journal = join(dir, 'journal.jsonl')
  const config: LaunchConfig = {
    ...DEFAULTS,
    concurrency: { ...DEFAULTS.concurrency },
    listen: inputs.listen,
    store,
    upstream: inputs.upstream,
    goSum: sumFile ? [sumFile] : [],
    prefetch: inputs.prefetch && sumFile !== undefined,
    // The restored zips came without their hashes: checked in the background, each one's .ziphash
    // is written as it passes, and the go command extracts those without hashing them again.
    verifyAtStart: inputs.verifyRestore,
    noProxy: go.noProxy,
    token,
    sumdb: go.sumdb,
    noSumdb: go.noSumdb,
    goauth: go.goauth,
    journal,
  }
  try {
    return { ...(await pending.start(config)), journal }
  } catch (error) {
    return { error: error as Error }
  }
}

// Said only after the restore, so these lines and any warning follow its log group.
function exportProxy(started: Started, inputs: Inputs, go: ActionContext['go']): State['proxy'] {
  if ('error' in started) {
    core.warning(`go-mod-cache: the proxy did not start, GOPROXY is left as it was: ${started.error.message}`)
    return null
  }
  core.exportVariable('GOPROXY', exportedGoproxy(started.goproxy, inputs.upstream))
  core.exportVariable('GOFLAGS', exportedGoflags(go.goflags))
  core.info(`Go module proxy listening on ${started.url} (pid ${started.pid}, log ${started.log})`)
  if (go.noProxy)
    core.info(
      `Modules matching GONOPROXY/GOPRIVATE (${go.noProxy}) are left to the go command: the proxy never asks an upstream for them`,
    )
  return proxyState(started)
}

function proxyState(started: Started): State['proxy'] {
  if ('error' in started) return null
  const { pid, url, goproxy, log, journal } = started
  return { pid, url, goproxy, log, journal }
}
