import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  check,
  checkFilePath,
  checkImportPath,
  checkPath,
  checkPathMajor,
  canonicalVersion,
  compareVersions,
  escapePath,
  escapeVersion,
  isCanonicalVersion,
  isPlainFilePath,
  isProxyPathError,
  matchPathMajor,
  parseProxyPath,
  splitPathVersion,
  storePath,
  unescapePath,
  unescapeVersion,
} from '../../../src/proxy/module/modpath.js'
import * as semver from '../../../src/proxy/module/semver.js'

// Ported from golang.org/x/mod/module/module_test.go (x/mod 0.7); "\xFF" becomes a lone surrogate.
const checkTests: Array<[string, string, boolean]> = [
  ['rsc.io/quote', '0.1.0', false],
  ['rsc io/quote', 'v1.0.0', false],
  ['github.com/go-yaml/yaml', 'v0.8.0', true],
  ['github.com/go-yaml/yaml', 'v1.0.0', true],
  ['github.com/go-yaml/yaml', 'v2.0.0', false],
  ['github.com/go-yaml/yaml', 'v2.1.5', false],
  ['github.com/go-yaml/yaml', 'v3.0.0', false],
  ['github.com/go-yaml/yaml/v2', 'v1.0.0', false],
  ['github.com/go-yaml/yaml/v2', 'v2.0.0', true],
  ['github.com/go-yaml/yaml/v2', 'v2.1.5', true],
  ['github.com/go-yaml/yaml/v2', 'v3.0.0', false],
  ['gopkg.in/yaml.v0', 'v0.8.0', true],
  ['gopkg.in/yaml.v0', 'v1.0.0', false],
  ['gopkg.in/yaml.v0', 'v2.0.0', false],
  ['gopkg.in/yaml.v0', 'v2.1.5', false],
  ['gopkg.in/yaml.v0', 'v3.0.0', false],
  ['gopkg.in/yaml.v1', 'v0.8.0', false],
  ['gopkg.in/yaml.v1', 'v1.0.0', true],
  ['gopkg.in/yaml.v1', 'v2.0.0', false],
  ['gopkg.in/yaml.v1', 'v2.1.5', false],
  ['gopkg.in/yaml.v1', 'v3.0.0', false],
  ['gopkg.in/check.v1', 'v0.0.0', false],
  ['gopkg.in/check.v1', 'v0.0.0-20160102150405-abcdef123456', true],
  ['gopkg.in/yaml.v2', 'v1.0.0', false],
  ['gopkg.in/yaml.v2', 'v2.0.0', true],
  ['gopkg.in/yaml.v2', 'v2.1.5', true],
  ['gopkg.in/yaml.v2', 'v3.0.0', false],
  ['rsc.io/quote', 'v17.0.0', false],
  ['rsc.io/quote', 'v17.0.0+incompatible', true],
]
const checkPathTests: Array<[string, boolean, boolean, boolean]> = [
  ['x.y/z', true, true, true],
  ['x.y', true, true, true],
  ['', false, false, false],
  ['x.y/\uD800z', false, false, false],
  ['/x.y/z', false, false, false],
  ['x./z', false, false, false],
  ['.x/z', false, true, true],
  ['-x/z', false, false, true],
  ['x..y/z', true, true, true],
  ['x.y/z/../../w', false, false, false],
  ['x.y//z', false, false, false],
  ['x.y/z//w', false, false, false],
  ['x.y/z/', false, false, false],
  ['x.y/z/v0', false, true, true],
  ['x.y/z/v1', false, true, true],
  ['x.y/z/v2', true, true, true],
  ['x.y/z/v2.0', false, true, true],
  ['X.y/z', false, true, true],
  ['!x.y/z', false, false, true],
  ['_x.y/z', false, true, true],
  ['x.y!/z', false, false, true],
  ['x.y"/z', false, false, false],
  ['x.y#/z', false, false, true],
  ['x.y$/z', false, false, true],
  ['x.y%/z', false, false, true],
  ['x.y&/z', false, false, true],
  ["x.y'/z", false, false, false],
  ['x.y(/z', false, false, true],
  ['x.y)/z', false, false, true],
  ['x.y*/z', false, false, false],
  ['x.y+/z', false, true, true],
  ['x.y,/z', false, false, true],
  ['x.y-/z', true, true, true],
  ['x.y./zt', false, false, false],
  ['x.y:/z', false, false, false],
  ['x.y;/z', false, false, false],
  ['x.y</z', false, false, false],
  ['x.y=/z', false, false, true],
  ['x.y>/z', false, false, false],
  ['x.y?/z', false, false, false],
  ['x.y@/z', false, false, true],
  ['x.y[/z', false, false, true],
  ['x.y\\/z', false, false, false],
  ['x.y]/z', false, false, true],
  ['x.y^/z', false, false, true],
  ['x.y_/z', false, true, true],
  ['x.y`/z', false, false, false],
  ['x.y{/z', false, false, true],
  ['x.y}/z', false, false, true],
  ['x.y~/z', false, true, true],
  ['x.y/z!', false, false, true],
  ['x.y/z"', false, false, false],
  ['x.y/z#', false, false, true],
  ['x.y/z$', false, false, true],
  ['x.y/z%', false, false, true],
  ['x.y/z&', false, false, true],
  ["x.y/z'", false, false, false],
  ['x.y/z(', false, false, true],
  ['x.y/z)', false, false, true],
  ['x.y/z*', false, false, false],
  ['x.y/z++', false, true, true],
  ['x.y/z,', false, false, true],
  ['x.y/z-', true, true, true],
  ['x.y/z.t', true, true, true],
  ['x.y/z/t', true, true, true],
  ['x.y/z:', false, false, false],
  ['x.y/z;', false, false, false],
  ['x.y/z<', false, false, false],
  ['x.y/z=', false, false, true],
  ['x.y/z>', false, false, false],
  ['x.y/z?', false, false, false],
  ['x.y/z@', false, false, true],
  ['x.y/z[', false, false, true],
  ['x.y/z\\', false, false, false],
  ['x.y/z]', false, false, true],
  ['x.y/z^', false, false, true],
  ['x.y/z_', true, true, true],
  ['x.y/z`', false, false, false],
  ['x.y/z{', false, false, true],
  ['x.y/z}', false, false, true],
  ['x.y/z~', true, true, true],
  ['x.y/x.foo', true, true, true],
  ['x.y/aux.foo', false, false, false],
  ['x.y/prn', false, false, false],
  ['x.y/prn2', true, true, true],
  ['x.y/com', true, true, true],
  ['x.y/com1', false, false, false],
  ['x.y/com1.txt', false, false, false],
  ['x.y/calm1', true, true, true],
  ['x.y/z~', true, true, true],
  ['x.y/z~0', false, false, true],
  ['x.y/z~09', false, false, true],
  ['x.y/z09', true, true, true],
  ['x.y/z09~', true, true, true],
  ['x.y/z09~09z', true, true, true],
  ['x.y/z09~09z~09', false, false, true],
  ['github.com/!123/logrus', false, false, true],
  ['github.com/user/unicode/испытание', false, false, true],
  ['../x', false, false, false],
  ['./y', false, false, false],
  ['x:y', false, false, false],
  ['\\temp\\foo', false, false, false],
  ['.gitignore', false, true, true],
  ['.github/ISSUE_TEMPLATE', false, true, true],
  ['x☺y', false, false, false],
]
// Ported from golang.org/x/mod/semver/semver_test.go: input and its canonical form, in ascending order.
const semverTests: Array<[string, string]> = [
  ['bad', ''],
  ['v1-alpha.beta.gamma', ''],
  ['v1-pre', ''],
  ['v1+meta', ''],
  ['v1-pre+meta', ''],
  ['v1.2-pre', ''],
  ['v1.2+meta', ''],
  ['v1.2-pre+meta', ''],
  ['v1.0.0-alpha', 'v1.0.0-alpha'],
  ['v1.0.0-alpha.1', 'v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta', 'v1.0.0-alpha.beta'],
  ['v1.0.0-beta', 'v1.0.0-beta'],
  ['v1.0.0-beta.2', 'v1.0.0-beta.2'],
  ['v1.0.0-beta.11', 'v1.0.0-beta.11'],
  ['v1.0.0-rc.1', 'v1.0.0-rc.1'],
  ['v1', 'v1.0.0'],
  ['v1.0', 'v1.0.0'],
  ['v1.0.0', 'v1.0.0'],
  ['v1.2', 'v1.2.0'],
  ['v1.2.0', 'v1.2.0'],
  ['v1.2.3-456', 'v1.2.3-456'],
  ['v1.2.3-456.789', 'v1.2.3-456.789'],
  ['v1.2.3-456-789', 'v1.2.3-456-789'],
  ['v1.2.3-456a', 'v1.2.3-456a'],
  ['v1.2.3-pre', 'v1.2.3-pre'],
  ['v1.2.3-pre+meta', 'v1.2.3-pre'],
  ['v1.2.3-pre.1', 'v1.2.3-pre.1'],
  ['v1.2.3-zzz', 'v1.2.3-zzz'],
  ['v1.2.3', 'v1.2.3'],
  ['v1.2.3+meta', 'v1.2.3'],
  ['v1.2.3+meta-pre', 'v1.2.3'],
  ['v1.2.3+meta-pre.sha.256a', 'v1.2.3'],
]

