import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { CacheProvider } from '../cache/index.js'
import { TOOLCHAIN_ENTRY_PATH } from './paths.js'
import { walk } from './restore.js'
import { claim, type Run } from './claim.js'
import * as core from '../runner/workflow.js'

/** The module a toolchain switch downloads (cmd/go toolchain.Exec): one zip per version and platform. */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain'

export { TOOLCHAIN_ENTRY_PATH } from './paths.js'

/** The platform a toolchain is built for: the go command's GOHOSTOS and GOHOSTARCH. */
export interface Platform {
  goos: string
  goarch: string
}

/** Every toolchain entry of a platform starts with this; the restore key when the version is unknown. */
export function toolchainKeyPrefix(keyPrefix: string, p: Platform): string {
  return `${keyPrefix}-toolchain-${p.goos}-${p.goarch}-`
}

/** The module version of toolchain `name` (go1.27.3) on `p`: v0.0.1-go1.27.3.linux-amd64. */
export function toolchainVersion(name: string, p: Platform): string {
  return `v0.0.1-${name}.${p.goos}-${p.goarch}`
}

/** A go.mod or go.work's `go` and `toolchain` lines. */
export interface GoLines {
  go?: string
  toolchain?: string
}

/** The `go` and `toolchain` directives of a go.mod or go.work file. */
export function readGoLines(text: string): GoLines {
  const lines: GoLines = {}
  for (const m of text.matchAll(/^\s*(go|toolchain)\s+(\S+)\s*(?:\/\/.*)?$/gm))
    lines[m[1] as 'go' | 'toolchain'] = m[2]
  return lines
}

/**
 * The toolchain the go command will switch to (cmd/go toolchain.Select): `null` for none, undefined
 * when it cannot be told here (GOTOOLCHAIN leaves it to a go.mod this job has none of at the root).
 */
export function wantedToolchain(
  gotoolchain: string,
  local: string,
  file?: GoLines,
): string | null | undefined {
  const [head = '', mode] = gotoolchain.split('+')
  if (head === 'local' && mode === undefined) return null
  if (mode === undefined && head !== 'auto' && head !== 'path') return head === local ? null : head
  if ((mode ?? head) === 'path') return null
  if (file === undefined) return undefined
  let chosen = head === 'auto' || head === 'local' ? local : head
  const go = file.go && /^1\.\d+$/.test(file.go) && compareGo(file.go, '1.21') >= 0 ? `${file.go}.0` : file.go
  if (go && compareGo(go, chosen.slice(2)) > 0) chosen = `go${go}`
  if (file.toolchain?.startsWith('go') && compareGo(file.toolchain.slice(2), chosen.slice(2)) > 0)
    chosen = file.toolchain
  return chosen === local ? null : chosen
}

/** gover.Compare for release versions (1.27.3, 1.21rc2 sorts before 1.21.0). */
export function compareGo(a: string, b: string): number {
  const parse = (v: string): number[] => {
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+)|(rc|beta)(\d+))?/.exec(v)
    if (!m) return [0, 0, -3, 0]
    const kind = m[4] === 'beta' ? -2 : m[4] === 'rc' ? -1 : m[3] === undefined ? -3 : 0
    return [Number(m[1]), Number(m[2] ?? 0), kind, Number(m[3] ?? m[5] ?? 0)]
  }
  const [x, y] = [parse(a), parse(b)]
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1
  return 0
}

// What a toolchain entry may hold, relative to GOMODCACHE/cache/download: the module's files (no
// .ziphash: the go command hashes the zip itself), its checksum database lookup, and tiles.
const ENTRY_FILE =
  /^(golang\.org\/toolchain\/@v\/v0\.0\.1-go[^/]+\.(zip|info|mod)|sumdb\/[^/]+\/(lookup\/golang\.org\/toolchain@v0\.0\.1-go[^/]+|tile\/\d+\/(\d+|data)\/(x\d{3}\/)*\d{3}(\.p\/\d+)?))$/

/** A '/'-separated path a toolchain entry may hold (no dot element, nothing else). */
export function isToolchainFile(rel: string): boolean {
  return ENTRY_FILE.test(rel) && !/(^|\/)\.\.?(\/|$)/.test(rel)
}

/**
 * The toolchain zips of `p` in the download directory, each with the files its entry holds: its
 * lookup in the checksum database cache, and the tiles written since `since` (or since that lookup,
 * if older), among which those that verify it.
 */
