import * as core from '../runner/workflow.js'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { CacheProvider } from '../cache/index.js'
import type { Run } from '../entry/claim.js'
import {
  compareGo,
  readGoLines,
  restoreToolchain,
  saveToolchain,
  toolchainFiles,
  toolchainKeyPrefix,
  wantedToolchain,
  type GoLines,
  type Platform,
  type ToolchainSaved,
} from '../entry/toolchain.js'
import type { Env } from './context.js'

/** The toolchain entries as main leaves them for post; undefined when the job's Go cannot switch. */
export interface ToolchainState extends Platform {
  /** GOMODCACHE/cache/download: where the go command keeps toolchain zips and database answers. */
  download: string
  prefix: string
  matchedKey: string
  /** Database tiles written from this time on are this job's. */
  since: number
  saveAllowed: boolean
}

/** What main knows when it turns to the toolchain. */
export interface ToolchainStart {
  keyPrefix: string
  /** The job's environment (GOTOOLCHAIN, GOWORK, PATH). */
  env: Env
  workspace: string
  /** A directory with no go.mod above it, where `go env` cannot switch. */
  dir: string
  download: string
  cache: CacheProvider
  read: boolean
  saveAllowed: boolean
}

/**
 * Main's part, before anything runs the job's go command: reads the toolchain the job will switch
 * to (GOTOOLCHAIN, then the workspace's go.work or go.mod `go` and `toolchain` lines) and restores
 * its entry, else (when that cannot be told) the newest of the platform. Never fails the job.
 */
export async function startToolchain(start: ToolchainStart): Promise<ToolchainState | undefined> {
  const since = Date.now()
  const local = await localGo(start.env, start.dir)
  if ('reason' in local) return void core.debug(`toolchain: ${local.reason}`)
  if (compareGo(local.version.slice(2), '1.21') < 0) return undefined
  const prefix = toolchainKeyPrefix(start.keyPrefix, local)
  const wanted = wantedToolchain(start.env.GOTOOLCHAIN || 'auto', local.version, await goLines(start))
  const { matchedKey, failed } =
    start.read && wanted !== null
      ? await core.group('Restore the Go toolchain', () => restore(start, prefix, wanted))
      : { matchedKey: '', failed: false }
  const { goos, goarch } = local
  // As for the module entry: a service that failed in main is not tried again in post.
  const saveAllowed = start.saveAllowed && !failed
  return { goos, goarch, download: start.download, prefix, matchedKey, since, saveAllowed }
}

// Its exact key when the toolchain is known, else the platform's newest; a failure restores nothing.
async function restore(
  start: ToolchainStart,
  prefix: string,
  wanted: string | undefined,
): Promise<{ matchedKey: string; failed: boolean }> {
  const key = wanted === undefined ? prefix : `${prefix}${wanted}`
  try {
    const r = await restoreToolchain(
      start.cache,
      start.workspace,
      start.download,
      key,
      wanted ? [] : [prefix],
    )
    core.info(r.matchedKey ? `Toolchain ${r.matchedKey}: ${r.files} files` : `No toolchain entry for ${key}`)
    return r
  } catch (error) {
    core.warning(`go-mod-cache: the toolchain was not restored: ${(error as Error).message}`)
    return { matchedKey: '', failed: true }
  }
}

// The go command's own version and platform, asked where no go.mod can make it switch.
function localGo(env: Env, cwd: string): Promise<(Platform & { version: string }) | { reason: string }> {
  const names = ['GOVERSION', 'GOHOSTOS', 'GOHOSTARCH']
  return new Promise((resolve) => {
    execFile(
      'go',
      ['env', '-json', ...names],
      { env: { ...env, GOTOOLCHAIN: 'local', GOWORK: 'off' }, cwd, timeout: 60_000 },
      (error, stdout) => {
        if (error) return resolve({ reason: `go env failed: ${error.message}` })
        try {
          const v = JSON.parse(stdout) as Record<string, string>
          const [version = '', goos = '', goarch = ''] = names.map((n) => v[n] ?? '')
          resolve(
            /^go\d/.test(version) && goos && goarch ? { version, goos, goarch } : { reason: 'no version' },
          )
        } catch {
          resolve({ reason: 'go env printed no JSON' })
        }
      },
    )
  })
}

// The go.work the go command would use at the workspace root (GOWORK), else the go.mod there.
async function goLines(start: ToolchainStart): Promise<GoLines | undefined> {
  const gowork = start.env.GOWORK ?? ''
  const files =
    gowork === 'off' ? ['go.mod'] : gowork && isAbsolute(gowork) ? [gowork, 'go.mod'] : ['go.work', 'go.mod']
  for (const file of files) {
    const text = await readFile(isAbsolute(file) ? file : join(start.workspace, file), 'utf8').catch(
      () => undefined,
    )
    if (text !== undefined) return readGoLines(text)
  }
  return undefined
}

/** Post's part: saves each toolchain the job downloaded that no entry holds yet. Never fails the job. */
export async function saveToolchains(
  state: ToolchainState,
  cache: CacheProvider,
  run: Run,
): Promise<ToolchainSaved[]> {
  if (!state.saveAllowed) return []
  try {
    const found = await toolchainFiles(state.download, state, state.since)
    const fresh = found.filter((t) => `${state.prefix}${t.name}` !== state.matchedKey)
    if (fresh.length === 0) return []
    return await core.group('Save the Go toolchain', async () => {
      const saved: ToolchainSaved[] = []
      for (const t of fresh)
        saved.push(await saveToolchain(cache, state.download, `${state.prefix}${t.name}`, t.files, run))
      return saved
    })
  } catch (error) {
    core.warning(`go-mod-cache: the toolchain was not saved: ${(error as Error).message}`)
    return []
  }
}