describe('semver (x/mod/semver tables)', () => {
  it.each(semverTests)('IsValid/Canonical %s', (input, out) => {
    expect(semver.isValid(input)).toBe(out !== '')
    expect(semver.canonical(input)).toBe(out)
  })

  it.each(semverTests)('Major/Prerelease/Build %s', (input, out) => {
    const dot = out.indexOf('.')
    expect(semver.major(input)).toBe(dot >= 0 ? out.slice(0, dot) : '')
    const dash = out.indexOf('-')
    expect(semver.prerelease(input)).toBe(out !== '' && dash >= 0 ? out.slice(dash) : '')
    const plus = input.indexOf('+')
    expect(semver.build(input)).toBe(out !== '' && plus >= 0 ? input.slice(plus) : '')
  })

  it('Compare orders the table as listed, equal canonical forms compare equal', () => {
    semverTests.forEach(([a, ca], i) => {
      semverTests.forEach(([b, cb], j) => {
        const want = ca === cb ? 0 : i < j ? -1 : 1
        expect(compareVersions(a, b), `Compare(${a}, ${b})`).toBe(want)
      })
    })
  })
})

describe('isPlainFilePath: a shortcut that never lets through what the rules refuse', () => {
  // Every path the shortcut takes must be clean and valid by the rules themselves.
  const holds = (p: string): void => {
    if (!isPlainFilePath(p)) return
    expect(checkFilePath(p), p).toBeUndefined()
    expect(posix.normalize(p), p).toBe(p)
  }

  it('takes the names module zips are made of', () => {
    for (const p of [
      'go.mod',
      'LICENSE',
      'a/b/c.go',
      '.github/workflows/ci.yml',
      'x_test.go',
      'v2/a-b+c.pb.go',
    ]) {
      expect(isPlainFilePath(p), p).toBe(true)
      holds(p)
    }
  })

  it('leaves to the rules: dots, slashes and Windows device names in every place, and other characters', () => {
    const odd = ['', '.', '..', 'a/./b', 'a/../b', 'a//b', 'a/', '/a', 'a.', 'a..b', '...', 'a/.', 'b/..']
    const devices = ['con', 'CON.go', 'a/Aux/b', 'nul.txt', 'com1', 'x/LPT9.c', 'lpt1/x']
    const chars = ['a b', 'a~1', 'a:b', 'a\\b', '\u00e9.go', 'a@b', 'a#b']
    for (const p of [...odd, ...devices, ...chars]) expect(isPlainFilePath(p), p).toBe(false)
    // Near misses the shortcut takes: names that only start or end like a device name.
    for (const p of ['.con', 'console.go', 'com10', 'acon/x', 'com0']) {
      expect(isPlainFilePath(p), p).toBe(true)
      holds(p)
    }
  })

  it('agrees with the rules on the x/mod table and on 20000 random paths', () => {
    for (const [p] of checkPathTests) holds(p)
    const alphabet = [
      'a',
      'Z',
      '0',
      '_',
      '-',
      '+',
      '.',
      '.',
      '/',
      '/',
      ' ',
      '~',
      'con',
      'LPT1',
      '\u00e9',
      ':',
    ]
    let seed = 1
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    let taken = 0
    for (let i = 0; i < 20000; i++) {
      let p = ''
      for (let len = 1 + next(12); len > 0; len--) p += alphabet[next(alphabet.length)]
      if (isPlainFilePath(p)) taken++
      holds(p)
    }
    // The random paths exercise both sides of the shortcut.
    expect(taken).toBeGreaterThan(500)
  })
})

