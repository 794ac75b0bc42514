import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { cacheMode, type CacheEnv } from '../cache/index.js'
import type { SumdbConfig } from '../proxy/index.js'
import { noProxyFromEnv, noSumdbFromEnv, sumdbFromEnv } from '../serve/flags.js'
import { modCache } from './goenv.js'
import type { RunnerChannel } from '../runner/workflow.js'
import { InputError, readInputs, type Inputs } from './inputs.js'

/** A process environment, as the entry points pass it down. */
export type Env = Record<string, string | undefined>

/** The Go variables the action acts on, read as the go command reads them. */
export interface GoContext {
  /** GOFLAGS ('' when unset): main adds -modcacherw to it. */
  goflags: string
  /** GOMODCACHE, or the go command's default under GOPATH. */
  modCache: string
  /** GONOPROXY, else GOPRIVATE: modules the proxy never asks an upstream for. */
  noProxy: string
  /** GONOSUMDB, else GOPRIVATE: lookups the proxy refuses. */
  noSumdb: string
  /** GOSUMDB: the database the proxy serves, null when off. */
  sumdb: SumdbConfig | null
  /** GOAUTH, else netrc: where the proxy finds https upstream credentials, as the go command does. */
  goauth: string
}

/** The runner's variables the action acts on. */
export interface RunnerContext {
  /** GITHUB_WORKSPACE (else the working directory), absolute. */
  workspace: string
  /** RUNNER_TEMP, else the system's temp directory. */
  temp: string
  /** GITHUB_EVENT_PATH ('' when unset): the event payload, which tells a fork's pull request. */
  eventPath: string
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: a save's claim is one per run attempt. */
  run: { id: string; attempt: string }
  /** The Actions cache service's variables (ACTIONS_*). */
  cache: CacheEnv
  /** The command files, debug switch and saved state (GITHUB_OUTPUT..., RUNNER_DEBUG, STATE_*). */
  channel: RunnerChannel
}

/** Everything the action reads of its environment, read once by readContext. */
export interface ActionContext {
  /** The inputs, or why they are bad (main fails the step with it; post never needs them). */
  inputs: Inputs | InputError
  go: GoContext
  runner: RunnerContext
  /** The whole environment, for the proxy process only (launcher.ts scrubs the runner's tokens). */
  env: Env
}

/** Turns the environment into the action's context; the only reader of the action's variables. */
export function readContext(env: Env): ActionContext {
  return { inputs: inputsOf(env), go: goContext(env), runner: runnerContext(env), env: { ...env } }
}

function inputsOf(env: Env): Inputs | InputError {
  try {
    return readInputs(env)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
}

function goContext(env: Env): GoContext {
  return {
    goflags: env.GOFLAGS ?? '',
    modCache: modCache(env),
    noProxy: noProxyFromEnv(env),
    noSumdb: noSumdbFromEnv(env),
    sumdb: sumdbFromEnv(env.GOSUMDB),
    goauth: env.GOAUTH || 'netrc',
  }
}

function runnerContext(env: Env): RunnerContext {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd())
  return {
    workspace,
    temp: env.RUNNER_TEMP || tmpdir(),
    eventPath: env.GITHUB_EVENT_PATH ?? '',
    run: { id: env.GITHUB_RUN_ID ?? '0', attempt: env.GITHUB_RUN_ATTEMPT ?? '1' },
    cache: cacheEnv(env, workspace),
    channel: channelOf(env),
  }
}

function channelOf(env: Env): RunnerChannel {
  const states: Record<string, string> = {}
  for (const [name, value] of Object.entries(env))
    if (name.startsWith('STATE_') && value !== undefined) states[name.slice('STATE_'.length)] = value
  return {
    files: {
      OUTPUT: env.GITHUB_OUTPUT ?? '',
      ENV: env.GITHUB_ENV ?? '',
      STATE: env.GITHUB_STATE ?? '',
      STEP_SUMMARY: env.GITHUB_STEP_SUMMARY ?? '',
    },
    debug: env.RUNNER_DEBUG === '1',
    states,
  }
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/** The cache clients' part of the context. */
export function cacheEnv(env: Env, workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd())): CacheEnv {
  return {
    mode: cacheMode(env.ACTIONS_CACHE_MODE),
    serviceV2: Boolean(env.ACTIONS_CACHE_SERVICE_V2),
    resultsUrl: env.ACTIONS_RESULTS_URL ?? '',
    runtimeToken: env.ACTIONS_RUNTIME_TOKEN ?? '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    httpProxy: PROXY_VARIABLES.some((name) => (env[name] ?? '') !== ''),
    path: env.PATH ?? '',
    workspace,
    uploadBlockBytes: env.GO_MOD_CACHE_UPLOAD_BLOCK_BYTES ?? '',
  }
}
