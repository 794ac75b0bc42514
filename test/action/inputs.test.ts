import { describe, expect, it } from 'vitest'
import { InputError, isLoopback, readInputs, upstreamSecrets } from '../../src/action/inputs.js'

const env = (inputs: Record<string, string>, extra: Record<string, string> = {}) => {
  const out: Record<string, string> = { ...extra }
  for (const [name, value] of Object.entries(inputs)) out[`INPUT_${name.toUpperCase()}`] = value
  return out
}

describe('readInputs', () => {
  it('applies the documented defaults', () => {
    expect(readInputs({})).toEqual({
      cacheDependencyPath: ['**/go.sum', 'go.work.sum', '!**/testdata/**'],
      keyPrefix: 'go-mod-cache-v1',
      upstream: 'https://proxy.golang.org,direct',
      save: 'auto',
      cache: true,
      store: '',
      listen: '127.0.0.1:0',
      prefetch: true,
      verifyRestore: false,
      token: '',
      buildCache: 'true',
      buildCacheScope: '',
    })
  })

  it('build-cache-scope takes one line of any text, and names itself and its form otherwise', () => {
    expect(readInputs({ 'INPUT_BUILD-CACHE-SCOPE': ' api server/v2 ' }).buildCacheScope).toBe('api server/v2')
    expect(() => readInputs({ 'INPUT_BUILD-CACHE-SCOPE': 'x'.repeat(101) })).toThrow(
      /^input build-cache-scope: must be one line of at most 100 characters, e\.g\. \$\{\{ matrix\.service \}\}$/,
    )
    expect(() => readInputs({ 'INPUT_BUILD-CACHE-SCOPE': 'a\nb' })).toThrow(/build-cache-scope/)
  })

  it('build-cache takes true, false or gocacheprog, and names itself otherwise', () => {
    expect(readInputs({ 'INPUT_BUILD-CACHE': 'GOCACHEPROG' }).buildCache).toBe('gocacheprog')
    expect(readInputs({ 'INPUT_BUILD-CACHE': 'false' }).buildCache).toBe('false')
    expect(() => readInputs({ 'INPUT_BUILD-CACHE': 'dir' })).toThrow(/build-cache/)
  })

  it("leaves a job GOPROXY the proxy cannot read to the proxy's start (a warning), not an input error", () => {
    expect(readInputs({ GOPROXY: 'ftp://x' }).upstream).toBe('ftp://x')
  })

  it("takes the job's GOPROXY as the upstream when the input is empty", () => {
    expect(readInputs({ GOPROXY: 'https://corp.example/go|direct' }).upstream).toBe(
      'https://corp.example/go|direct',
    )
    expect(readInputs(env({ upstream: 'off' }, { GOPROXY: 'direct' })).upstream).toBe('off')
  })

  it('reads several dependency lines and skips blank ones', () => {
    const got = readInputs(env({ 'cache-dependency-path': 'a/go.sum\n\n  b/**/go.sum \n' }))
    expect(got.cacheDependencyPath).toEqual(['a/go.sum', 'b/**/go.sum'])
  })

  const good: Array<[string, string, Partial<ReturnType<typeof readInputs>>]> = [
    ['save', 'ALWAYS', { save: 'always' }],
    ['save', 'never', { save: 'never' }],
    ['cache', 'false', { cache: false }],
    ['prefetch', 'False', { prefetch: false }],
    ['verify-restore', 'true', { verifyRestore: true }],
    ['listen', '172.17.0.1:8181', { listen: '172.17.0.1:8181' }],
    ['listen', '[::1]:0', { listen: '[::1]:0' }],
    ['key-prefix', 'go-linux/v2', { keyPrefix: 'go-linux/v2' }],
    [
      'upstream',
      'https://a.example, https://b.example|direct',
      { upstream: 'https://a.example,https://b.example|direct' },
    ],
    // As cmd/go reads GOPROXY: a bare host is https, empty entries are skipped, file:// works.
    ['upstream', 'goproxy.cn,direct', { upstream: 'goproxy.cn,direct' }],
    ['upstream', 'https://a.example,,direct', { upstream: 'https://a.example,,direct' }],
    [
      'upstream',
      'file:///srv/goproxy|https://a.example',
      { upstream: 'file:///srv/goproxy|https://a.example' },
    ],
    ['token', 'abcdefghijklmnopqrstuvwxyz', { token: 'abcdefghijklmnopqrstuvwxyz' }],
    ['store', '/srv/go-store', { store: '/srv/go-store' }],
  ]
  it.each(good)('accepts %s=%s', (name, value, want) => {
    expect(readInputs(env({ [name]: value }))).toMatchObject(want)
  })

  const bad: Array<[string, string, RegExp]> = [
    ['save', 'sometimes', /^input save: 'sometimes' is not one of auto\|always\|never$/],
    ['cache', 'yes', /^input cache: .*true\|false/],
    ['prefetch', '1', /^input prefetch: /],
    ['verify-restore', 'yes', /^input verify-restore: 'yes' is not one of true\|false$/],
    ['listen', 'localhost', /^input listen: .*host:port/],
    ['listen', '127.0.0.1:99999', /^input listen: /],
    ['key-prefix', 'a,b', /^input key-prefix: .*no commas/],
    ['key-prefix', 'has space', /^input key-prefix: /],
    [
      'upstream',
      'ftp://x',
      /^input upstream: invalid GOPROXY entry "ftp:\/\/x": unsupported scheme "ftp:" \(accepted: .*direct.*off.*http:\/\/, https:\/\/ or file:\/\/ URL\)$/,
    ],
    ['upstream', ',,', /^input upstream: invalid GOPROXY list ",,": no entries/],
    [
      'upstream',
      'https://u:secret@[bad,direct',
      /^input upstream: invalid GOPROXY entry "https:\/\/\*\*\*@\[bad": not a URL/,
    ],
    ['token', 'short', /^input token: /],
  ]
  it.each(bad)('rejects %s=%s with one line naming the input', (name, value, message) => {
    let error: unknown
    try {
      readInputs(env({ [name]: value }))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })
})

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1:0', true],
    ['127.1.2.3:80', true],
    ['localhost:1', true],
    ['[::1]:0', true],
    ['0.0.0.0:0', false],
    ['172.17.0.1:8181', false],
  ])('%s -> %s', (listen, want) => expect(isLoopback(listen)).toBe(want))
})

describe('upstreamSecrets', () => {
  it('finds the password (or lone user token) of every URL, for masking', () => {
    expect(
      upstreamSecrets('https://ci:p%40ss@a.example,https://tok@b.example|https://c.example,direct'),
    ).toEqual(['p@ss', 'tok'])
    expect(upstreamSecrets('https://proxy.golang.org,direct')).toEqual([])
    // A bare host with userinfo is an https URL to the go command, so its password is one too.
    expect(upstreamSecrets('ci:s3cret@corp.example/go,direct')).toEqual(['s3cret'])
    expect(upstreamSecrets('ftp://x')).toEqual([])
  })
})
