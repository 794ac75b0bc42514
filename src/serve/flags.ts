import { isIP } from 'node:net'
import { join } from 'node:path'
import pkg from '../../package.json' with { type: 'json' }
import {
  DEFAULTS,
  DEFAULT_TIMEOUTS,
  DEFAULT_UPSTREAM,
  checkToken,
  TOKEN_FORM,
  type ProxyConfig,
  type SumdbConfig,
  parseProxyList,
  type ProxyEntry,
  isLoopbackHost,
  parseGoAuth,
  splitListen,
} from '../proxy/index.js'

/** The proxy's configuration as flags or stdin give it: everything but the logger and the gate. */
export type ServeConfig = Omit<ProxyConfig, 'log' | 'backgroundAfter'>

/** What `go-mod-cache serve` was asked to do, beyond the proxy's own configuration. */
export interface ServeOptions {
  config: ServeConfig
  /** Where to write {url, goproxy, port, pid} once listening. */
  readyFile?: string
  debug: boolean
  /** Read the configuration as JSON from stdin (flags other than --ready-file/--debug are refused). */
  configStdin: boolean
}

/** The outcome of parsing argv: run, print help, print the version, or one line of error. */
export type ParseResult = ServeOptions | { help: string } | { version: string } | { error: string }

/** The command's version, as package.json says. */
export const VERSION: string = pkg.version

/** The environment and home directory flags default from; injected so parsing stays pure. */
export interface FlagEnv {
  env: Record<string, string | undefined>
  home: string
}

interface Flag {
  name: string
  /** The value's placeholder; absent for a switch. */
  arg?: string
  help: string
  /** The default as help shows it. */
  shown: string
}

// One table drives both the parser and the help text, so help can never miss a flag.
const FLAGS: Flag[] = [
  {
    name: 'listen',
    arg: 'HOST:PORT',
    help: 'address to listen on; port 0 picks a free port',
    shown: DEFAULTS.listen,
  },
  {
    name: 'store',
    arg: 'DIR',
    help: 'store directory (GOPROXY layout)',
    shown: '$XDG_CACHE_HOME/go-mod-cache or ~/.cache/go-mod-cache',
  },
  {
    name: 'upstream',
    arg: 'LIST',
    help: "upstream list in GOPROXY syntax (',' '|' direct off)",
    shown: `$GOPROXY, else ${DEFAULT_UPSTREAM}`,
  },
  {
    name: 'go-sum',
    arg: 'FILE',
    help: 'go.sum or go.work.sum to verify against and prefetch (repeatable)',
    shown: 'none',
  },
  { name: 'offline', help: 'never contact upstream; misses answer 404', shown: 'off' },
  { name: 'prefetch', help: 'fetch every version in --go-sum in the background at start', shown: 'on' },
  { name: 'no-prefetch', help: 'do not prefetch', shown: '' },
  {
    name: 'noproxy',
    arg: 'GLOBS',
    help: 'module path globs (GONOPROXY syntax) never asked of upstream: served from the store or 404',
    shown: '$GONOPROXY, else $GOPRIVATE',
  },
  {
    name: 'verify-at-start',
    help:
      'verify every stored zip --go-sum names in the background at start (a restored store: ' +
      'first requests join checks under way); not for a store that is GOMODCACHE/cache/download',
    shown: 'off',
  },
  {
    name: 'token',
    arg: 'TOKEN',
    help: 'access token; the printed GOPROXY carries it as /_token/<TOKEN> (Bearer or basic auth also work)',
    shown: '$GO_MOD_CACHE_TOKEN, else none',
  },
  {
    name: 'sumdb',
    arg: 'NAME[+HASH+KEY][=URL]',
    help: "checksum database served under /sumdb/NAME/; what is stored without a go.sum line is checked against it (key: GOSUMDB's, or the go command's for sum.golang.org)",
    shown: `from $GOSUMDB, else ${DEFAULTS.sumdb.name}=${DEFAULTS.sumdb.url}`,
  },
  { name: 'no-sumdb', help: 'do not serve a checksum database (/sumdb/ answers 404)', shown: '' },
  {
    name: 'nosumdb',
    arg: 'GLOBS',
    help: 'module path globs (GONOSUMDB syntax) whose lookups are refused, never sent to the database',
    shown: '$GONOSUMDB, else $GOPRIVATE',
  },
  { name: 'journal', arg: 'FILE', help: 'JSONL journal of files served and fetched', shown: 'none' },
  { name: 'metrics', help: 'serve Prometheus text at /metrics', shown: 'on' },
  { name: 'no-metrics', help: 'do not serve /metrics', shown: '' },
  {
    name: 'ready-file',
    arg: 'FILE',
    help: 'write {url,goproxy,port,pid} here (atomically) once listening',
    shown: 'none',
  },
  {
    name: 'ttl',
    arg: 'SECONDS',
    help: 'freshness of lists, @latest, queries and sumdb /latest',
    shown: String(DEFAULTS.mutableTtlMs / 1000),
  },
  {
    name: 'headers-timeout',
    arg: 'SECONDS',
    help: 'longest wait for an upstream answer to start',
    shown: String(DEFAULT_TIMEOUTS.headersMs / 1000),
  },
  {
    name: 'idle-timeout',
    arg: 'SECONDS',
    help: 'longest silence while an upstream body arrives',
    shown: String(DEFAULT_TIMEOUTS.idleMs / 1000),
  },
  {
    name: 'cool-down',
    arg: 'SECONDS',
    help: 'how long an upstream entry that hung or refused is skipped (0: never skipped)',
    shown: String(DEFAULT_TIMEOUTS.coolDownMs / 1000),
  },
  {
    name: 'netrc',
    arg: 'FILE',
    help: '.netrc with credentials for https upstreams',
    shown: '$NETRC, else ~/.netrc',
  },
  {
    name: 'goauth',
    arg: 'LIST',
    help: "where https upstream credentials come from, as GOAUTH: ';'-separated netrc, git DIR, a command, or off",
    shown: '$GOAUTH, else netrc',
  },
  { name: 'debug', help: 'log internals too', shown: 'off' },
  { name: 'config-stdin', help: 'read the configuration as a JSON object from stdin', shown: 'off' },
  { name: 'help', help: 'print this help', shown: '' },
  { name: 'version', help: 'print the version', shown: '' },
]

