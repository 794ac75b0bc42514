import * as core from '../runner/workflow.js'
import type { BuildState } from './buildcache.js'
import type { EntryState } from '../entry/layer.js'
import type { ToolchainState } from './toolchain.js'
import type { ExtractState } from './extract.js'

/** Everything main hands post: the module entry's part (entry/layer.ts) and the rest. */
export interface State extends EntryState {
  /** The cache entry directory exactly as given to @actions/cache (relative to the workspace). */
  entryPath: string
  /** Whether post may save (inputs, cache mode, fork pull request), decided in main. */
  saveAllowed: boolean
  /** save input was 'always'. */
  saveAlways: boolean
  /** The cache service failed in main: post does not try it again. */
  cacheFailed: boolean
  /** Files and modules restored from the entry into the store. */
  restored: { files: number; modules: number; bytes: number }
  /** The proxy, or null when it did not start. */
  proxy: { pid: number; url: string; goproxy: string; log: string; journal: string } | null
  /** When main started (ms since the epoch), for the time spent. */
  startedAt: number
  /** How long the restore took in main (ms). */
  restoreMs: number
  /** The build cache, when it is on for this job (buildcache.ts). */
  build?: BuildState
  /** The toolchain entries, when the job's Go can switch toolchains (toolchain.ts). */
  toolchain?: ToolchainState
  /** The restored modules' extraction in the background, when main started one (extract.ts). */
  extract?: ExtractState
}

const NAME = 'go-mod-cache'

/** Saves the state for the post step. */
export function saveState(state: State, save: (name: string, value: string) => void = core.saveState): void {
  save(NAME, JSON.stringify(state))
}

/** The state main saved, or undefined when there is none (main failed early) or it is malformed. */
export function loadState(get: (name: string) => string = core.getState): State | undefined {
  const raw = get(NAME)
  if (raw === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return undefined
  }
  return isState(value) ? value : undefined
}

type Shape = 'string' | 'number' | 'boolean'
const shape: Record<string, Shape> = {
  primaryKey: 'string',
  matchedKey: 'string',
  sumFile: 'string',
  store: 'string',
  entryPath: 'string',
  saveAllowed: 'boolean',
  saveAlways: 'boolean',
  cacheFailed: 'boolean',
  startedAt: 'number',
  restoreMs: 'number',
}
const restoredShape: Record<string, Shape> = { files: 'number', modules: 'number', bytes: 'number' }
const proxyShape: Record<string, Shape> = {
  pid: 'number',
  url: 'string',
  goproxy: 'string',
  log: 'string',
  journal: 'string',
}

function matches(value: unknown, fields: Record<string, Shape>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return Object.entries(fields).every(([name, type]) => typeof record[name] === type)
}

/** Checks every field's type, so post never acts on a half-written or foreign blob. */
export function isState(value: unknown): value is State {
  if (!matches(value, shape)) return false
  if (!matches(value.restored, restoredShape)) return false
  // Optional for states written before it existed; a string when present.
  if (value.upstream !== undefined && typeof value.upstream !== 'string') return false
  if (value.noProxy !== undefined && typeof value.noProxy !== 'string') return false
  if (value.goauth !== undefined && typeof value.goauth !== 'string') return false
  if (value.base !== undefined && !matches(value.base, { key: 'string', files: 'string' })) return false
  if (value.build !== undefined && !matches(value.build, buildShape)) return false
  if (value.build !== undefined && !['undefined', 'string'].includes(typeof value.build.mark)) return false
  if (value.toolchain !== undefined && !matches(value.toolchain, toolchainShape)) return false
  if (
    value.extract !== undefined &&
    !matches(value.extract, { pid: 'number', modules: 'number', log: 'string' })
  )
    return false
  return value.proxy === null || matches(value.proxy, proxyShape)
}

const toolchainShape: Record<string, Shape> = {
  goos: 'string',
  goarch: 'string',
  download: 'string',
  prefix: 'string',
  matchedKey: 'string',
  since: 'number',
  saveAllowed: 'boolean',
}

const buildShape: Record<string, Shape> = {
  gocache: 'string',
  prefix: 'string',
  mode: 'string',
  journal: 'string',
  since: 'number',
  version: 'string',
  saveAllowed: 'boolean',
  matchedKey: 'string',
  restoredList: 'string',
  restoredBytes: 'number',
}
