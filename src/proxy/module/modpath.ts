// Ports of golang.org/x/mod/module (path and version checks, case-escaping) and the one gate
// between a request URL and the store: parseProxyPath. Rules follow x/mod 0.7 line by line so the
// proxy accepts exactly what the go command sends and builds disk paths only from checked values.
import * as semver from './semver.js'

/** A request the proxy understands, built only from validated, unescaped values. */
export type ProxyRequest =
  | { kind: 'list' | 'latest'; module: string }
  | { kind: 'info'; module: string; version: string; canonical: boolean }
  | { kind: 'mod' | 'zip'; module: string; version: string }

/** Why a path was refused: 400 for malformed input, 404 for a well-formed path that names nothing. */
export interface ProxyPathError {
  status: 400 | 404
  message: string
}

type PathKind = 'module' | 'import' | 'file'

const badWindowsNames = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`]),
]

function isLower(c: string): boolean {
  return c >= 'a' && c <= 'z'
}
function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z'
}
function isDigitChar(c: string): boolean {
  return c >= '0' && c <= '9'
}

function firstPathOK(c: string): boolean {
  return c === '-' || c === '.' || isDigitChar(c) || isLower(c)
}

function modPathOK(c: string): boolean {
  return c === '-' || c === '.' || c === '_' || c === '~' || isDigitChar(c) || isUpper(c) || isLower(c)
}

function importPathOK(c: string): boolean {
  return modPathOK(c) || c === '+'
}

function fileNameOK(c: string): boolean {
  if (c.charCodeAt(0) < 0x80) {
    return isDigitChar(c) || isUpper(c) || isLower(c) || '!#$%&()+,-.=@[]^_{}~ '.includes(c)
  }
  return /^\p{L}$/u.test(c)
}

/** A JS string holds valid UTF-8 text unless it carries a lone surrogate. */
function isValidUnicode(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)
}

const NON_ASCII = /[\u0080-\uffff]/

/** True when every character of `s` is ASCII. */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s)
}

function quote(s: string): string {
  return JSON.stringify(s)
}

function checkPathKind(path: string, kind: PathKind): string | undefined {
  if (!isValidUnicode(path)) return 'invalid UTF-8'
  if (path === '') return 'empty string'
  if (path[0] === '-' && kind !== 'file') return 'leading dash'
  if (path.includes('//')) return 'double slash'
  if (path.endsWith('/')) return 'trailing slash'
  for (const elem of path.split('/')) {
    const reason = checkElem(elem, kind)
    if (reason) return reason
  }
  return undefined
}

function checkElem(elem: string, kind: PathKind): string | undefined {
  if (elem === '') return 'empty path element'
  if (/^\.+$/.test(elem)) return `invalid path element ${quote(elem)}`
  if (elem[0] === '.' && kind === 'module') return 'leading dot in path element'
  if (elem.endsWith('.')) return 'trailing dot in path element'
  for (const c of elem) {
    const ok = kind === 'module' ? modPathOK(c) : kind === 'import' ? importPathOK(c) : fileNameOK(c)
    if (!ok) return `invalid char ${quote(c)}`
  }
  // Windows disallows these names, with or without an extension, in any case.
  const dot = elem.indexOf('.')
  const short = dot >= 0 ? elem.slice(0, dot) : elem
  if (isAscii(short) && badWindowsNames.includes(short.toUpperCase())) {
    return `${quote(short)} disallowed as path element component on Windows`
  }
  if (kind === 'file') return undefined
  // Windows short names (like "GOPAT~1") could collide with other paths.
  const tilde = short.lastIndexOf('~')
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return 'trailing tilde and digits in path element'
  }
  return undefined
}

/** Why path is not a valid module path, or undefined when it is (module.CheckPath). */
export function checkPath(path: string): string | undefined {
  const reason = checkModulePath(path)
  return reason === undefined ? undefined : `malformed module path ${quote(path)}: ${reason}`
}

function checkModulePath(path: string): string | undefined {
  const reason = checkPathKind(path, 'module')
  if (reason) return reason
  let i = path.indexOf('/')
  if (i < 0) i = path.length
  if (i === 0) return 'leading slash'
  const first = path.slice(0, i)
  if (!first.includes('.')) return 'missing dot in first path element'
  if (path[0] === '-') return 'leading dash in first path element'
  for (const c of first) {
    if (!firstPathOK(c)) return `invalid char ${quote(c)} in first path element`
  }
  if (!splitPathVersion(path).ok) return 'invalid version'
  return undefined
}

/** Why path is not a valid import path, or undefined (module.CheckImportPath). */
export function checkImportPath(path: string): string | undefined {
  const reason = checkPathKind(path, 'import')
  return reason === undefined ? undefined : `malformed import path ${quote(path)}: ${reason}`
}

/**
 * File paths of the commonest shape: elements of ASCII letters, digits, '_', '+' and '-' joined by
 * single dots, perhaps after one leading dot, none a Windows device name. Every such path is clean
 * and passes checkFilePath (tests hold the two against each other), so a module zip's thousands
 * of names need two regex tests each rather than the rules element by element.
 */
const PLAIN_FILE_PATH = /^\.?[\w+-]+(?:\.[\w+-]+)*(?:\/\.?[\w+-]+(?:\.[\w+-]+)*)*$/
const WINDOWS_DEVICE = /(?:^|\/)(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:[./]|$)/i

/** True for a path of that shape: clean, and valid as a file path in a module. */
export function isPlainFilePath(path: string): boolean {
  return PLAIN_FILE_PATH.test(path) && !WINDOWS_DEVICE.test(path)
}

/** Why path is not a valid file path inside a module, or undefined (module.CheckFilePath). */
export function checkFilePath(path: string): string | undefined {
  const reason = checkPathKind(path, 'file')
  return reason === undefined ? undefined : `malformed file path ${quote(path)}: ${reason}`
}

/** Splits "x.y/z/v2" into "x.y/z" and "/v2", "gopkg.in/yaml.v2" into its ".v2" (module.SplitPathVersion). */
export function splitPathVersion(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path)
  let i = path.length
  let dot = false
  while (i > 0 && (isDigitChar(path[i - 1] as string) || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true
    i--
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
    return { prefix: path, pathMajor: '', ok: true }
  }
  const pathMajor = path.slice(i - 2)
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
    return { prefix: path, pathMajor: '', ok: false }
  }
  return { prefix: path.slice(0, i - 2), pathMajor, ok: true }
}

function splitGopkgIn(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  let i = path.length
  if (path.endsWith('-unstable')) i -= '-unstable'.length
  while (i > 0 && isDigitChar(path[i - 1] as string)) i--
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { prefix: path, pathMajor: '', ok: false }
  const pathMajor = path.slice(i - 2)
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
    return { prefix: path, pathMajor: '', ok: false }
  }
  return { prefix: path.slice(0, i - 2), pathMajor, ok: true }
}

/** Why version v does not suit the major suffix pathMajor ("", "/v2", ".v1"), or undefined (module.CheckPathMajor). */
export function matchPathMajor(v: string, pathMajor: string): string | undefined {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) {
    pathMajor = pathMajor.slice(0, -'-unstable'.length)
  }
  // Early vgo wrote v0 pseudo-versions for gopkg.in/x.v1; existing go.mod files still name them.
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') return undefined
  const m = semver.major(v)
  let want = pathMajor
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || semver.build(v) === '+incompatible') return undefined
    want = 'v0 or v1'
  } else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
    if (m === pathMajor.slice(1)) return undefined
    want = pathMajor.slice(1)
  }
  return `version ${quote(v)} invalid: should be ${want}, not ${m}`
}

/** Why version does not fit the major version of module path, or undefined (CheckPathMajor after SplitPathVersion). */
export function checkPathMajor(version: string, path: string): string | undefined {
  return matchPathMajor(version, splitPathVersion(path).pathMajor)
}

/** Why path@version is not a valid module version, or undefined (module.Check). */
export function check(path: string, version: string): string | undefined {
  const bad = checkPath(path)
  if (bad) return bad
  if (!semver.isValid(version)) return `${path}: version ${quote(version)} invalid: not a semantic version`
  const major = checkPathMajor(version, path)
  return major === undefined ? undefined : `${path}: ${major}`
}

/** The canonical form of a version, keeping "+incompatible" (module.CanonicalVersion). */
export function canonicalVersion(v: string): string {
  const cv = semver.canonical(v)
  return semver.build(v) === '+incompatible' ? cv + '+incompatible' : cv
}

/** True when v is a valid version already in canonical form (pseudo-versions and +incompatible included). */
export function isCanonicalVersion(v: string): boolean {
  return semver.isValid(v) && canonicalVersion(v) === v
}

/** semver.Compare: -1, 0 or +1; invalid versions sort before all valid ones. */
export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b)
}

/** The case-escaped form of a module path ("!" before each upper-case letter); throws on an invalid path. */
export function escapePath(path: string): string {
  const bad = checkPath(path)
  if (bad) throw new Error(bad)
  return escapeString(path)
}

/** The case-escaped form of a version or query; throws when it is not a valid file path element (module.EscapeVersion). */
export function escapeVersion(v: string): string {
  if (checkElem(v, 'file') !== undefined || v.includes('!') || !isAscii(v)) {
    throw new Error(`version ${quote(v)} invalid: disallowed version string`)
  }
  return escapeString(v)
}

function escapeString(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase())
}

/** The module path an escaped path stands for, or undefined when the escaping or the path is invalid. */
export function unescapePath(escaped: string): string | undefined {
  const path = unescapeString(escaped)
  if (path === undefined || checkPath(path) !== undefined) return undefined
  return path
}

/** The version an escaped version stands for, or undefined when invalid (module.UnescapeVersion). */
export function unescapeVersion(escaped: string): string | undefined {
  const v = unescapeString(escaped)
  if (v === undefined || checkElem(v, 'file') !== undefined) return undefined
  return v
}

function unescapeString(escaped: string): string | undefined {
  let out = ''
  let bang = false
  for (const c of escaped) {
    if (c.charCodeAt(0) >= 0x80) return undefined
    if (bang) {
      bang = false
      if (!isLower(c)) return undefined
      out += c.toUpperCase()
      continue
    }
    if (c === '!') {
      bang = true
      continue
    }
    if (isUpper(c)) return undefined
    out += c
  }
  return bang ? undefined : out
}

const fileSuffixes = ['.info', '.mod', '.zip'] as const

/**
 * Parses the URL path after the proxy base (no leading '/', as sent, still percent-encoded) into a request.
 * The only gate between a URL and the disk: anything that is not exactly what the go command sends
 * for a valid module is refused here.
 */
export function parseProxyPath(rawPath: string): ProxyRequest | ProxyPathError {
  // Cut before any work: the store could not hold it, so it is a miss, and it is not read whole.
  if (rawPath.length > 3 * MAX_STORE_PATH)
    return missing(`not found: a path of ${rawPath.length} bytes cannot be stored`)
  const parsed = parseRequest(rawPath)
  if ('status' in parsed) return parsed
  const problem = storePathProblem(storePath(parsed))
  return problem === undefined ? parsed : missing(`not found: ${problem}`)
}

/**
 * The longest store path element, in bytes: a file name holds 255, and the store writes names
 * longer than a request's by a suffix (`.ziphash`, a temp mark, a stamp). Longer ones are misses.
 */
export const MAX_STORE_ELEMENT = 200
/** The longest store path, in bytes, leaving the store's own directory room under PATH_MAX. */
export const MAX_STORE_PATH = 1024

/** Why a store path could not be written on disk (ENAMETOOLONG), or undefined when it can. */
export function storePathProblem(rel: string): string | undefined {
  const total = Buffer.byteLength(rel)
  if (total > MAX_STORE_PATH)
    return `a store path of ${total} bytes cannot be stored (at most ${MAX_STORE_PATH})`
  for (const elem of rel.split('/')) {
    const n = Buffer.byteLength(elem)
    if (n > MAX_STORE_ELEMENT)
      return `a path element of ${n} bytes cannot be stored (at most ${MAX_STORE_ELEMENT})`
  }
  return undefined
}

function parseRequest(rawPath: string): ProxyRequest | ProxyPathError {
  const elems = pathElements(rawPath)
  if ('status' in elems) return elems
  const last = elems[elems.length - 1] as string
  let modElems: string[]
  let file: string | undefined
  if (last === '@latest' && elems.length >= 2) {
    modElems = elems.slice(0, -1)
  } else if (elems.length >= 3 && elems[elems.length - 2] === '@v') {
    modElems = elems.slice(0, -2)
    file = last
  } else {
    return missing('not a module proxy path: expected <module>/@v/<file> or <module>/@latest')
  }
  const escModule = modElems.join('/')
  const module = unescapeString(escModule)
  if (module === undefined) return bad(`invalid escaped module path ${quote(escModule)}`)
  const badPath = checkPath(module)
  if (badPath) return bad(`invalid escaped module path ${quote(escModule)}: ${badPath}`)
  if (file === undefined) return { kind: 'latest', module }
  if (file === 'list') return { kind: 'list', module }
  return fileRequest(module, file)
}

const bad = (message: string): ProxyPathError => ({ status: 400, message })
const missing = (message: string): ProxyPathError => ({ status: 404, message })

/** The path's elements, the last one decoded; refuses what the go command never sends. */
function pathElements(rawPath: string): string[] | ProxyPathError {
  // The go command builds proxy URLs with url.PathEscape, which turns the '!' of case-escaping
  // into %21; valid escaped module paths need no other escape. Only the last element (a version
  // query such as a branch "a,b" arrives as a%2Cb.info) is decoded, and then checked as a file name.
  rawPath = rawPath.replace(/%21/gi, '!')
  if (rawPath.includes('\\')) return bad('backslash in path')
  if (/[^\x21-\x7e]/.test(rawPath)) return bad('control, space or non-ASCII character in path')
  if (/[?#]/.test(rawPath)) return bad('query or fragment in path')
  const elems = rawPath.split('/')
  if (elems.some((e) => e === '')) return bad('empty path element')
  if (elems.some((e) => e === '.' || e === '..')) return bad('relative path element')
  if (elems.slice(0, -1).some((e) => e.includes('%'))) {
    return bad('percent-encoded module paths are not accepted (only %21 for "!")')
  }
  const decoded = decodeElement(elems[elems.length - 1] as string)
  if (decoded === undefined) return bad('invalid percent-encoding in path')
  elems[elems.length - 1] = decoded
  return elems
}

/** `<version>.info`, `.mod` or `.zip` of a checked module path. */
function fileRequest(module: string, file: string): ProxyRequest | ProxyPathError {
  const suffix = fileSuffixes.find((s) => file.endsWith(s))
  if (!suffix) return missing(`unknown file ${quote(file)}: expected list, <version>.info, .mod or .zip`)
  const escVersion = file.slice(0, -suffix.length)
  const version = unescapeVersion(escVersion)
  if (version === undefined) return bad(`invalid escaped version ${quote(escVersion)}`)
  const kind = suffix === '.info' ? 'info' : suffix === '.mod' ? 'mod' : 'zip'
  const canonical = isCanonicalVersion(version)
  const majorProblem = canonical ? checkPathMajor(version, module) : undefined
  if (kind === 'info') {
    // A canonical version whose major does not fit the path is still a query: the go command
    // accepts a different Version back for it (e.g. v2.0.0 answered as v2.0.0+incompatible).
    return { kind, module, version, canonical: canonical && majorProblem === undefined }
  }
  if (!canonical) {
    const cv = canonicalVersion(version)
    const should = cv === '' ? '' : ` (should be ${quote(cv)})`
    return missing(
      `${module}@${version}: invalid version: ${suffix} files need a canonical version, ${quote(version)} is not${should}`,
    )
  }
  if (majorProblem) return missing(`${module}@${version}: invalid version: ${majorProblem}`)
  return { kind, module, version }
}

/** url.PathUnescape of one element; undefined for a malformed escape or bytes that are not UTF-8. */
function decodeElement(elem: string): string | undefined {
  if (!elem.includes('%')) return elem
  try {
    return decodeURIComponent(elem)
  } catch {
    return undefined
  }
}

/** The store-relative path of a request, rebuilt from its validated values and re-escaped. */
export function storePath(req: ProxyRequest): string {
  const mod = escapePath(req.module)
  switch (req.kind) {
    case 'list':
      return `${mod}/@v/list`
    case 'latest':
      return `${mod}/@latest`
    default:
      return `${mod}/@v/${escapeVersion(req.version)}.${req.kind}`
  }
}

/** True when a parse result is a refusal rather than a request. */
export function isProxyPathError(r: ProxyRequest | ProxyPathError): r is ProxyPathError {
  return 'status' in r
}

/** The store path of a canonical version's .info, .mod or .zip (throws on an invalid path or version). */
export function canonicalStorePath(module: string, version: string, kind: 'info' | 'mod' | 'zip'): string {
  return kind === 'info'
    ? storePath({ kind, module, version, canonical: true })
    : storePath({ kind, module, version })
}