/** The help text: usage and every flag with its default. */
export function helpText(): string {
  const rows = FLAGS.map((f) => {
    const left = `  --${f.name}${f.arg ? ` ${f.arg}` : ''}`
    const dflt = f.shown ? ` (default: ${f.shown})` : ''
    return `${left.padEnd(28)} ${f.help}${dflt}`
  })
  return [
    'Usage: go-mod-cache serve [flags]',
    '',
    'Runs a verified, caching Go module proxy and prints the GOPROXY value to use.',
    '',
    'Flags:',
    ...rows,
    '',
    'Memory: for a smaller peak RSS, run it as the action does, with NODE_OPTIONS=--max-semi-space-size=1',
    'MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 (bench/README.md has the figures).',
    '',
  ].join('\n')
}

const fail = (flag: string, message: string): { error: string } => ({
  error: `go-mod-cache: ${flag ? `--${flag}: ` : ''}${message}`,
})

/** Parses `serve ...` argv (without node and the script) into options, help, or one error line. */
export function parseArgs(argv: string[], fenv: FlagEnv): ParseResult {
  const args = [...argv]
  if (args[0] === 'serve') args.shift()
  else if (args[0] === undefined) return fail('', 'expected a command: serve (see --help)')
  else if (!args[0].startsWith('--')) return fail('', `unknown command "${args[0]}": expected serve`)

  const values = new Map<string, string[]>()
  while (args.length > 0) {
    const word = args.shift() as string
    if (!word.startsWith('--')) return fail('', `unexpected argument "${word}"`)
    const eq = word.indexOf('=')
    const name = eq < 0 ? word.slice(2) : word.slice(2, eq)
    const flag = FLAGS.find((f) => f.name === name)
    if (!flag) return fail('', `unknown flag "--${name}" (see --help)`)
    let value = ''
    if (flag.arg) {
      const next = eq < 0 ? args.shift() : word.slice(eq + 1)
      if (next === undefined || next === '') return fail(name, `expected ${flag.arg}`)
      value = next
    } else if (eq >= 0) {
      return fail(name, 'takes no value')
    }
    values.set(name, [...(values.get(name) ?? []), value])
  }
  if (values.has('help')) return { help: helpText() }
  if (values.has('version')) return { version: VERSION }
  return build(values, fenv)
}

