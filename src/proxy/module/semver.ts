// A port of golang.org/x/mod/semver: Go's dialect of semantic versions, with the leading 'v' and
// the shorthands vMAJOR and vMAJOR.MINOR. Kept rule by rule so the proxy agrees with the go command.

interface Parsed {
  major: string
  minor: string
  patch: string
  short: string
  prerelease: string
  build: string
}

/** Reports whether v is a valid semantic version string (semver.IsValid). */
export function isValid(v: string): boolean {
  return parse(v) !== undefined
}

/** The canonical form of v: build suffix dropped, shorthands expanded; "" when invalid (semver.Canonical). */
export function canonical(v: string): string {
  const p = parse(v)
  if (!p) return ''
  if (p.build !== '') return v.slice(0, v.length - p.build.length)
  if (p.short !== '') return v + p.short
  return v
}

/** The major version prefix, "v2" for "v2.1.0"; "" when invalid (semver.Major). */
export function major(v: string): string {
  const p = parse(v)
  if (!p) return ''
  return v.slice(0, 1 + p.major.length)
}

/** The prerelease suffix including the '-', or "" (semver.Prerelease). */
export function prerelease(v: string): string {
  return parse(v)?.prerelease ?? ''
}

/** The build suffix including the '+', or "" (semver.Build). */
export function build(v: string): string {
  return parse(v)?.build ?? ''
}

/** -1, 0 or +1 as v is less than, equal to or greater than w; invalid sorts lowest (semver.Compare). */
export function compare(v: string, w: string): number {
  const pv = parse(v)
  const pw = parse(w)
  if (!pv && !pw) return 0
  if (!pv) return -1
  if (!pw) return 1
  return (
    compareInt(pv.major, pw.major) ||
    compareInt(pv.minor, pw.minor) ||
    compareInt(pv.patch, pw.patch) ||
    comparePrerelease(pv.prerelease, pw.prerelease)
  )
}

function parse(v: string): Parsed | undefined {
  if (v === '' || v[0] !== 'v') return undefined
  const p: Parsed = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' }
  let rest = v.slice(1)
  let n = parseNum(rest)
  if (!n) return undefined
  ;[p.major, rest] = n
  if (rest === '') return { ...p, minor: '0', patch: '0', short: '.0.0' }
  if (rest[0] !== '.') return undefined
  n = parseNum(rest.slice(1))
  if (!n) return undefined
  ;[p.minor, rest] = n
  if (rest === '') return { ...p, patch: '0', short: '.0' }
  if (rest[0] !== '.') return undefined
  n = parseNum(rest.slice(1))
  if (!n) return undefined
  ;[p.patch, rest] = n
  if (rest[0] === '-') {
    const pre = parsePrerelease(rest)
    if (!pre) return undefined
    ;[p.prerelease, rest] = pre
  }
  if (rest[0] === '+') {
    const b = parseBuild(rest)
    if (!b) return undefined
    ;[p.build, rest] = b
  }
  return rest === '' ? p : undefined
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

function parseNum(v: string): [string, string] | undefined {
  if (!isDigit(v[0])) return undefined
  let i = 1
  while (i < v.length && isDigit(v[i])) i++
  // Leading zeros are not allowed, except for the number 0 itself.
  if (v[0] === '0' && i !== 1) return undefined
  return [v.slice(0, i), v.slice(i)]
}

function parsePrerelease(v: string): [string, string] | undefined {
  let i = 1
  let start = 1
  while (i < v.length && v[i] !== '+') {
    const c = v[i] as string
    if (!isIdentChar(c) && c !== '.') return undefined
    if (c === '.') {
      if (start === i || isBadNum(v.slice(start, i))) return undefined
      start = i + 1
    }
    i++
  }
  if (start === i || isBadNum(v.slice(start, i))) return undefined
  return [v.slice(0, i), v.slice(i)]
}

function parseBuild(v: string): [string, string] | undefined {
  let i = 1
  let start = 1
  while (i < v.length) {
    const c = v[i] as string
    if (!isIdentChar(c) && c !== '.') return undefined
    if (c === '.') {
      if (start === i) return undefined
      start = i + 1
    }
    i++
  }
  if (start === i) return undefined
  return [v.slice(0, i), v.slice(i)]
}

function isIdentChar(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-'
}

function isBadNum(v: string): boolean {
  return /^[0-9]+$/.test(v) && v.length > 1 && v[0] === '0'
}

function isNum(v: string): boolean {
  return /^[0-9]*$/.test(v)
}

function compareInt(x: string, y: string): number {
  if (x === y) return 0
  if (x.length !== y.length) return x.length < y.length ? -1 : 1
  return x < y ? -1 : 1
}

function comparePrerelease(x: string, y: string): number {
  // A version without a prerelease sorts after every prerelease of it.
  if (x === y) return 0
  if (x === '') return 1
  if (y === '') return -1
  while (x !== '' && y !== '') {
    x = x.slice(1) // skip '-' or '.'
    y = y.slice(1)
    let dx: string
    let dy: string
    ;[dx, x] = nextIdent(x)
    ;[dy, y] = nextIdent(y)
    if (dx !== dy) {
      const ix = isNum(dx)
      const iy = isNum(dy)
      if (ix !== iy) return ix ? -1 : 1
      if (ix && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1
      return dx < dy ? -1 : 1
    }
  }
  return x === '' ? -1 : 1
}

function nextIdent(x: string): [string, string] {
  const i = x.indexOf('.')
  return i < 0 ? [x, ''] : [x.slice(0, i), x.slice(i)]
}
