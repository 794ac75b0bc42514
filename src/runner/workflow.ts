// The runner's workflow and file commands as @actions/core writes them (FACTS §3); our own because
// @actions/core brings an HTTP client (for OIDC tokens) that slows every step's start.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

/** The runner's command files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_STEP_SUMMARY). */
export type CommandFile = 'OUTPUT' | 'ENV' | 'STATE' | 'STEP_SUMMARY'

/** What the runner gave this step for its commands; action/context.ts reads it from the environment. */
export interface RunnerChannel {
  /** Each command file's path, '' when the runner gave none. */
  files: Record<CommandFile, string>
  /** RUNNER_DEBUG=1: the run logs debug lines. */
  debug: boolean
  /** The STATE_<name> values main saved, by name (post's). */
  states: Record<string, string>
}

let channel: RunnerChannel = {
  files: { OUTPUT: '', ENV: '', STATE: '', STEP_SUMMARY: '' },
  debug: false,
  states: {},
}

/** Sends the commands that follow through `to`: main and post connect their context's channel first. */
export function connect(to: RunnerChannel): void {
  channel = to
}

/** A log line. */
export function info(message: string): void {
  write(message + EOL)
}

/** A line shown only when the run has debug logging on. */
export function debug(message: string): void {
  command('debug', message)
}

/** A warning annotation. */
export function warning(message: string): void {
  command('warning', message)
}

/** An error annotation; the step's exit code becomes 1. */
export function setFailed(message: string): void {
  process.exitCode = 1
  command('error', message)
}

/** Whether the run has debug logging on. */
export function isDebug(): boolean {
  return channel.debug
}

/** Folds the lines that follow into a group in the log, until endGroup. */
export function startGroup(name: string): void {
  command('group', name)
}

export function endGroup(): void {
  command('endgroup', '')
}

/** A task's log, held back while the task runs beside another (`lines` null once released). */
const held = new AsyncLocalStorage<{ lines: string[] | null }>()

/**
 * Runs `fn` with every line it logs (groups and annotations too) held back until `release`, so a
 * task running beside another never writes into the other's group.
 */
export function holdLog<T>(fn: () => Promise<T>): { done: Promise<T>; release(): void } {
  const store: { lines: string[] | null } = { lines: [] }
  const done = held.run(store, fn)
  const release = (): void => {
    for (const line of store.lines ?? []) process.stdout.write(line)
    store.lines = null
  }
  return { done, release }
}

function write(line: string): void {
  const lines = held.getStore()?.lines
  if (lines) lines.push(line)
  else process.stdout.write(line)
}

/** Runs `fn` with its lines folded into a group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}

/** Masks `secret` in every later line of the log. */
export function setSecret(secret: string): void {
  command('add-mask', secret)
}

/** A step output. */
export function setOutput(name: string, value: string): void {
  fileCommand('OUTPUT', name, value)
}

/** An environment variable for every later step; this process's environment is left alone (its entry point read it once). */
export function exportVariable(name: string, value: string): void {
  fileCommand('ENV', name, value)
}

/** A value the post step reads back with getState. */
export function saveState(name: string, value: string): void {
  fileCommand('STATE', name, value)
}

/** A value main saved with saveState ('' when none). */
export function getState(name: string): string {
  return channel.states[name] ?? ''
}

/** Appends markdown (or HTML) to the job summary; false when the runner gave no summary file. */
export function appendSummary(text: string): boolean {
  const file = channel.files.STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, text, 'utf8')
  return true
}

// Data escapes: a message cannot end the command line or fake another command after it.
function command(name: string, message: string): void {
  const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  write(`::${name}::${data}${EOL}`)
}

// A heredoc block with a random delimiter, so no value can end it early.
function fileCommand(kind: 'OUTPUT' | 'ENV' | 'STATE', name: string, value: string): void {
  const file = channel.files[kind]
  if (!file || !existsSync(file)) throw new Error(`the runner gave no GITHUB_${kind} file`)
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`${name}: value holds the delimiter`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}