// Single-valued flags keep the last occurrence, as most command lines do.
const last = (values: Map<string, string[]>, name: string): string | undefined => values.get(name)?.at(-1)

function build(values: Map<string, string[]>, fenv: FlagEnv): ParseResult {
  const refused = conflicting(values)
  if (refused) return refused
  const configStdin = values.has('config-stdin')
  const base = defaults(fenv)
  const listen = last(values, 'listen') ?? base.listen
  const listenError = checkListen(listen)
  if (listenError) return fail('listen', listenError)
  const sumdb = sumdbOf(values, base.sumdb)
  if (sumdb !== null && 'error' in sumdb) return sumdb
  const seconds = secondsFlags(values, base.mutableTtlMs)
  if ('error' in seconds) return seconds
  const { mutableTtlMs, ...timeouts } = seconds

  const config: ServeConfig = {
    ...base,
    listen,
    store: last(values, 'store') ?? base.store,
    upstream: last(values, 'upstream') ?? base.upstream,
    goSum: values.get('go-sum') ?? [],
    prefetch: !values.has('no-prefetch'),
    noProxy: last(values, 'noproxy') ?? base.noProxy,
    noSumdb: last(values, 'nosumdb') ?? base.noSumdb,
    offline: values.has('offline'),
    sumdb,
    metrics: !values.has('no-metrics'),
    mutableTtlMs,
    ...timeouts,
    ...optionals(values, base),
  }
  if (!configStdin) {
    const err = checkConfig(config)
    if (err) return err
  }
  const options: ServeOptions = { config, debug: values.has('debug'), configStdin }
  const readyFile = last(values, 'ready-file')
  if (readyFile !== undefined) options.readyFile = readyFile
  return options
}

/** A flag given with its opposite, or beside --config-stdin (whose JSON holds the configuration). */
function conflicting(values: Map<string, string[]>): { error: string } | undefined {
  for (const [a, b] of [
    ['prefetch', 'no-prefetch'],
    ['metrics', 'no-metrics'],
    ['sumdb', 'no-sumdb'],
  ] as const) {
    if (values.has(a) && values.has(b)) return fail(b, `conflicts with --${a}`)
  }
  if (!values.has('config-stdin')) return undefined
  const extra = [...values.keys()].find((k) => !['config-stdin', 'ready-file', 'debug'].includes(k))
  return extra ? fail(extra, 'not allowed with --config-stdin (put it in the JSON)') : undefined
}

/** The checksum database: --no-sumdb turns it off, --sumdb names another, else the default's. */
function sumdbOf(
  values: Map<string, string[]>,
  dflt: ServeConfig['sumdb'],
): ServeConfig['sumdb'] | { error: string } {
  if (values.has('no-sumdb')) return null
  const flag = last(values, 'sumdb')
  if (flag === undefined) return dflt
  const parsed = parseSumdbFlag(flag)
  return 'error' in parsed ? fail('sumdb', parsed.error) : parsed
}

/** The settings a configuration holds only when set: by a flag, else by the environment's default. */
function optionals(values: Map<string, string[]>, base: ServeConfig): Partial<ServeConfig> {
  const set: Partial<ServeConfig> = {}
  const token = last(values, 'token') ?? base.token
  if (token !== undefined) set.token = token
  const journal = last(values, 'journal')
  if (journal !== undefined) set.journal = journal
  if (values.has('verify-at-start')) set.verifyAtStart = true
  const netrc = last(values, 'netrc') ?? base.netrc
  if (netrc !== undefined) set.netrc = netrc
  const goauth = last(values, 'goauth') ?? base.goauth
  if (goauth !== undefined) set.goauth = goauth
  return set
}