describe('module.Check (x/mod table)', () => {
  it.each(checkTests)('%s@%s ok=%s', (path, version, ok) => {
    expect(check(path, version) === undefined).toBe(ok)
  })
})

describe('CheckPath / CheckImportPath / CheckFilePath (x/mod table)', () => {
  it.each(checkPathTests)('%j module=%s import=%s file=%s', (path, ok, importOK, fileOK) => {
    expect(checkPath(path) === undefined, 'module').toBe(ok)
    expect(checkImportPath(path) === undefined, 'import').toBe(importOK)
    expect(checkFilePath(path) === undefined, 'file').toBe(fileOK)
    const split = splitPathVersion(path)
    expect(split.prefix + split.pathMajor).toBe(path)
    if (!ok) {
      expect(() => escapePath(path)).toThrow()
      expect(unescapePath(path)).toBeUndefined()
    }
  })

  it('gives the reasons the go command gives', () => {
    expect(checkPath('github.com/x/y/v1')).toBe('malformed module path "github.com/x/y/v1": invalid version')
    expect(checkPath('example/x')).toMatch(/missing dot in first path element/)
    expect(checkPath('x.y/aux.foo')).toMatch(/"aux" disallowed as path element component on Windows/)
    expect(checkPath('x.y/z~09')).toMatch(/trailing tilde and digits/)
    expect(checkPath('Example.com/x')).toMatch(/invalid char "E" in first path element/)
  })
})

