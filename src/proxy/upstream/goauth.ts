import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import { STATUS_CODES } from 'node:http'
import { isAbsolute } from 'node:path'
import type { Logger } from '../log.js'
import { defaultNetrcPath, loadNetrc, netrcLookup, type NetrcEntry } from './netrc.js'

/** One scheme of a GOAUTH list, as cmd/go's auth package reads it. */
export type GoAuthScheme =
  { kind: 'netrc' } | { kind: 'git'; dir: string } | { kind: 'command'; words: string[] }

/** Request headers, by name; a name may repeat. */
export type Headers = Record<string, string[]>

/** A 4xx answer, as a GOAUTH command reads it on stdin. */
export interface Rejection {
  status: number
  headers: Record<string, string | string[] | undefined>
}

/**
 * Parses GOAUTH (`;`-separated; unset or empty is `netrc`) as cmd/go does, and refuses what it
 * refuses: an empty command, `off` beside another, `git` without one absolute directory.
 */
export function parseGoAuth(value: string | undefined): GoAuthScheme[] {
  const list = value?.trim() ? value : 'netrc'
  const commands = list.split(';').map((c) => c.trim())
  const schemes: GoAuthScheme[] = []
  for (const command of commands) {
    const words = command.split(/\s+/).filter(Boolean)
    if (words.length === 0) throw new Error(`GOAUTH encountered an empty command (GOAUTH=${list})`)
    if (words[0] === 'off') {
      if (commands.length !== 1) throw new Error(`GOAUTH=off cannot be combined with other commands`)
    } else if (words[0] === 'netrc') schemes.push({ kind: 'netrc' })
    else if (words[0] === 'git') schemes.push({ kind: 'git', dir: gitDir(words) })
    else schemes.push({ kind: 'command', words: splitQuoted(command) })
  }
  return schemes
}