/** The flags given in SECONDS, as milliseconds: --ttl (else `ttlMs`) and the upstream timeouts given. */
function secondsFlags(
  values: Map<string, string[]>,
  ttlMs: number,
):
  | { error: string }
  | Pick<ServeConfig, 'mutableTtlMs' | 'headersTimeoutMs' | 'idleTimeoutMs' | 'coolDownMs'> {
  const out: Pick<ServeConfig, 'mutableTtlMs' | 'headersTimeoutMs' | 'idleTimeoutMs' | 'coolDownMs'> = {
    mutableTtlMs: ttlMs,
  }
  const fields = [
    ['ttl', 'mutableTtlMs'],
    ['headers-timeout', 'headersTimeoutMs'],
    ['idle-timeout', 'idleTimeoutMs'],
    ['cool-down', 'coolDownMs'],
  ] as const
  for (const [flag, field] of fields) {
    const text = last(values, flag)
    if (text === undefined) continue
    if (!/^\d+(\.\d+)?$/.test(text)) return fail(flag, `expected SECONDS (a number >= 0), got "${text}"`)
    out[field] = Math.round(Number(text) * 1000)
  }
  return out
}

/** The configuration a bare `serve` uses in this environment. */
export function defaults(fenv: FlagEnv): ServeConfig {
  const { env, home } = fenv
  const cacheHome = env.XDG_CACHE_HOME || join(home, '.cache')
  const config: ServeConfig = {
    listen: DEFAULTS.listen,
    store: join(cacheHome, 'go-mod-cache'),
    upstream: upstreamFromEnv(env.GOPROXY, DEFAULTS.listen),
    goSum: [],
    prefetch: DEFAULTS.prefetch,
    noProxy: noProxyFromEnv(env),
    offline: DEFAULTS.offline,
    noSumdb: noSumdbFromEnv(env),
    sumdb: sumdbFromEnv(env.GOSUMDB),
    metrics: DEFAULTS.metrics,
    mutableTtlMs: DEFAULTS.mutableTtlMs,
    shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
    concurrency: { ...DEFAULTS.concurrency },
  }
  if (env.GO_MOD_CACHE_TOKEN) config.token = env.GO_MOD_CACHE_TOKEN
  if (env.NETRC) config.netrc = env.NETRC
  if (env.GOAUTH) config.goauth = env.GOAUTH
  return config
}

/** The go command's GONOPROXY: the variable when set and not empty, else GOPRIVATE. */
export function noProxyFromEnv(env: Record<string, string | undefined>): string {
  return env.GONOPROXY || env.GOPRIVATE || ''
}

/** The go command's GONOSUMDB: the variable when set and not empty, else GOPRIVATE. */
export function noSumdbFromEnv(env: Record<string, string | undefined>): string {
  return env.GONOSUMDB || env.GOPRIVATE || ''
}

/**
 * The upstream to take from the environment's GOPROXY: entries that point at our own listen
 * address are dropped (a proxy must not loop to itself); a list left with no URL at all
 * (only direct/off) gives the default, since a caching proxy without an upstream is no use.
 */
export function upstreamFromEnv(goproxy: string | undefined, listen: string): string {
  if (!goproxy) return DEFAULT_UPSTREAM
  const ours = listen.endsWith(':0') ? undefined : listen
  const kept: string[] = []
  let hasUrl = false
  for (const part of goproxy.split(/([,|])/)) {
    if (part === ',' || part === '|') {
      if (kept.length > 0) kept.push(part)
      continue
    }
    const entry = part.trim()
    if (!entry) continue
    // Read as cmd/go reads it (a bare host is https); an entry it refuses is kept for the
    // proxy's start to report.
    const parsed = parseOne(entry)
    if (ours && parsed?.kind === 'http' && pointsAt(parsed, ours)) {
      kept.pop()
      continue
    }
    kept.push(entry)
    if (parsed?.kind === 'http' || parsed?.kind === 'file') hasUrl = true
  }
  if (kept.at(-1) === ',' || kept.at(-1) === '|') kept.pop()
  if (!hasUrl) return DEFAULT_UPSTREAM
  return kept.join('')
}