describe('SplitPathVersion', () => {
  it.each([
    ['x.y/z', ''],
    ['x.y/z', '/v2'],
    ['x.y/z', '/v3'],
    ['x.y/v', ''],
    ['gopkg.in/yaml', '.v0'],
    ['gopkg.in/yaml', '.v1'],
    ['gopkg.in/yaml', '.v2'],
    ['gopkg.in/yaml', '.v3'],
  ])('%s + %s', (prefix, pathMajor) => {
    expect(splitPathVersion(prefix + pathMajor)).toEqual({ prefix, pathMajor, ok: true })
  })
})

describe('MatchPathMajor (x/mod table)', () => {
  it.each([
    ['v0.0.0', '', true],
    ['v0.0.0', '/v2', false],
    ['v0.0.0', '.v0', true],
    ['v0.0.0-20190510104115-cbcb75029529', '.v1', true],
    ['v1.0.0', '/v2', false],
    ['v1.0.0', '.v1', true],
    ['v1.0.0', '.v1-unstable', true],
    ['v2.0.0+incompatible', '', true],
    ['v2.0.0', '', false],
    ['v2.0.0', '/v2', true],
    ['v2.0.0', '.v2', true],
  ] as const)('%s %s -> %s', (v, pathMajor, want) => {
    expect(matchPathMajor(v, pathMajor) === undefined).toBe(want)
  })

  it('checkPathMajor splits the module path first', () => {
    expect(checkPathMajor('v2.1.0', 'example.com/m/v2')).toBeUndefined()
    expect(checkPathMajor('v2.1.0', 'example.com/m')).toBe(
      'version "v2.1.0" invalid: should be v0 or v1, not v2',
    )
    expect(checkPathMajor('v1.0.0', 'gopkg.in/yaml.v1-unstable')).toBeUndefined()
  })
})

