import { checkToken, DEFAULT_UPSTREAM, parseProxyList, TOKEN_FORM, type ProxyEntry } from '../proxy/index.js'
import { checkListen } from '../serve/flags.js'

/** Every input of action.yml, read once, validated and typed; names follow action.yml. */
export interface Inputs {
  /** Glob patterns (one a line) of the go.sum / go.work.sum files that make the key. */
  cacheDependencyPath: string[]
  keyPrefix: string
  /** Upstream list in GOPROXY syntax. */
  upstream: string
  save: 'auto' | 'always' | 'never'
  /** Use the Actions cache at all. */
  cache: boolean
  /** Persistent store directory (self-hosted); '' = GOMODCACHE/cache/download. */
  store: string
  /** host:port the proxy listens on. */
  listen: string
  prefetch: boolean
  /**
   * Restored zips come without the .ziphash their entry recorded: the proxy checks each against
   * go.sum in the background and writes it, and the go command hashes any it reaches first.
   */
  verifyRestore: boolean
  /** Access token for a non-loopback listen address; '' = generate one when needed. */
  token: string
  /** The go command's build cache: off, on (usage read from the directory), or through GOCACHEPROG. */
  buildCache: 'false' | 'true' | 'gocacheprog'
  /** This job's builds among the workflow's (a matrix entry): its own entries restore first; '' = none. */
  buildCacheScope: string
}

/** A bad input: the message is one line naming the input and the accepted form. */
export class InputError extends Error {
  override name = 'InputError'
}

/** The defaults action.yml documents, used when an input is empty. */
export const INPUT_DEFAULTS = {
  // testdata holds fixtures, never the project's dependencies (the go command ignores it too).
  cacheDependencyPath: ['**/go.sum', 'go.work.sum', '!**/testdata/**'],
  keyPrefix: 'go-mod-cache-v1',
  listen: '127.0.0.1:0',
}

type Env = Record<string, string | undefined>

/** Reads the action's inputs from `INPUT_*` variables (as the runner sets them) and validates them. */
export function readInputs(env: Env): Inputs {
  const get = (name: string): string => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim()
  const patterns = get('cache-dependency-path')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return {
    cacheDependencyPath: patterns.length > 0 ? patterns : INPUT_DEFAULTS.cacheDependencyPath,
    keyPrefix: keyPrefix(get('key-prefix') || INPUT_DEFAULTS.keyPrefix),
    // The job's own GOPROXY is not an input: a list the proxy cannot read makes it fail to start,
    // which main reports with a warning, leaving GOPROXY as it was.
    upstream: get('upstream')
      ? upstreamList(get('upstream'))
      : (env.GOPROXY ?? '').trim() || DEFAULT_UPSTREAM,
    save: oneOf('save', get('save') || 'auto', ['auto', 'always', 'never'] as const),
    cache: bool('cache', get('cache'), true),
    store: get('store'),
    listen: listenAddress(get('listen') || INPUT_DEFAULTS.listen),
    prefetch: bool('prefetch', get('prefetch'), true),
    verifyRestore: bool('verify-restore', get('verify-restore'), false),
    token: token(get('token')),
    buildCache: oneOf('build-cache', get('build-cache') || 'true', ['true', 'false', 'gocacheprog'] as const),
    buildCacheScope: scope(get('build-cache-scope')),
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value.toLowerCase())
  if (found === undefined) {
    throw new InputError(`input ${name}: '${value}' is not one of ${allowed.join('|')}`)
  }
  return found
}

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  return oneOf(name, value, ['true', 'false'] as const) === 'true'
}

// Keys may not hold commas and are capped at 512 characters; the hash and '-' take 65 of them.
function keyPrefix(value: string): string {
  if (!/^[A-Za-z0-9._/+=:-]{1,200}$/.test(value)) {
    throw new InputError(
      `input key-prefix: '${value}' must be 1-200 characters of letters, digits and ._/+=:- (no commas or spaces)`,
    )
  }
  return value
}

// Any text (a matrix value): the key takes it with characters a key cannot hold replaced.
function scope(value: string): string {
  if (value.length > 100 || value.includes('\n')) {
    throw new InputError(
      `input build-cache-scope: must be one line of at most 100 characters, e.g. \${{ matrix.service }}`,
    )
  }
  return value
}

// The input is a GOPROXY list, checked by the proxy's own parser, which reads it as cmd/go does
// (a bare host gets https://, empty entries are skipped, file:// works).
function upstreamList(value: string): string {
  try {
    parseProxyList(value)
  } catch (error) {
    throw new InputError(`input upstream: ${(error as Error).message}`)
  }
  return value.replace(/\s/g, '')
}

/** The passwords (and bare tokens) in an upstream list's URLs, for the runner to mask in logs. */
export function upstreamSecrets(list: string): string[] {
  let entries: ProxyEntry[]
  try {
    entries = parseProxyList(list)
  } catch {
    return [] // the proxy refuses such a list and never starts; its error line is redacted
  }
  return entries.flatMap((e) =>
    e.kind === 'http' && e.userinfo ? [e.userinfo.password || e.userinfo.username] : [],
  )
}

// The serve flag's rule (serve/flags.ts), so the input and `serve --listen` take the same addresses.
function listenAddress(value: string): string {
  if (checkListen(value) !== undefined) {
    throw new InputError(`input listen: '${value}' must be host:port, e.g. 127.0.0.1:0 or 172.17.0.1:8181`)
  }
  return value
}

// The proxy's rule (config.ts), so the input and `serve --token` take the same tokens.
function token(value: string): string {
  if (value !== '' && checkToken(value) !== undefined) {
    throw new InputError(`input token: must be ${TOKEN_FORM}`)
  }
  return value
}

/** True when the listen host is a loopback address, where no token is needed. */
export { isLoopback } from '../serve/flags.js'