export async function toolchainFiles(
  download: string,
  p: Platform,
  since: number,
): Promise<Array<{ name: string; files: string[] }>> {
  const dir = join(download, 'golang.org', 'toolchain', '@v')
  const suffix = `.${p.goos}-${p.goarch}.zip`
  const zips = (await readdir(dir).catch(() => [] as string[])).filter(
    (n) => n.startsWith('v0.0.1-go') && n.endsWith(suffix),
  )
  const out: Array<{ name: string; files: string[] }> = []
  for (const zip of zips) {
    const version = zip.slice(0, -'.zip'.length)
    const lookups = await lookupsOf(download, version)
    if (lookups.length === 0) continue
    const oldest = Math.min(since, ...lookups.map((l) => l.mtimeMs))
    const module = ['zip', 'info', 'mod'].map((k) => `golang.org/toolchain/@v/${version}.${k}`)
    const present = await existing(download, module)
    const tiles = await tilesSince(download, lookups, oldest)
    out.push({
      name: version.slice('v0.0.1-'.length, -`.${p.goos}-${p.goarch}`.length),
      files: [...present, ...lookups.map((l) => l.rel), ...tiles],
    })
  }
  return out
}

async function lookupsOf(
  download: string,
  version: string,
): Promise<Array<{ rel: string; mtimeMs: number }>> {
  const dbs = await readdir(join(download, 'sumdb')).catch(() => [] as string[])
  const found: Array<{ rel: string; mtimeMs: number }> = []
  for (const db of dbs) {
    const rel = `sumdb/${db}/lookup/golang.org/toolchain@${version}`
    const st = await stat(join(download, rel)).catch(() => undefined)
    if (st?.isFile()) found.push({ rel, mtimeMs: st.mtimeMs })
  }
  return found
}

async function existing(root: string, rels: string[]): Promise<string[]> {
  const here = await Promise.all(
    rels.map((r) =>
      stat(join(root, r)).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  )
  return rels.filter((_, i) => here[i])
}

async function tilesSince(
  download: string,
  lookups: Array<{ rel: string }>,
  since: number,
): Promise<string[]> {
  const tiles: string[] = []
  for (const db of new Set(lookups.map((l) => l.rel.split('/')[1]))) {
    const { files } = await walk(join(download, 'sumdb', db ?? '', 'tile'))
    for (const file of files) {
      const rel = relative(download, file).split(sep).join('/')
      if (isToolchainFile(rel) && (await stat(file)).mtimeMs >= since) tiles.push(rel)
    }
  }
  return tiles.sort()
}

/**
 * Restores the toolchain entry `key` (or, with restore keys, the newest that matches) into the
 * download directory, each file only where it is missing. A cache failure restores nothing.
 */
export async function restoreToolchain(
  cache: CacheProvider,
  workspace: string,
  download: string,
  key: string,
  restoreKeys: string[],
): Promise<{ matchedKey: string; files: number; failed: boolean }> {
  const entryDir = join(workspace, TOOLCHAIN_ENTRY_PATH)
  await rm(entryDir, { recursive: true, force: true })
  try {
    const outcome = await cache.restore([TOOLCHAIN_ENTRY_PATH], key, restoreKeys, false)
    const matchedKey = outcome.value ?? ''
    const files = matchedKey ? await moveInto(entryDir, download) : 0
    return { matchedKey, files, failed: outcome.failed }
  } finally {
    await rm(entryDir, { recursive: true, force: true })
  }
}

// Only the files a toolchain entry may hold, never over one the directory has.
async function moveInto(entryDir: string, download: string): Promise<number> {
  const { files } = await walk(entryDir)
  let moved = 0
  for (const file of files) {
    const rel = relative(entryDir, file).split(sep).join('/')
    if (!isToolchainFile(rel)) continue
    const to = join(download, rel)
    if (
      await stat(to).then(
        () => true,
        () => false,
      )
    )
      continue
    await mkdir(dirname(to), { recursive: true })
    await rename(file, to)
    moved++
  }
  return moved
}

/** What saving one toolchain entry came to. */
export interface ToolchainSaved {
  key: string
  reason: string
  bytes?: number
}

/**
 * Saves one toolchain's entry under `key` unless it exists or a sibling job claimed it, as the module
 * entry is saved (save.ts): whole, archived from the download directory itself.
 */
export async function saveToolchain(
  cache: CacheProvider,
  download: string,
  key: string,
  files: string[],
  run: Run,
): Promise<ToolchainSaved> {
  const lookup = await cache.restore([TOOLCHAIN_ENTRY_PATH], key, [], true)
  if (lookup.failed) return { key: '', reason: 'the cache service failed' }
  if (lookup.value === key) return { key: '', reason: `${key} exists` }
  const claimed = await claim(key, cache, run)
  if (claimed.failed) return { key: '', reason: 'the cache service failed' }
  if (!claimed.value) return { key: '', reason: 'another job is saving this key' }
  const outcome = await cache.saveFiles(download, files, TOOLCHAIN_ENTRY_PATH, key)
  if (outcome.value === -1)
    return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job' }
  const sizes = await Promise.all(
    files.map((f) =>
      stat(join(download, f)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  )
  const bytes = sizes.reduce((a, b) => a + b, 0)
  core.info(`Saved ${key}: ${files.length} files, ${bytes} bytes`)
  return { key, reason: 'saved', bytes }
}
