import { describe, expect, it } from 'vitest'
import { DEFAULT_UPSTREAM, DEFAULTS } from '../../src/proxy/config.js'
import {
  helpText,
  parseArgs,
  parseConfigJson,
  sumdbFromEnv,
  upstreamFromEnv,
  type FlagEnv,
  type ParseResult,
  type ServeOptions,
} from '../../src/serve/flags.js'
import { readContext } from '../../src/action/context.js'

const fenv = (env: Record<string, string> = {}): FlagEnv => ({ env, home: '/home/u' })

function options(result: ParseResult): ServeOptions {
  if (!('config' in result)) throw new Error(`expected options, got ${JSON.stringify(result)}`)
  return result
}

describe('parseArgs', () => {
  it('fills a bare serve from defaults and the environment', () => {
    const o = options(parseArgs(['serve'], fenv()))
    expect(o.config).toMatchObject({
      listen: '127.0.0.1:0',
      store: '/home/u/.cache/go-mod-cache',
      upstream: DEFAULT_UPSTREAM,
      goSum: [],
      prefetch: true,
      noProxy: '',
      noSumdb: '',
      offline: false,
      metrics: true,
      sumdb: DEFAULTS.sumdb,
      mutableTtlMs: 60_000,
    })
    expect(o.config.token).toBeUndefined()
    expect(o.debug).toBe(false)
    expect(o.configStdin).toBe(false)
  })

  it('takes store, upstream, token and sumdb from the environment', () => {
    const o = options(
      parseArgs(
        ['serve'],
        fenv({
          XDG_CACHE_HOME: '/xdg',
          GOPROXY: 'https://corp.example/go|https://proxy.golang.org,direct',
          GO_MOD_CACHE_TOKEN: 'sekrit-sekrit-sekrit',
          GOSUMDB: 'sum.example.com+abc+KEY https://sum.example.com/db',
        }),
      ),
    )
    expect(o.config.store).toBe('/xdg/go-mod-cache')
    expect(o.config.upstream).toBe('https://corp.example/go|https://proxy.golang.org,direct')
    expect(o.config.token).toBe('sekrit-sekrit-sekrit')
    expect(o.config.sumdb).toEqual({
      name: 'sum.example.com',
      url: 'https://sum.example.com/db',
      key: 'sum.example.com+abc+KEY',
    })
  })

  it('parses every flag, in both --flag value and --flag=value forms', () => {
    const o = options(
      parseArgs(
        [
          'serve',
          '--listen=[::1]:3000',
          '--store',
          '/s',
          '--upstream',
          'http://127.0.0.1:9/x',
          '--go-sum',
          'a/go.sum',
          '--go-sum=b/go.work.sum',
          '--offline',
          '--no-prefetch',
          '--noproxy',
          '*.corp.example,rsc.io/private',
          '--nosumdb=*.corp.example',
          '--verify-at-start',
          '--token',
          't'.repeat(16),
          '--sumdb',
          'sum.test=http://127.0.0.1:8/db',
          '--journal',
          '/j.jsonl',
          '--no-metrics',
          '--ready-file',
          '/r.json',
          '--ttl',
          '2.5',
          '--headers-timeout',
          '3',
          '--idle-timeout=4.5',
          '--cool-down',
          '0',
          '--netrc',
          '/n',
          '--goauth',
          'netrc;git /',
          '--debug',
        ],
        fenv(),
      ),
    )
    expect(o).toEqual({
      config: {
        listen: '[::1]:3000',
        store: '/s',
        upstream: 'http://127.0.0.1:9/x',
        goSum: ['a/go.sum', 'b/go.work.sum'],
        prefetch: false,
        noProxy: '*.corp.example,rsc.io/private',
        noSumdb: '*.corp.example',
        offline: true,
        token: 't'.repeat(16),
        sumdb: { name: 'sum.test', url: 'http://127.0.0.1:8/db' },
        journal: '/j.jsonl',
        metrics: false,
        mutableTtlMs: 2500,
        headersTimeoutMs: 3000,
        idleTimeoutMs: 4500,
        coolDownMs: 0,
        shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
        concurrency: DEFAULTS.concurrency,
        netrc: '/n',
        goauth: 'netrc;git /',
        verifyAtStart: true,
      },
      readyFile: '/r.json',
      debug: true,
      configStdin: false,
    })
  })

  it('answers help and version', () => {
    expect(parseArgs(['--help'], fenv())).toEqual({ help: helpText() })
    expect(parseArgs(['serve', '--listen', 'bad', '--help'], fenv())).toEqual({ help: helpText() })
    expect(parseArgs(['--version'], fenv())).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  it('takes --noproxy from GONOPROXY, else GOPRIVATE, as the go command does', () => {
    const noProxy = (env: Record<string, string>, args: string[] = []): string | undefined =>
      options(parseArgs(['serve', ...args], fenv(env))).config.noProxy
    expect(noProxy({ GOPRIVATE: '*.corp.example' })).toBe('*.corp.example')
    expect(noProxy({ GOPRIVATE: '*.corp.example', GONOPROXY: 'none' })).toBe('none')
    expect(noProxy({ GOPRIVATE: '*.corp.example', GONOPROXY: '' })).toBe('*.corp.example')
    expect(noProxy({ GOPRIVATE: '*.corp.example' }, ['--noproxy', 'rsc.io/x'])).toBe('rsc.io/x')
  })

  it('takes --nosumdb from GONOSUMDB, else GOPRIVATE, as the go command does', () => {
    const noSumdb = (env: Record<string, string>): string | undefined =>
      options(parseArgs(['serve'], fenv(env))).config.noSumdb
    expect(noSumdb({ GOPRIVATE: '*.corp.example' })).toBe('*.corp.example')
    expect(noSumdb({ GOPRIVATE: '*.corp.example', GONOSUMDB: 'rsc.io/x', GONOPROXY: 'none' })).toBe(
      'rsc.io/x',
    )
  })

  it('--no-sumdb and GOSUMDB=off turn the database off', () => {
    expect(options(parseArgs(['serve', '--no-sumdb'], fenv())).config.sumdb).toBeNull()
    expect(options(parseArgs(['serve'], fenv({ GOSUMDB: 'off' }))).config.sumdb).toBeNull()
    expect(
      options(parseArgs(['serve', '--sumdb', 'sum.golang.org'], fenv({ GOSUMDB: 'off' }))).config.sumdb,
    ).toEqual({ name: 'sum.golang.org', url: 'https://sum.golang.org' })
  })

  it('refuses a short token from the environment too, naming both places it may come from', () => {
    const r = parseArgs(['serve'], fenv({ GO_MOD_CACHE_TOKEN: 'short' }))
    expect(r).toEqual({
      error:
        'go-mod-cache: --token: expected TOKEN of 16-512 characters of letters, digits and ._~+/=-, ' +
        'got 5 characters (from --token or GO_MOD_CACHE_TOKEN)',
    })
  })

  it('allows a non-loopback address with a token', () => {
    expect(
      options(parseArgs(['serve', '--listen', '0.0.0.0:80', '--token', 'x'.repeat(16)], fenv())).config
        .listen,
    ).toBe('0.0.0.0:80')
  })

  it('only --ready-file and --debug go with --config-stdin', () => {
    const o = options(parseArgs(['serve', '--config-stdin', '--ready-file', 'r', '--debug'], fenv()))
    expect(o.configStdin).toBe(true)
    expect(o.readyFile).toBe('r')
  })

  const bad: Array<[string[], string]> = [
    [[], 'go-mod-cache: expected a command: serve (see --help)'],
    [['run'], 'go-mod-cache: unknown command "run": expected serve'],
    [['serve', 'x'], 'go-mod-cache: unexpected argument "x"'],
    [['serve', '--nope'], 'go-mod-cache: unknown flag "--nope" (see --help)'],
    [
      ['serve', '--listen', 'x'],
      'go-mod-cache: --listen: expected HOST:PORT (e.g. 127.0.0.1:3000, [::1]:0), got "x"',
    ],
    [['serve', '--listen', '127.0.0.1:70000'], 'go-mod-cache: --listen: expected HOST:PORT'],
    [['serve', '--listen', '[nothex]:1'], 'go-mod-cache: --listen: expected HOST:PORT'],
    [['serve', '--listen', '0.0.0.0:3000'], 'go-mod-cache: --listen: a non-loopback address needs --token'],
    [
      ['serve', '--listen', '0.0.0.0:3000', '--token', 'x'],
      'go-mod-cache: --token: expected TOKEN of 16-512 characters of letters, digits and ._~+/=-, got 1 characters',
    ],
    [['serve', '--token', 'x'.repeat(15)], 'go-mod-cache: --token: expected TOKEN of 16-512 characters'],
    [['serve', '--token', 'a b'.repeat(8)], 'go-mod-cache: --token: expected TOKEN of 16-512 characters'],
    [['serve', '--headers-timeout', 'soon'], 'go-mod-cache: --headers-timeout: expected SECONDS'],
    [['serve', '--cool-down', '-5'], 'go-mod-cache: --cool-down: expected SECONDS'],
    [['serve', '--listen'], 'go-mod-cache: --listen: expected HOST:PORT'],
    [['serve', '--store='], 'go-mod-cache: --store: expected DIR'],
    [['serve', '--offline=yes'], 'go-mod-cache: --offline: takes no value'],
    [['serve', '--ttl', '-1'], 'go-mod-cache: --ttl: expected SECONDS (a number >= 0), got "-1"'],
    [['serve', '--ttl', '1m'], 'go-mod-cache: --ttl: expected SECONDS'],
    [['serve', '--sumdb', '../x'], 'go-mod-cache: --sumdb: expected NAME[=URL]'],
    [['serve', '--sumdb', 'a b'], 'go-mod-cache: --sumdb: expected NAME[=URL]'],
    [
      ['serve', '--sumdb', 'sum.test=ftp://x'],
      'go-mod-cache: --sumdb: expected NAME[=URL] with an http(s) URL',
    ],
    [['serve', '--sumdb', 'x', '--no-sumdb'], 'go-mod-cache: --no-sumdb: conflicts with --sumdb'],
    [['serve', '--prefetch', '--no-prefetch'], 'go-mod-cache: --no-prefetch: conflicts with --prefetch'],
    [['serve', '--config-stdin', '--store', 's'], 'go-mod-cache: --store: not allowed with --config-stdin'],
  ]
  it.each(bad)('refuses %j with one line', (argv, message) => {
    const result = parseArgs(argv, fenv())
    expect(result).toHaveProperty('error')
    const { error } = result as { error: string }
    expect(error.startsWith(message)).toBe(true)
    expect(error).not.toContain('\n')
  })
})

describe('helpText', () => {
  it('lists every flag with its default', () => {
    const help = helpText()
    for (const flag of [
      'listen',
      'store',
      'upstream',
      'go-sum',
      'offline',
      'no-prefetch',
      'verify-at-start',
      'token',
      'sumdb',
    ]) {
      expect(help).toContain(`--${flag}`)
    }
    for (const flag of [
      'no-sumdb',
      'journal',
      'metrics',
      'no-metrics',
      'ready-file',
      'ttl',
      'debug',
      'config-stdin',
    ]) {
      expect(help).toContain(`--${flag}`)
    }
    expect(help).toContain('(default: 127.0.0.1:0)')
    expect(help).toContain('(default: 60)')
  })
})

describe('upstreamFromEnv', () => {
  it.each([
    [undefined, DEFAULT_UPSTREAM],
    ['', DEFAULT_UPSTREAM],
    ['off', DEFAULT_UPSTREAM],
    ['direct', DEFAULT_UPSTREAM],
    ['https://a.example,direct', 'https://a.example,direct'],
    ['http://127.0.0.1:3000,https://b.example|direct', 'https://b.example|direct'],
    ['https://b.example,http://127.0.0.1:3000', 'https://b.example'],
    ['http://127.0.0.1:3000', DEFAULT_UPSTREAM],
    ['http://127.0.0.1:3001', 'http://127.0.0.1:3001'],
    // As cmd/go reads GOPROXY: a bare host is https, file:// is a URL too.
    ['goproxy.cn,direct', 'goproxy.cn,direct'],
    ['file:///srv/goproxy', 'file:///srv/goproxy'],
    ['127.0.0.1:3000,goproxy.cn', 'goproxy.cn'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('GOPROXY=%j -> %j (listening on 127.0.0.1:3000)', (goproxy, want) => {
    expect(upstreamFromEnv(goproxy, '127.0.0.1:3000')).toBe(want)
  })
})

describe('GOAUTH', () => {
  it('defaults from the environment, and refuses what the go command refuses, naming the flag', () => {
    expect(options(parseArgs(['serve'], fenv({ GOAUTH: 'off' }))).config.goauth).toBe('off')
    expect(options(parseArgs(['serve'], fenv())).config.goauth).toBeUndefined()
    expect(parseArgs(['serve', '--goauth', 'off;netrc'], fenv())).toEqual({
      error: 'go-mod-cache: --goauth: GOAUTH=off cannot be combined with other commands',
    })
    expect(parseConfigJson(JSON.stringify({ goauth: 'git relative' }), fenv())).toMatchObject({
      error: expect.stringMatching(
        /^go-mod-cache: --goauth: GOAUTH=git dir method requires an absolute path/,
      ),
    })
  })
})

describe('sumdbFromEnv', () => {
  it.each([
    [undefined, DEFAULTS.sumdb],
    // Without a URL, through the upstream proxies' /sumdb/ first (cmd/go modfetch/sumdb.go).
    ['sum.golang.org', { name: 'sum.golang.org', url: 'https://sum.golang.org', viaProxies: true }],
    [
      'sum.example+033de0ae+Ac4z',
      { name: 'sum.example', url: 'https://sum.example', viaProxies: true, key: 'sum.example+033de0ae+Ac4z' },
    ],
    [
      'sum.example+033de0ae+Ac4z http://127.0.0.1:9',
      { name: 'sum.example', url: 'http://127.0.0.1:9', key: 'sum.example+033de0ae+Ac4z' },
    ],
    ['off', null],
  ])('GOSUMDB=%j', (value, want) => {
    expect(sumdbFromEnv(value)).toEqual(want)
  })
})

describe('parseConfigJson', () => {
  it("takes the checksum database the action sends for the job's GOSUMDB, the way through proxies kept", () => {
    // The action's main sends readContext's sumdb as is: unset GOSUMDB is the default database, reached
    // through the upstream proxies first; refusing it left every such job without a proxy.
    const { sumdb } = readContext({}).go
    expect(sumdb).toEqual(DEFAULTS.sumdb)
    expect(parseConfigJson(JSON.stringify({ sumdb }), fenv())).toMatchObject({
      config: { sumdb: DEFAULTS.sumdb },
    })
    expect(parseConfigJson(JSON.stringify({ sumdb: { ...sumdb, viaProxies: 'yes' } }), fenv())).toMatchObject(
      {
        error: expect.stringContaining('field "sumdb"'),
      },
    )
  })

  it('fills missing fields from defaults and keeps the given ones', () => {
    const r = parseConfigJson(
      JSON.stringify({
        store: '/s',
        upstream: 'http://127.0.0.1:1',
        token: 't'.repeat(16),
        concurrency: { upstream: 2, prefetch: 1 },
        verifyConcurrency: 1,
        verifyAtStart: true,
        noProxy: '',
        noSumdb: 'x.example',
      }),
      fenv({ GOPRIVATE: '*.corp.example' }),
    )
    expect(r).toEqual({
      config: expect.objectContaining({
        store: '/s',
        upstream: 'http://127.0.0.1:1',
        token: 't'.repeat(16),
        listen: '127.0.0.1:0',
        concurrency: { upstream: 2, prefetch: 1 },
        verifyConcurrency: 1,
        verifyAtStart: true,
        noProxy: '',
        noSumdb: 'x.example',
      }),
    })
  })

  it('takes a sumdb key from --sumdb NAME+HASH+KEY[=URL] and from the config JSON', () => {
    const key = 'sum.test+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
    const flag = options(parseArgs(['serve', '--sumdb', `${key}=http://127.0.0.1:8/db`], fenv()))
    expect(flag.config.sumdb).toEqual({ name: 'sum.test', url: 'http://127.0.0.1:8/db', key })
    expect(options(parseArgs(['serve', '--sumdb', key], fenv())).config.sumdb).toEqual({
      name: 'sum.test',
      url: 'https://sum.test',
      key,
    })
    const sumdb = { name: 'sum.test', url: 'http://127.0.0.1:8/db', key }
    expect(parseConfigJson(JSON.stringify({ sumdb }), fenv())).toEqual({
      config: expect.objectContaining({ sumdb }),
    })
    const other = { ...sumdb, key: key.replace('sum.test', 'sum.other') }
    expect(parseConfigJson(JSON.stringify({ sumdb: other }), fenv())).toHaveProperty('error')
  })

  it.each([
    ['nope', 'expected a JSON object on stdin'],
    ['[]', 'expected a JSON object on stdin'],
    ['{"stor":"/s"}', 'unknown field "stor"'],
    ['{"listen":"x"}', 'field "listen": expected a "HOST:PORT" string'],
    ['{"goSum":"a"}', 'field "goSum": expected an array'],
    ['{"prefetch":"yes"}', 'field "prefetch": expected a boolean'],
    ['{"sumdb":{"name":"x"}}', 'field "sumdb": expected null or'],
    ['{"concurrency":{"upstream":0,"prefetch":1}}', 'field "concurrency"'],
    ['{"verifyConcurrency":0}', 'field "verifyConcurrency": expected an integer'],
    ['{"verifyAtStart":1}', 'field "verifyAtStart": expected a boolean'],
    ['{"noProxy":["x"]}', 'field "noProxy": expected a string of module path globs'],
    ['{"noSumdb":1}', 'field "noSumdb": expected a string of module path globs'],
    ['{"listen":"0.0.0.0:1"}', '--listen: a non-loopback address needs --token'],
    ['{"token":"x"}', 'field "token": expected a string of 16-512 characters'],
    ['{"headersTimeoutMs":-1}', 'field "headersTimeoutMs": expected a number of milliseconds'],
  ])('refuses %s', (text, message) => {
    const r = parseConfigJson(text, fenv())
    expect(r).toHaveProperty('error')
    expect((r as { error: string }).error).toContain(message)
  })
})