function gitDir(words: string[]): string {
  const dir = words[1]
  const need = 'GOAUTH=git dir method requires an absolute path to the git working directory'
  if (words.length !== 2 || dir === undefined || !isAbsolute(dir)) throw new Error(need)
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${need}: ${dir} is not one`)
  return dir
}

/** cmd/internal/quoted.Split: fields by white space, '' or "" around a field, no escapes. */
export function splitQuoted(s: string): string[] {
  const fields: string[] = []
  const re = /\s*(?:(["'])([^]*?)\1|(["'])|([^\s]+))/y
  for (let m = re.exec(s); m && m[0].trim() !== ''; m = re.exec(s)) {
    if (m[3]) throw new Error(`cannot parse GOAUTH command ${s}: unterminated ${m[3]} string`)
    fields.push(m[2] ?? m[4] ?? '')
  }
  return fields
}

/** Where an https request finds its credentials: GOAUTH's schemes, run as cmd/go runs them. */
export interface Credentials {
  /** The headers for an https URL (no userinfo), or undefined; the schemes run once first. */
  headers(url: string): Promise<Headers | undefined>
  /** Whether running the schemes again for a URL can change anything (a git or command scheme). */
  readonly refreshable: boolean
  /** After a 4xx: runs every scheme again with the URL (and the answer, for a command). */
  refresh(url: string, rejection: Rejection): Promise<void>
}

/** Options of goAuth: the .netrc file, the log, and how long one command may run. */
export interface GoAuthOptions {
  netrc?: string
  log: Logger
  timeoutMs?: number
}

/** The credentials GOAUTH finds, as cmd/go's auth.AddCredentials finds them. */
export function goAuth(schemes: GoAuthScheme[], options: GoAuthOptions): Credentials {
  const store = new Map<string, Headers>()
  const netrc = schemes.some((s) => s.kind === 'netrc') ? readNetrc(options.netrc, options.log) : []
  let first: Promise<void> | undefined
  let queue: Promise<void> = Promise.resolve()
  const run = (url: string, rejection?: Rejection): Promise<void> =>
    (queue = queue.then(() => runSchemes(schemes, store, netrc, options, url, rejection)))
  return {
    refreshable: schemes.some((s) => s.kind !== 'netrc'),
    async headers(url) {
      await (first ??= run(''))
      return lookup(store, url) ?? legacyNetrc(netrc, url)
    },
    async refresh(url, rejection) {
      await (first ??= run(''))
      await run(url, rejection)
    },
  }
}

// Reverse order, later schemes overwritten by earlier ones: the first that has a prefix wins.
async function runSchemes(
  schemes: GoAuthScheme[],
  store: Map<string, Headers>,
  netrc: NetrcEntry[],
  options: GoAuthOptions,
  url: string,
  rejection?: Rejection,
): Promise<void> {
  for (const scheme of [...schemes].reverse()) {
    if (scheme.kind === 'netrc') {
      for (const line of [...netrc].reverse()) {
        if (line.machine !== undefined) storeHeaders(store, line.machine, basic(line.login, line.password))
      }
      continue
    }
    if (scheme.kind === 'git' && url === '') continue
    const name = scheme.kind === 'git' ? 'git' : (scheme.words[0] ?? '')
    try {
      const found =
        scheme.kind === 'git'
          ? await gitCredential(scheme.dir, url, options.timeoutMs)
          : await authCommand(scheme.words, url, rejection, options.timeoutMs)
      for (const [prefix, headers] of found) storeHeaders(store, prefix, headers)
    } catch (err) {
      // Only the program's name and why it failed: its arguments or output may hold a secret.
      options.log.debug(
        `GOAUTH ${name}${url ? ` for ${url}` : ''} gave no credentials: ${(err as Error).message}`,
      )
    }
  }
}

function storeHeaders(store: Map<string, Headers>, prefix: string, headers: Headers): void {
  const key = trimPrefix(prefix)
  if (Object.keys(headers).length === 0) store.delete(key)
  else store.set(key, headers)
}

const trimPrefix = (url: string): string => url.replace(/^https:\/\//, '').replace(/\/$/, '')

/** cmd/go's loadCredential: the URL, then each shorter path prefix, down to the host. */
function lookup(store: Map<string, Headers>, url: string): Headers | undefined {
  let prefix = trimPrefix(url)
  for (;;) {
    const found = store.get(prefix)
    if (found) return found
    const slash = prefix.lastIndexOf('/')
    if (slash < 0) return undefined
    prefix = prefix.slice(0, slash)
  }
}

// Kept from before GOAUTH: a machine named without the URL's port, and the `default` entry
// (cmd/go reads neither); only when no GOAUTH scheme had the URL.
function legacyNetrc(netrc: NetrcEntry[], url: string): Headers | undefined {
  if (netrc.length === 0) return undefined
  const { host, hostname } = new URL(url)
  const creds = netrcLookup(netrc, host, hostname)
  return creds ? basic(creds.username, creds.password) : undefined
}

function basic(username: string, password: string): Headers {
  return { Authorization: ['Basic ' + Buffer.from(`${username}:${password}`).toString('base64')] }
}

function readNetrc(file: string | undefined, log: Logger): NetrcEntry[] {
  const target = file ?? defaultNetrcPath()
  try {
    const entries = loadNetrc(target)
    if (entries === undefined && file !== undefined) log.warn(`netrc file ${file} does not exist`)
    return entries ?? []
  } catch (err) {
    log.warn(`cannot read netrc file ${target}: ${(err as Error).message}; no .netrc credentials`)
    return []
  }
}

/** Runs a program; its stdout, or an error naming only the exit (its output may hold a secret). */
function runProgram(
  words: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const [file = '', ...args] = words
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 1 << 20 },
      (err, stdout) => {
        if (!err) return resolve(stdout)
        const code = (err as { code?: unknown }).code
        reject(
          new Error(err.killed ? 'timed out' : `exit ${typeof code === 'undefined' ? '?' : String(code)}`),
        )
      },
    )
    child.stdin?.on('error', () => {})
    child.stdin?.end(options.input ?? '')
  })
}

/** cmd/go's runGitAuth: `git credential fill` in dir, for a URL its answer is a prefix of. */
export async function gitCredential(
  dir: string,
  url: string,
  timeoutMs?: number,
): Promise<Array<[string, Headers]>> {
  // A detached proxy has no terminal to prompt on: git fails instead of waiting.
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' }
  const out = await runProgram(['git', 'credential', 'fill'], {
    cwd: dir,
    input: `url=${url}\n`,
    env,
    timeoutMs,
  })
  const { prefix, username, password } = parseGitCredential(out)
  if (prefix === '' || !url.startsWith(prefix)) throw new Error('no credential for this URL')
  return [[prefix, basic(username, password)]]
}

/** cmd/go's parseGitAuth: protocol, host and path (or url) make the prefix. */
export function parseGitCredential(out: string): { prefix: string; username: string; password: string } {
  const fields: Record<string, string> = {}
  for (const line of out.split('\n')) {
    const eq = line.trim().indexOf('=')
    if (eq > 0) fields[line.trim().slice(0, eq)] = line.trim().slice(eq + 1)
  }
  let prefix = ''
  if (fields.protocol || fields.host || fields.path) {
    const path = fields.path ? `/${fields.path.replace(/^\//, '')}` : ''
    prefix = `${fields.protocol ? `${fields.protocol}:` : ''}${fields.host !== undefined ? `//${fields.host}` : ''}${path}`
  }
  if (fields.url && /^[a-z][a-z0-9+.-]*:\/\//i.test(fields.url)) prefix = fields.url
  return { prefix, username: fields.username ?? '', password: fields.password ?? '' }
}

/** cmd/go's runAuthCommand: the command, plus the URL when there is one, the 4xx answer on stdin. */
async function authCommand(
  words: string[],
  url: string,
  rejection: Rejection | undefined,
  timeoutMs?: number,
): Promise<Array<[string, Headers]>> {
  const input = rejection ? responseText(rejection) : undefined
  const out = await runProgram(url ? [...words, url] : words, { input, timeoutMs })
  return [...parseAuthOutput(out)]
}

/** The answer as cmd/go writes it to a GOAUTH command: status line, headers, a blank line. */
export function responseText(r: Rejection): string {
  const lines = [`HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`.trimEnd()]
  for (const [name, value] of Object.entries(r.headers)) {
    if (value === undefined) continue
    const canonical = name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
    lines.push(`${canonical}: ${Array.isArray(value) ? value.join(', ') : value}`)
  }
  return lines.join('\n') + '\n\n'
}

/**
 * cmd/go's parseUserAuth: blocks of URL lines, a blank line, header lines, a blank line. Any
 * malformed block fails the whole output, as there.
 */
export function parseAuthOutput(data: string): Map<string, Headers> {
  const credentials = new Map<string, Headers>()
  const lines = data.split('\n')
  // A final newline leaves one empty string after the last blank line.
  if (lines.at(-1) !== '') throw new Error('invalid format: missing empty line')
  lines.pop()
  let i = 0
  while (i < lines.length) {
    const urls: string[] = []
    for (; lines[i] !== ''; i++) {
      if (i >= lines.length) throw new Error('invalid format: missing empty line after URLs')
      urls.push(requestUri(lines[i] as string))
    }
    i++
    const headers: Headers = {}
    for (; lines[i] !== ''; i++) {
      if (i >= lines.length) throw new Error('invalid format: missing empty line after headers')
      const [name, value] = headerLine(lines[i] as string)
      ;(headers[name] ??= []).push(value)
    }
    i++
    for (const u of urls) credentials.set(u.replace(/^https:\/\//, ''), headers)
  }
  return credentials
}

// url.ParseRequestURI: an absolute URL, or an absolute path.
function requestUri(line: string): string {
  if (/^[a-z][a-z0-9+.-]*:\S*$/i.test(line) || /^\/\S*$/.test(line)) return line
  throw new Error(`could not parse URL ${line}`)
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function headerLine(line: string): [string, string] {
  const at = line.indexOf(': ')
  const name = at < 0 ? '' : line.slice(0, at)
  const value = at < 0 ? '' : line.slice(at + 2).trim()
  // eslint-disable-next-line no-control-regex
  if (!TOKEN.test(name) || /[\x00-\x08\x0a-\x1f\x7f]/.test(value)) {
    throw new Error('invalid format: invalid header line')
  }
  return [name, value]
}