describe('escaping', () => {
  it.each([
    [
      'ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789',
      'ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789',
    ],
    ['github.com/GoogleCloudPlatform/omega', 'github.com/!google!cloud!platform/omega'],
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
  ])('EscapePath(%s) = %s and back', (path, esc) => {
    expect(escapePath(path)).toBe(esc)
    expect(unescapePath(esc)).toBe(path)
  })

  it.each([
    'github.com/GoogleCloudPlatform/omega',
    'github.com/!google!cloud!platform!/omega',
    'github.com/!0google!cloud!platform/omega',
    'github.com/!_google!cloud!platform/omega',
    'github.com/!!google!cloud!platform/omega',
    '',
  ])('UnescapePath rejects %j', (bad) => {
    expect(unescapePath(bad)).toBeUndefined()
  })

  it('escapes and unescapes versions', () => {
    expect(escapeVersion('v1.0.0-RC1')).toBe('v1.0.0-!r!c1')
    expect(unescapeVersion('v1.0.0-!r!c1')).toBe('v1.0.0-RC1')
    expect(escapeVersion('master')).toBe('master')
    expect(() => escapeVersion('v1!')).toThrow(/disallowed version string/)
    expect(() => escapeVersion('a/b')).toThrow()
    expect(() => escapeVersion('..')).toThrow()
    expect(unescapeVersion('v1.0.0-RC1')).toBeUndefined()
    expect(unescapeVersion('v1!')).toBeUndefined()
    expect(unescapeVersion('..')).toBeUndefined()
    expect(unescapeVersion('con')).toBeUndefined()
  })
})

describe('canonical versions', () => {
  it.each([
    ['v1.2.3', true],
    ['v1.2', false],
    ['v1', false],
    ['v1.2.3+meta', false],
    ['v2.0.0+incompatible', true],
    ['v0.0.0-20190510104115-cbcb75029529', true],
    ['v1.2.4-0.20190510104115-cbcb75029529', true],
    ['v1.2.3-pre', true],
    ['master', false],
    ['1.2.3', false],
  ] as const)('%s canonical=%s', (v, want) => {
    expect(isCanonicalVersion(v)).toBe(want)
  })

  it('CanonicalVersion keeps +incompatible and drops other build metadata', () => {
    expect(canonicalVersion('v2.0.0+incompatible')).toBe('v2.0.0+incompatible')
    expect(canonicalVersion('v2.0+incompatible')).toBe('')
    expect(canonicalVersion('v1.2.3+meta')).toBe('v1.2.3')
    expect(canonicalVersion('bad')).toBe('')
  })
})

