import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from '../helpers/tempdir.js'
import { readInputDefaults } from './action-yml.js'
import { parseKeyValueFile, parsePathFile, parseWorkflowCommands, type Annotation } from './file-commands.js'
import { runProcess } from './process.js'
import { killAll, trackedProcesses } from './procfs.js'

/** Environment overrides: a string sets the variable, undefined removes it. */
export type EnvOverrides = Record<string, string | undefined>

/** What a job shares across its steps, like one runner job. */
export interface JobContext {
  trackingId: string
  runnerTemp: string
  eventPath: string
  workspace: string
  /** Runner-defined variables every step gets. */
  vars: Record<string, string>
}

/** Options naming the job (all optional; defaults look like a push to main). */
export interface JobContextOptions {
  workspace: string
  /** The cache service (ACTIONS_RESULTS_URL / ACTIONS_RUNTIME_TOKEN); both unset when absent. */
  cache?: { url: string; token: string }
  repository?: string
  ref?: string
  eventName?: string
  event?: unknown
  runId?: string
  runAttempt?: string
  job?: string
  /** Sets RUNNER_DEBUG=1, as re-running with debug logging does. */
  debug?: boolean
}

/** Creates the per-job runner state: temp dir, event file, tracking id and variables. */
export async function createJobContext(opts: JobContextOptions): Promise<JobContext> {
  const runnerTemp = tempDir('runner-temp-').path
  const eventPath = join(runnerTemp, '_github_workflow', 'event.json')
  await mkdir(join(runnerTemp, '_github_workflow'), { recursive: true })
  await writeFile(eventPath, JSON.stringify(opts.event ?? { ref: opts.ref ?? 'refs/heads/main' }))
  const trackingId = `github_${randomUUID()}`
  const repository = opts.repository ?? 'octo-org/octo-repo'
  const ref = opts.ref ?? 'refs/heads/main'
  const vars: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, '_tool'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
    RUNNER_NAME: 'emulated-runner',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TRACKING_ID: trackingId,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: opts.runId ?? String(1000 + Math.floor(Math.random() * 1e6)),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: opts.runAttempt ?? '1',
    GITHUB_JOB: opts.job ?? 'build',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_ACTION: '__go-mod-cache-action',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    ACTIONS_CACHE_SERVICE_V2: 'true',
  }
  if (opts.cache) {
    vars.ACTIONS_RESULTS_URL = opts.cache.url
    vars.ACTIONS_RUNTIME_TOKEN = opts.cache.token
  }
  if (opts.debug) vars.RUNNER_DEBUG = '1'
  return { trackingId, runnerTemp, eventPath, workspace: opts.workspace, vars }
}

/** What one step left behind, read the way the runner reads it. */
export interface StepResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** Variables exported via GITHUB_ENV by this step. */
  env: Record<string, string>
  /** Directories added via GITHUB_PATH by this step, in file order. */
  path: string[]
  /** Values saved via GITHUB_STATE by this step. */
  state: Record<string, string>
  summary: string
  annotations: Annotation[]
  masks: string[]
  killedAfterExit: number[]
  ms: number
}

/** One JavaScript action step. */
export interface StepOptions {
  entry: 'main' | 'post'
  /** Path to dist/<x>/index.js. */
  bundle: string
  inputs?: Record<string, string>
  /** action.yml whose input defaults fill inputs not given, as the runner does. */
  actionYml?: string
  /** Job env and anything exported before this step; applied over the runner's variables. */
  env?: EnvOverrides
  /** For post: the state main saved (becomes STATE_<name>). */
  state?: Record<string, string>
  /** Directories added to PATH by earlier steps, newest first. */
  path?: string[]
  workspace: string
  /** Node binary; this process's node when absent. */
  node?: string
  timeoutMs?: number
  /** Wait after exit for stdio holders; 5000 as the runner. */
  graceMs?: number
  /** Job context to run in; a fresh one (from `job`) when absent. */
  context?: JobContext
  job?: Omit<JobContextOptions, 'workspace'>
}