function parseOne(entry: string): ProxyEntry | undefined {
  try {
    return parseProxyList(entry)[0]
  } catch {
    return undefined
  }
}

function pointsAt(entry: Extract<ProxyEntry, { kind: 'http' }>, listen: string): boolean {
  const port = /:(\d+)$/.exec(entry.host)?.[1] ?? (entry.protocol === 'https:' ? '443' : '80')
  const host = entry.hostname.replace(/^\[|\]$/g, '')
  return `${host}:${port}` === listen || `[${host}]:${port}` === listen
}

/**
 * GOSUMDB as the go command reads it: "off", "name", "name+key", or "name+key url". Without a URL
 * the database is reached through the upstream proxies' /sumdb/<name>/ first, as cmd/go does.
 */
export function sumdbFromEnv(gosumdb: string | undefined): SumdbConfig | null {
  const value = (gosumdb ?? '').trim()
  if (!value) return { ...DEFAULTS.sumdb }
  if (value === 'off') return null
  const [key = '', url] = value.split(/\s+/)
  const name = key.split('+')[0] ?? ''
  if (!checkSumdbName(name)) return { ...DEFAULTS.sumdb }
  const keyed = key.includes('+') ? { key } : {}
  return url ? { name, url, ...keyed } : { name, url: `https://${name}`, viaProxies: true, ...keyed }
}

/** --sumdb NAME[=URL], NAME perhaps a verifier key NAME+HASH+KEY: without URL the database is https://NAME. */
export function parseSumdbFlag(value: string): SumdbConfig | { error: string } {
  // A key's base64 holds no '=': 33 bytes encode to 44 characters without padding.
  const eq = value.indexOf('=')
  const spec = eq < 0 ? value : value.slice(0, eq)
  const name = spec.split('+')[0] ?? ''
  const url = eq < 0 ? `https://${name}` : value.slice(eq + 1)
  if (!checkSumdbName(name))
    return { error: `expected NAME[=URL] with NAME like sum.golang.org, got "${value}"` }
  if (!checkHttpUrl(url)) return { error: `expected NAME[=URL] with an http(s) URL, got "${value}"` }
  return { name, url, ...(spec.includes('+') ? { key: spec } : {}) }
}

// Names travel in the URL path /sumdb/<name>/, so no traversal, spaces or '+' (which starts a key).
function checkSumdbName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._:-]*(\/[A-Za-z0-9._:-]+)*$/.test(name) && !name.split('/').includes('..')
}