describe('parseProxyPath', () => {
  it.each([
    ['golang.org/x/mod/@v/list', { kind: 'list', module: 'golang.org/x/mod' }],
    ['golang.org/x/mod/@latest', { kind: 'latest', module: 'golang.org/x/mod' }],
    ['golang.org/x/mod/@v/v0.7.0.mod', { kind: 'mod', module: 'golang.org/x/mod', version: 'v0.7.0' }],
    ['golang.org/x/mod/@v/v0.7.0.zip', { kind: 'zip', module: 'golang.org/x/mod', version: 'v0.7.0' }],
    [
      'golang.org/x/mod/@v/v0.7.0.info',
      { kind: 'info', module: 'golang.org/x/mod', version: 'v0.7.0', canonical: true },
    ],
    [
      'github.com/!burnt!sushi/toml/@v/v1.2.1.zip',
      { kind: 'zip', module: 'github.com/BurntSushi/toml', version: 'v1.2.1' },
    ],
    [
      'example.com/m/@v/v4.0.0+incompatible.mod',
      { kind: 'mod', module: 'example.com/m', version: 'v4.0.0+incompatible' },
    ],
    [
      'example.com/m/v2/@v/v2.0.0-20220101000000-abcdefabcdef.zip',
      { kind: 'zip', module: 'example.com/m/v2', version: 'v2.0.0-20220101000000-abcdefabcdef' },
    ],
    ['gopkg.in/yaml.v2/@v/v2.4.0.mod', { kind: 'mod', module: 'gopkg.in/yaml.v2', version: 'v2.4.0' }],
    ['x..y/z/@v/list', { kind: 'list', module: 'x..y/z' }],
    // What the go command really sends: url.PathEscape turns '!' into %21.
    [
      'github.com/%21upper/%21case/@v/v1.0.0-%21r%21c1.info',
      { kind: 'info', module: 'github.com/Upper/Case', version: 'v1.0.0-RC1', canonical: true },
    ],
    ['github.com/%21burnt%21sushi/toml/@latest', { kind: 'latest', module: 'github.com/BurntSushi/toml' }],
    [
      'example.com/m/@v/master.info',
      { kind: 'info', module: 'example.com/m', version: 'master', canonical: false },
    ],
    [
      'example.com/m/@v/v1.2.info',
      { kind: 'info', module: 'example.com/m', version: 'v1.2', canonical: false },
    ],
    [
      'example.com/m/@v/!feature-!x.info',
      { kind: 'info', module: 'example.com/m', version: 'Feature-X', canonical: false },
    ],
    // The go command may ask v2.0.0 of a non-/v2 path and accept v2.0.0+incompatible back.
    [
      'example.com/m/@v/v2.0.0.info',
      { kind: 'info', module: 'example.com/m', version: 'v2.0.0', canonical: false },
    ],
  ])('%s', (raw, want) => {
    const got = parseProxyPath(raw)
    expect(got).toEqual(want)
    if (!isProxyPathError(got)) expect(storePath(got)).toBe(raw.replace(/%21/g, '!'))
  })

  it.each([
    ['golang.org/x/mod/@v/%2e%2e.zip', 400],
    ['golang.org/x/mod/@v/%2E%2E%2Fx.zip', 400],
    ['golang.org/x/mod/@v/v1.0.0%2F..%2F..%2Fx.zip', 400],
    ['golang.org/x/mod/@v/%2e.info', 400],
    ['golang.org/x/mod/@v/a%00b.info', 400],
    ['golang.org/x/mod/@v/a%5Cb.info', 400],
    ['golang.org/x/mod/@v/a%zzb.info', 400],
    ['golang.org/x/mod/@v/a%C3.info', 400],
    ['golang.org/x/mod/@v/%41.info', 400],
    ['golang.org/x/mod/@v/v1.0.0%2B.zip', 404],
    ['golang.org/x/mod/@v/%21.info', 400],
    ['golang.org/x/%2e%2e/@v/list', 400],
    ['golang.org/x/../../etc/@v/list', 400],
    ['../etc/passwd', 400],
    ['golang.org/x/mod/@v/..', 400],
    ['golang.org/x/mod/@v/...info', 400],
    ['golang.org//x/mod/@v/list', 400],
    ['/golang.org/x/mod/@v/list', 400],
    ['golang.org/x/mod/@v/list/', 400],
    ['golang.org\\x\\mod/@v/list', 400],
    ['golang.org/x/mod/@v/v1.0.0\u0000.zip', 400],
    ['golang.org/x/mod/@v/v1.0.0 .zip', 400],
    ['golang.org/x/mod/@v/list?x=1', 400],
    ['Golang.org/x/mod/@v/list', 400],
    ['github.com/BurntSushi/toml/@v/list', 400],
    ['github.com/!!burnt/toml/@v/list', 400],
    ['example/m/@v/list', 400],
    ['example.com/m/v1/@v/list', 400],
    ['example.com/m/@v/v1.0.0-RC1.info', 400],
    ['example.com/m/@v/con.info', 400],
    ['example.com/m/@v/.info', 400],
    ['example.com/m/@v/a!.info', 400],
    ['@v/list', 404],
    ['example.com/m', 404],
    ['example.com/m/@v', 404],
    ['example.com/m/@v/v1.0.0.ziphash', 404],
    ['example.com/m/@v/v1.0.0.lock', 404],
    ['example.com/m/@latest/x', 404],
    ['healthz', 404],
    ['example.com/m/@v/v1.2.mod', 404],
    ['example.com/m/@v/v1.2.3+meta.zip', 404],
    ['example.com/m/@v/master.zip', 404],
    ['example.com/m/@v/v2.0.0.mod', 404],
    ['example.com/m/v2/@v/v1.0.0.zip', 404],
  ] as const)('%j -> %d', (raw, status) => {
    const got = parseProxyPath(raw)
    expect(isProxyPathError(got) && got.status).toBe(status)
  })

  // url.PathEscape in the go command escapes a query's ',', '%', '#', ' ', '(', ... in the last
  // element; only that element is decoded, and what it decodes to is checked like any file name.
  it.each([
    ['example.com/m/@v/a%2Cb.info', 'a,b'],
    ['example.com/m/@v/%25.info', '%'],
    ['example.com/m/@v/feature%23x%20y.info', 'feature#x y'],
    ['example.com/m/@v/%28x%29.info', '(x)'],
  ])('decodes the query in %s', (raw, query) => {
    const got = parseProxyPath(raw)
    expect(got).toEqual({ kind: 'info', module: 'example.com/m', version: query, canonical: false })
    if (!isProxyPathError(got)) expect(storePath(got)).toBe(`example.com/m/@v/${query}.info`)
  })

  it('decodes nothing before the last element', () => {
    expect(parseProxyPath('example.com/m%2Cx/@v/list')).toMatchObject({ status: 400 })
  })

  it('explains a non-canonical version', () => {
    expect(parseProxyPath('example.com/m/@v/v1.2.mod')).toEqual({
      status: 404,
      message:
        'example.com/m@v1.2: invalid version: .mod files need a canonical version, "v1.2" is not (should be "v1.2.0")',
    })
    const major = parseProxyPath('example.com/m/@v/v2.0.0.zip')
    expect(isProxyPathError(major) && major.message).toMatch(/should be v0 or v1, not v2/)
  })

  it('storePath re-escapes upper case in module and version', () => {
    expect(storePath({ kind: 'info', module: 'example.com/Big', version: 'Main', canonical: false })).toBe(
      'example.com/!big/@v/!main.info',
    )
    expect(() => storePath({ kind: 'list', module: '../x' })).toThrow()
  })
})