/** Runs `main` or `post` of a JavaScript action as its own process, like actions/runner. */
export async function runStep(opts: StepOptions): Promise<StepResult> {
  const context = opts.context ?? (await createJobContext({ ...opts.job, workspace: opts.workspace }))
  const vars: EnvOverrides = {}
  const defaults = opts.actionYml ? await readInputDefaults(opts.actionYml) : {}
  for (const [name, value] of Object.entries({ ...defaults, ...opts.inputs })) {
    vars[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  if (opts.entry === 'post') {
    for (const [name, value] of Object.entries(opts.state ?? {})) vars[`STATE_${name}`] = value
  }
  return runInStep(context, opts, vars, opts.node ?? process.execPath, [opts.bundle])
}

/** A user `run:` step: a bash script, run as the runner does (`bash --noprofile --norc -eo pipefail`). */
export interface ShellStep {
  run: string
  env?: EnvOverrides
}

/** Runs a shell step in a job context. */
export async function runShellStep(
  context: JobContext,
  step: ShellStep,
  opts: { env?: EnvOverrides; path?: string[]; timeoutMs?: number; graceMs?: number },
): Promise<StepResult> {
  const script = join(context.runnerTemp, `${randomUUID()}.sh`)
  await writeFile(script, step.run)
  return runInStep(context, { ...opts, env: { ...opts.env, ...step.env } }, {}, 'bash', [
    '--noprofile',
    '--norc',
    '-eo',
    'pipefail',
    script,
  ])
}

async function runInStep(
  context: JobContext,
  opts: { env?: EnvOverrides; path?: string[]; timeoutMs?: number; graceMs?: number },
  stepVars: EnvOverrides,
  command: string,
  args: string[],
): Promise<StepResult> {
  const files = await freshFileCommands(context)
  const env = buildEnv(context, opts.env, opts.path ?? [], { ...stepVars, ...files })
  const ran = await runProcess(command, args, {
    cwd: context.workspace,
    env,
    timeoutMs: opts.timeoutMs ?? 120_000,
    graceMs: opts.graceMs,
  })
  const read = async (file: string): Promise<string> => readFile(file, 'utf8').catch(() => '')
  const exported = Object.fromEntries(parseKeyValueFile(await read(files.GITHUB_ENV)))
  // The runner refuses NODE_OPTIONS from GITHUB_ENV.
  delete exported.NODE_OPTIONS
  return {
    ...ran,
    outputs: Object.fromEntries(parseKeyValueFile(await read(files.GITHUB_OUTPUT))),
    env: exported,
    path: parsePathFile(await read(files.GITHUB_PATH)),
    state: Object.fromEntries(parseKeyValueFile(await read(files.GITHUB_STATE))),
    summary: await read(files.GITHUB_STEP_SUMMARY),
    ...parseWorkflowCommands(ran.stdout),
  }
}

type FileCommands = Record<
  'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_STEP_SUMMARY',
  string
>

// Fresh, empty files per step: @actions/core refuses to append to a missing one.
async function freshFileCommands(context: JobContext): Promise<FileCommands> {
  const dir = join(context.runnerTemp, '_runner_file_commands')
  await mkdir(dir, { recursive: true })
  const id = randomUUID()
  const files: FileCommands = {
    GITHUB_ENV: join(dir, `set_env_${id}`),
    GITHUB_PATH: join(dir, `add_path_${id}`),
    GITHUB_OUTPUT: join(dir, `set_output_${id}`),
    GITHUB_STATE: join(dir, `save_state_${id}`),
    GITHUB_STEP_SUMMARY: join(dir, `step_summary_${id}`),
  }
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')))
  return files
}

// A small base (not this test process's whole env, which carries vitest's own variables).
const inherited = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'SHELL']

/** The environment a step in `context` gets: a small inherited base, runner variables, overrides, step variables. */
export function buildEnv(
  context: JobContext,
  overrides: EnvOverrides | undefined,
  path: string[] = [],
  stepVars: EnvOverrides = {},
): Record<string, string> {
  const env: EnvOverrides = {}
  for (const name of inherited) env[name] = process.env[name]
  Object.assign(env, context.vars, overrides, stepVars)
  if (path.length > 0) env.PATH = [...path, env.PATH ?? ''].join(':')
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** A whole job: the action's main, user steps, then its post, then the job-end cleanup. */
export interface JobOptions extends JobContextOptions {
  /** dist/main/index.js */
  main: string
  /** dist/post/index.js; no post step when absent. */
  post?: string
  inputs?: Record<string, string>
  /** action.yml whose input defaults fill inputs not given. */
  actionYml?: string
  /** Job-level env (`env:` of the job). */
  env?: EnvOverrides
  steps?: Array<string | ShellStep>
  node?: string
  timeoutMs?: number
  graceMs?: number
}

/** What a job did, step by step. */
export interface JobResult {
  context: JobContext
  main: StepResult
  steps: StepResult[]
  post?: StepResult
  /** Exported env at job end. */
  env: Record<string, string>
  /** Processes still carrying the job's RUNNER_TRACKING_ID at job end, killed then. */
  orphans: number[]
  success: boolean
}

/** Runs main, the user steps (skipped after a failure), post (always, as post-if: always()), then kills leftovers. */
export async function runJob(opts: JobOptions): Promise<JobResult> {
  const context = await createJobContext(opts)
  const exported: Record<string, string> = {}
  const path: string[] = []
  const common = { timeoutMs: opts.timeoutMs, graceMs: opts.graceMs }
  const absorb = (step: StepResult): boolean => {
    Object.assign(exported, step.env)
    path.unshift(...[...step.path].reverse())
    return step.code === 0
  }
  const main = await runStep({
    ...common,
    entry: 'main',
    bundle: opts.main,
    inputs: opts.inputs,
    actionYml: opts.actionYml,
    env: { ...opts.env },
    workspace: opts.workspace,
    node: opts.node,
    context,
  })
  let success = absorb(main)
  const steps: StepResult[] = []
  for (const step of opts.steps ?? []) {
    if (!success) break
    const shell = typeof step === 'string' ? { run: step } : step
    const result = await runShellStep(context, shell, {
      ...common,
      env: { ...opts.env, ...exported },
      path: [...path],
    })
    steps.push(result)
    success = absorb(result)
  }
  let post: StepResult | undefined
  if (opts.post) {
    post = await runStep({
      ...common,
      entry: 'post',
      bundle: opts.post,
      inputs: opts.inputs,
      actionYml: opts.actionYml,
      env: { ...opts.env, ...exported },
      path: [...path],
      state: main.state,
      workspace: opts.workspace,
      node: opts.node,
      context,
    })
    success = success && post.code === 0
  }
  const orphans = await trackedProcesses(context.trackingId)
  await killAll(orphans)
  // As a runner empties RUNNER_TEMP after the job; the proxy's log and journal go with it.
  await rm(context.runnerTemp, { recursive: true, force: true, maxRetries: 3 })
  return { context, main, steps, post, env: exported, orphans, success }
}
