import * as core from '../runner/workflow.js'
import { spawn } from 'node:child_process'
import { closeSync, openSync, readlinkSync } from 'node:fs'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { exists, FILE_CONCURRENCY } from '../entry/fs.js'
import { relPath } from '../entry/sumset.js'
import { treeOf } from '../entry/extracted.js'
import { TOOLCHAIN_MODULE } from '../entry/toolchain.js'
import { mapLimited, type GoSums } from '../proxy/index.js'
import type { Env } from './context.js'
import { provenOurs } from './launcher.js'

/** The background extraction as main leaves it for post. */
export interface ExtractState {
  pid: number
  modules: number
  log: string
  /** Only the modules the restored entry listed: GOMODCACHE's trees still show what the job needed. */
  listed: boolean
}

/** What main knows when the module store is restored and the proxy exported. */
export interface ExtractStart {
  /** The job's go.sum set, and the file main wrote its lines to. */
  sums: GoSums
  sumFile: string
  /** The zips (store-relative) the restored entry says its job extracted; undefined: every zip. */
  only?: Set<string>
  store: string
  modCache: string
  /** The environment later steps will have (their credentials, GOMODCACHE's neighbours). */
  env: Env
  /** Main's own directory (the extraction's module and log live there). */
  dir: string
}

// Windows caps a command line at 32767 characters; elsewhere the limit is far beyond any go.sum.
const ARGS_BUDGET = process.platform === 'win32' ? 30_000 : 1_000_000

/**
 * A head start on the go command's own work: every go command extracts each module zip it needs
 * into GOMODCACHE before it builds, and a restored store holds zips only. A detached
 * `go mod download` of the job's restored modules extracts them while main's other work and the
 * later steps run, under the go command's own locks: a build that needs a module being extracted
 * waits for it, one already extracted it takes as is.
 */
export async function startExtraction(start: ExtractStart): Promise<ExtractState | undefined> {
  // The go command extracts from GOMODCACHE's download cache: a store of the job's own (input
  // `store`) is not where it looks.
  if (resolve(start.store) !== resolve(start.modCache, 'cache', 'download')) return undefined
  const modules = await toExtract(start)
  if (modules.length === 0) return undefined
  const args = ['mod', 'download', ...withinBudget(modules)]
  // Its own module, holding the job's go.sum lines: the go command checks every zip against them
  // (a .ziphash the restore kept, or the zip itself), and never touches the job's own go.mod.
  const module = join(start.dir, 'extract')
  await mkdir(module, { recursive: true })
  await writeFile(join(module, 'go.mod'), 'module go-mod-cache/extract\n')
  await copyFile(start.sumFile, join(module, 'go.sum'))
  const log = join(start.dir, 'extract.log')
  const out = openSync(log, 'w')
  try {
    const child = spawn('go', args, {
      cwd: module,
      env: extractEnv(start),
      detached: true,
      stdio: ['ignore', out, out],
      windowsHide: true,
    })
    child.on('error', () => undefined)
    if (child.pid === undefined)
      return void core.info('Modules are not extracted ahead: no go command on PATH')
    child.unref()
    core.info(`Extracting ${args.length - 2} restored modules into ${start.modCache} in the background`)
    return { pid: child.pid, modules: args.length - 2, log, listed: start.only !== undefined }
  } finally {
    closeSync(out)
  }
}

/** Post's part: ends an extraction still running (the job's steps are over), and says what went wrong. */
export async function stopExtraction(state: ExtractState): Promise<void> {
  // A job's builds start many processes: the pid may be another's by now, unless it still runs in
  // the extraction's own module.
  if (runsIn(state.pid, join(dirname(state.log), 'extract'))) {
    try {
      // Detached: the group is the go command and anything it started.
      process.kill(process.platform === 'win32' ? state.pid : -state.pid, 'SIGTERM')
      core.debug(`the background extraction (pid ${state.pid}) was still running: stopped`)
    } catch {
      // Gone meanwhile.
    }
  }
  const said = (await readFile(state.log, 'utf8').catch(() => '')).trim()
  if (said) core.info(`The background extraction said: ${said.split('\n').slice(0, 5).join(' | ')}`)
}

function runsIn(pid: number, cwd: string): boolean {
  return provenOurs(pid, (proc) => readlinkSync(`${proc}/cwd`) === cwd)
}

// The restored modules of the go.sum set with a zip in the store and no extracted tree yet.
async function toExtract({ sums, store, modCache, only }: ExtractStart): Promise<string[]> {
  const candidates = sums
    .versions()
    .filter((v) => v.zip && v.module !== TOOLCHAIN_MODULE)
    .map((v) => ({ ...v, zip: relPath({ module: v.module, version: v.version, file: 'zip' }) }))
    .filter((v) => only === undefined || only.has(v.zip))
  const wanted = await mapLimited(candidates, FILE_CONCURRENCY, async ({ module, version, zip }) => {
    const local = ['.info', '.mod', '.zip'].map((ext) => exists(join(store, zip.slice(0, -4) + ext)))
    const present = (await Promise.all(local)).every(Boolean) && !(await exists(treeOf(modCache, zip)))
    return present ? `${module}@${version}` : undefined
  })
  return wanted.filter((m): m is string => m !== undefined)
}

function withinBudget(modules: string[]): string[] {
  let left = ARGS_BUDGET
  return modules.filter((m) => (left -= m.length + 1) >= 0)
}

// Offline: only what the store holds, each zip checked against the job's go.sum lines (a .mod go.sum
// has no line for is the job's go command's to check when it loads it). None of the job's flags for
// builds (-mod=vendor makes `go mod download` refuse), no workspace, no toolchain switch.
function extractEnv({ env, modCache }: ExtractStart): Env {
  return {
    ...env,
    GOMODCACHE: modCache,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-modcacherw',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
  }
}