function checkHttpUrl(value: string): boolean {
  try {
    const u = new URL(value)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Why a listen address is bad, or undefined: the proxy's own HOST:PORT parse (splitListen), and
 * then an IPv6 address in brackets, else an IPv4 address or a host name. The action's input too.
 */
export function checkListen(listen: string): string | undefined {
  const bad = `expected HOST:PORT (e.g. 127.0.0.1:3000, [::1]:0), got "${listen}"`
  let host: string
  try {
    host = splitListen(listen).host
  } catch {
    return bad
  }
  if (listen.startsWith('[')) return isIP(host) === 6 ? undefined : bad
  return isIP(host) === 4 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host) ? undefined : bad
}

/** Whether a listen address is loopback-only, so it may go without a token (the proxy's rule). */
export function isLoopback(listen: string): boolean {
  try {
    return isLoopbackHost(splitListen(listen).host)
  } catch {
    return false
  }
}

// Cross-field rules shared by flags and --config-stdin.
function checkConfig(config: ServeConfig): { error: string } | undefined {
  if (!isLoopback(config.listen) && !config.token) {
    return fail(
      'listen',
      `a non-loopback address needs --token or GO_MOD_CACHE_TOKEN, got "${config.listen}"`,
    )
  }
  if (!config.upstream.trim()) return fail('upstream', 'expected LIST in GOPROXY syntax, got ""')
  const badToken = config.token === undefined ? undefined : checkToken(config.token)
  if (badToken) return fail('token', `${badToken} (from --token or GO_MOD_CACHE_TOKEN)`)
  if (config.goauth !== undefined) {
    try {
      parseGoAuth(config.goauth)
    } catch (error) {
      return fail('goauth', (error as Error).message)
    }
  }
  return undefined
}

type Check = (v: unknown) => boolean
const isString: Check = (v) => typeof v === 'string' && v !== ''
const isBool: Check = (v) => typeof v === 'boolean'
const isMs: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1024

// Every field --config-stdin accepts, with its check and the accepted form for the error line.
const FIELDS: Record<keyof ServeConfig, [Check, string]> = {
  listen: [(v) => typeof v === 'string' && checkListen(v) === undefined, 'a "HOST:PORT" string'],
  store: [isString, 'a directory path'],
  upstream: [isString, 'a GOPROXY-style list'],
  goSum: [(v) => Array.isArray(v) && v.every(isString), 'an array of file paths'],
  prefetch: [isBool, 'a boolean'],
  noProxy: [(v) => typeof v === 'string', 'a string of module path globs (GONOPROXY syntax)'],
  noSumdb: [(v) => typeof v === 'string', 'a string of module path globs (GONOSUMDB syntax)'],
  offline: [isBool, 'a boolean'],
  token: [(v) => typeof v === 'string' && checkToken(v) === undefined, `a string of ${TOKEN_FORM}`],
  sumdb: [
    (v) => v === null || (typeof v === 'object' && isSumdb(v as Record<string, unknown>)),
    'null or {"name": NAME, "url": "http(s)://...", "viaProxies"?: BOOLEAN, "key"?: "NAME+HASH+KEY"}',
  ],
  journal: [isString, 'a file path'],
  metrics: [isBool, 'a boolean'],
  mutableTtlMs: [isMs, 'a number of milliseconds >= 0'],
  shutdownTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
  concurrency: [
    (v) => typeof v === 'object' && v !== null && isConcurrency(v as Record<string, unknown>),
    '{"upstream": N, "prefetch": N} with 1 <= N <= 1024',
  ],
  netrc: [isString, 'a file path'],
  goauth: [(v) => typeof v === 'string', 'a GOAUTH list'],
  verifyConcurrency: [isCount, 'an integer 1 <= N <= 1024'],
  verifyAtStart: [isBool, 'a boolean'],
  headersTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
  idleTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
  coolDownMs: [isMs, 'a number of milliseconds >= 0'],
}

function isSumdb(v: Record<string, unknown>): boolean {
  const extra = Object.keys(v).filter((k) => k !== 'name' && k !== 'url')
  return (
    extra.every((k) => k === 'viaProxies' || k === 'key') &&
    (v.viaProxies === undefined || typeof v.viaProxies === 'boolean') &&
    (v.key === undefined || (typeof v.key === 'string' && v.key.startsWith(`${String(v.name)}+`))) &&
    typeof v.name === 'string' &&
    checkSumdbName(v.name) &&
    checkHttpUrl(String(v.url))
  )
}

function isConcurrency(v: Record<string, unknown>): boolean {
  return Object.keys(v).sort().join(',') === 'prefetch,upstream' && isCount(v.upstream) && isCount(v.prefetch)
}

/**
 * Parses the --config-stdin JSON: a ProxyConfig without `log`. Missing fields take the same
 * defaults as flags; unknown fields and wrong types are refused, naming the field.
 */
export function parseConfigJson(text: string, fenv: FlagEnv): { config: ServeConfig } | { error: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return fail('config-stdin', `expected a JSON object on stdin: ${(e as Error).message}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('config-stdin', 'expected a JSON object on stdin')
  }
  const config: Record<string, unknown> = { ...defaults(fenv) }
  for (const [key, value] of Object.entries(raw)) {
    const field = FIELDS[key as keyof ServeConfig] as [Check, string] | undefined
    if (!field) return fail('config-stdin', `unknown field "${key}"`)
    if (!field[0](value)) return fail('config-stdin', `field "${key}": expected ${field[1]}`)
    config[key] = value
  }
  const checked = config as unknown as ServeConfig
  const err = checkConfig(checked)
  return err ?? { config: checked }
}
