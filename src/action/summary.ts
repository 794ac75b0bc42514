import * as core from '../runner/workflow.js'
import { exactHit } from '../entry/layer.js'
import type { State } from './state.js'
import type { Usage } from '../entry/usage.js'
import type { BuildSaved } from '../buildcache/entry.js'
import type { Saved } from '../entry/save.js'
import type { ToolchainSaved } from '../entry/toolchain.js'

/** Human sizes: 1.2 MB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['kB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/** The rows of the job summary, also printed to the log. */
export function summaryRows(
  state: State,
  usage: Usage | undefined,
  saved: Saved,
  pastProxy = 0,
  build?: BuildSaved,
  toolchains: ToolchainSaved[] = [],
  now = Date.now(),
): string[][] {
  const restoredKey = state.matchedKey
    ? `${state.matchedKey}${exactHit(state) ? ' (exact hit)' : ' (partial hit)'}${
        state.base && state.base.key !== state.matchedKey ? `, a layer on ${state.base.key}` : ''
      }`
    : state.primaryKey
      ? 'none (miss)'
      : 'none (no dependency files)'
  return [
    ['Modules from cache', `${state.restored.modules} (${size(state.restored.bytes)} restored)`],
    [
      'Files the proxy served from its store',
      `${usage?.fromStore.files ?? 0} (${size(usage?.fromStore.bytes ?? 0)})`,
    ],
    ['Modules from upstream', `${usage?.fetched.modules ?? 0} (${size(usage?.fetched.bytes ?? 0)})`],
    ...(state.extract
      ? [
          [
            'Modules extracted ahead',
            `${state.extract.modules} (go mod download, in the background from main)`,
          ],
        ]
      : []),
    ...(pastProxy > 0
      ? [['Files the go command fetched itself', `${pastProxy} (GONOPROXY modules, or a direct fallback)`]]
      : []),
    [
      'Time',
      `restore ${(state.restoreMs / 1000).toFixed(1)} s, job ${((now - state.startedAt) / 1000).toFixed(1)} s`,
    ],
    ['Key restored', restoredKey],
    ['Key saved', saved.key ? saved.key : `not saved: ${saved.reason}`],
    ['Entry size', entrySize(saved)],
    ...buildRows(state, build),
    ...toolchainRows(state, toolchains),
  ]
}

// Shown only for a job that restored or saved a toolchain: most jobs never switch.
function toolchainRows(state: State, saved: ToolchainSaved[]): string[][] {
  const restored = state.toolchain?.matchedKey ?? ''
  if (restored === '' && saved.length === 0) return []
  const said = saved.map((t) => (t.key ? `${t.key} (${size(t.bytes ?? 0)})` : `not saved: ${t.reason}`))
  return [
    ['Toolchain restored', restored || 'none'],
    ['Toolchain saved', said.join('; ') || 'none'],
  ]
}

// The build cache's rows: what was restored, how much of what the job used came from it, and the save.
function buildRows(state: State, build: BuildSaved | undefined): string[][] {
  const b = state.build
  if (b === undefined) return []
  const restored = b.matchedKey ? `${b.matchedKey} (${size(b.restoredBytes)} new to GOCACHE)` : 'none'
  const rows = [
    [
      'Build cache restored',
      `${restored}; ${b.version}, usage from ${b.mode === 'prog' ? 'GOCACHEPROG' : 'GOCACHE times'}`,
    ],
  ]
  if (build === undefined)
    return [
      ...rows,
      ['Build cache saved', b.saveAllowed ? 'not saved: failed' : 'not saved: saving is off for this job'],
    ]
  const saved = [
    'Build cache saved',
    build.key ? `${build.key} (${size(build.bytes)})` : `not saved: ${build.reason}`,
  ]
  // Shared with other jobs, GOCACHE's times count their actions too.
  if (build.shared) return [...rows, saved]
  return [
    ...rows,
    ['Build actions', `${build.actions - build.fresh} reused from the cache, ${build.fresh} run by this job`],
    saved,
  ]
}

function entrySize({ built, layer }: Saved): string {
  if (built === undefined) return '-'
  const whole = `${built.files} files, ${size(built.bytes)}`
  if (layer === undefined) return whole
  return `${whole}; saved as a layer of ${layer.files} files, ${size(layer.bytes)} on ${layer.base}`
}

/**
 * Writes the job summary a person reads at a glance, and the same lines to the log. `pastProxy`:
 * go.sum files the go command fetched without the proxy (counted only when the journal had none).
 */
export function writeSummary(
  state: State,
  usage: Usage | undefined,
  saved: Saved,
  pastProxy = 0,
  build?: BuildSaved,
  toolchains: ToolchainSaved[] = [],
): void {
  const rows = summaryRows(state, usage, saved, pastProxy, build, toolchains)
  for (const [name, value] of rows) core.info(`${name}: ${value}`)
  const cells = (tag: string, row: string[]): string =>
    `<tr>${row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`
  core.appendSummary(
    `<h3>Go module cache</h3>\n<table>${cells('th', ['What', 'This job'])}${rows.map((r) => cells('td', r)).join('')}</table>\n`,
  )
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