/** What the real x/mod says about generated inputs (test/support/fixtures/vectors/gen/modpath). */
interface XmodAnswers {
  paths: Array<{
    p: string
    module: boolean
    import: boolean
    file: boolean
    escaped: string
    unescaped: string
    prefix: string
    pathMajor: string
    splitOK: boolean
  }>
  versions: Array<{
    v: string
    valid: boolean
    canonical: string
    modCanonical: string
    major: string
    prerelease: string
    build: string
    escaped: string
    unescaped: string
  }>
  compare: string[]
  checks: Array<[string, string, boolean]>
}

describe('differential: the real x/mod answers on generated inputs', () => {
  const xmod = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', '..', 'support', 'fixtures', 'vectors', 'modpath.json'),
      'utf8',
    ),
  ) as XmodAnswers
  const orEmpty = (f: () => string | undefined): string => {
    try {
      return f() ?? ''
    } catch {
      return ''
    }
  }

  it('paths: CheckPath, CheckImportPath, CheckFilePath, EscapePath, UnescapePath, SplitPathVersion', () => {
    expect(xmod.paths.length).toBeGreaterThan(100)
    for (const want of xmod.paths) {
      const split = splitPathVersion(want.p)
      expect({
        p: want.p,
        module: checkPath(want.p) === undefined,
        import: checkImportPath(want.p) === undefined,
        file: checkFilePath(want.p) === undefined,
        escaped: orEmpty(() => escapePath(want.p)),
        unescaped: orEmpty(() => unescapePath(want.p)),
        prefix: split.prefix,
        pathMajor: split.pathMajor,
        splitOK: split.ok,
      }).toEqual(want)
    }
  })

  it('versions: IsValid, Canonical, CanonicalVersion, Major, Prerelease, Build, Escape/UnescapeVersion', () => {
    expect(xmod.versions.length).toBeGreaterThan(100)
    for (const want of xmod.versions) {
      expect({
        v: want.v,
        valid: semver.isValid(want.v),
        canonical: semver.canonical(want.v),
        modCanonical: canonicalVersion(want.v),
        major: semver.major(want.v),
        prerelease: semver.prerelease(want.v),
        build: semver.build(want.v),
        escaped: orEmpty(() => escapeVersion(want.v)),
        unescaped: orEmpty(() => unescapeVersion(want.v)),
      }).toEqual(want)
    }
  })

  it('semver.Compare on every pair', () => {
    const vs = xmod.versions.map((v) => v.v)
    const got = vs.map((a) => vs.map((b) => '<=>'[compareVersions(a, b) + 1]).join(''))
    expect(got).toEqual(xmod.compare)
  })

  it('module.Check', () => {
    const got = xmod.checks.map(([p, v]) => [p, v, check(p, v) === undefined])
    expect(got).toEqual(xmod.checks)
  })
})
