/**
 * A realistic corpus: every complete Go module among the Debian golang-*-dev packages installed
 * under /usr/share/gocode/src (test/support/fixtures/debian-packages.txt lists the ones we ask for;
 * scripts/install-test-deps.sh installs them), built by modbuild into a GOPROXY tree:
 *
 *   const c = await corpus()          // { root, goSumAll, goSum, modules, downloadArgs }
 *   c.modules.length                  // >= 100 real modules with their real sources
 *   await runGo(['mod', 'download', '-json', ...c.downloadArgs], { cwd: emptyDir, goproxy, timeoutMs })
 *   const dir = writeCorpusConsumer(c) // go.mod requiring them all, go.sum, no main.go
 *
 * A module joins when its go.mod's `module` line equals its directory under gocode/src.
 * Versions come from the Debian package version: "1.2.3-1" -> v1.2.3, "1.2~rc1" -> v1.2.0-rc1,
 * "0.0~git20200101.abc1234-2" -> v0.0.0-20200101000000-abc123400000 (a pseudo-version); the
 * major is forced to the path's /vN (or gopkg.in .vN), and a v2+ version of a path without a
 * suffix becomes v1.<major*100+minor>.<patch>. Every requirement in those go.mod files that the
 * corpus does not hold is added as a .mod-only version ("module M"), so the module graph loads.
 * `go mod download M@V...` of `downloadArgs` from a directory without go.mod is what always
 * works (the bench uses it); a consumer's bare `go mod download` may select a required version
 * newer than the corpus holds, which has a .mod but no zip.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildTree, GOCODE, treeFingerprint, type ManifestEntry, type Tree } from './gotools.js'
import { writeConsumer } from './modules.js'
import type { TempDir } from './tempdir.js'
import { compareSemver } from './upstream.js'

/** One real module of the corpus. */
export interface CorpusModule {
  module: string
  version: string
  dir: string
  debianPackage: string
  debianVersion: string
}

/** The corpus tree and what it holds. */
export interface Corpus extends Tree {
  modules: CorpusModule[]
  /** "M@V" for every corpus module: arguments for `go mod download`. */
  downloadArgs: string[]
}

const SRC = join(GOCODE, 'src')

/** Installed golang-*-dev packages and their versions. */
function debianPackages(): Map<string, string> {
  const out = execFileSync('dpkg-query', ['-W', '-f=${Package}\\t${Version}\\n', 'golang-*-dev'], {
    encoding: 'utf8',
  })
  const map = new Map<string, string>()
  for (const line of out.split('\n')) {
    const [pkg, version] = line.split('\t')
    if (pkg && version) map.set(pkg, version)
  }
  return map
}

function moduleLine(gomod: string): string | undefined {
  return /^module\s+"?([^\s"]+)"?/m.exec(gomod)?.[1]
}

/** The major version a module path demands: 2 for .../v2 or gopkg.in/x.v2, else undefined. */
function pathMajor(module: string): number | undefined {
  const m =
    /\/v(\d+)$/.exec(module) ?? (/^gopkg\.in\/.*\.v(\d+)(-unstable)?$/.exec(module) as RegExpExecArray | null)
  return m === null ? undefined : Number(m[1])
}

/** Maps a Debian version to a semver the module path accepts (see the file comment). */
export function debianToSemver(debian: string, module: string): string {
  const upstream = debian.replace(/^\d+:/, '').replace(/-[^-]*$/, '')
  const git = /~git(\d{8})\.([0-9a-f]+)/.exec(upstream)
  const nums = (/^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(upstream) ?? []).slice(1).map((n) => Number(n ?? 0))
  const patch = nums[2] ?? 0
  let [major = 0, minor = 0] = nums
  const want = pathMajor(module)
  if (want !== undefined && want >= 2 && major !== want) major = want
  if (want === undefined && major >= 2) [major, minor] = [1, major * 100 + minor]
  if (want === 0 || want === 1) major = want
  if (git !== null) {
    const hash = (git[2] ?? '').slice(0, 12).padEnd(12, '0')
    return `v${major}.0.0-${git[1]}000000-${hash}`
  }
  const rc = /~((?:rc|beta|alpha|pre)\.?\d*)/.exec(upstream)
  return `v${major}.${minor}.${patch}${rc === null ? '' : '-' + (rc[1] ?? '').replace(/^(\D+)\.?/, '$1.')}`
}

/** Finds every corpus module among the installed packages. */
export function findCorpusModules(): CorpusModule[] {
  const found = new Map<string, CorpusModule>()
  for (const [pkg, debianVersion] of debianPackages()) {
    const list = [`/var/lib/dpkg/info/${pkg}.list`, `/var/lib/dpkg/info/${pkg}:all.list`].find(existsSync)
    if (list === undefined) continue
    for (const file of readFileSync(list, 'utf8').split('\n')) {
      if (!file.startsWith(SRC + '/') || !file.endsWith('/go.mod')) continue
      if (/\/(testdata|vendor|_examples?)\//.test(file)) continue
      const dir = dirname(file)
      const rel = dir.slice(SRC.length + 1)
      if (!existsSync(file) || moduleLine(readFileSync(file, 'utf8')) !== rel || found.has(rel)) continue
      found.set(rel, {
        module: rel,
        version: debianToSemver(debianVersion, rel),
        dir,
        debianPackage: pkg,
        debianVersion,
      })
    }
  }
  return [...found.values()].sort((a, b) => a.module.localeCompare(b.module))
}

/** `require` lines of a go.mod: single and block forms. */
function requirements(gomod: string): Array<{ module: string; version: string }> {
  const out: Array<{ module: string; version: string }> = []
  const text = gomod.replace(/\/\/.*$/gm, '')
  const add = (line: string) => {
    const [module, version] = line.trim().replace(/"/g, '').split(/\s+/)
    if (module && version?.startsWith('v')) out.push({ module, version })
  }
  for (const block of text.matchAll(/^require\s*\(([^)]*)\)/gm)) (block[1] ?? '').split('\n').forEach(add)
  for (const single of text.matchAll(/^require\s+([^(\s][^\n]*)$/gm)) add(single[1] ?? '')
  return out
}

/** Builds (or reuses) the corpus tree. */
export async function corpus(): Promise<Corpus> {
  const modules = findCorpusModules()
  const have = new Set(modules.map((m) => `${m.module}@${m.version}`))
  const manifest: ManifestEntry[] = modules.map((m) => ({ module: m.module, version: m.version, dir: m.dir }))
  const modOnly = new Set<string>()
  for (const m of modules) {
    for (const r of requirements(readFileSync(join(m.dir, 'go.mod'), 'utf8'))) {
      const key = `${r.module}@${r.version}`
      if (have.has(key) || modOnly.has(key)) continue
      modOnly.add(key)
      manifest.push({ module: r.module, version: r.version, gomod: `module ${r.module}\n` })
    }
  }
  // Debian package versions change what the dirs hold; fingerprints catch local edits too.
  const key = modules.map((m) => `${m.dir} ${m.debianVersion} ${treeFingerprint(m.dir)}`).join('\n')
  const tree = await buildTree('corpus', manifest, key)
  return { ...tree, modules, downloadArgs: modules.map((m) => `${m.module}@${m.version}`) }
}

/**
 * Writes a consumer project requiring every corpus module (no main.go: not every package
 * builds without cgo or its optional dependencies). Each module is required at the highest
 * version any corpus go.mod asks for, so the go.mod is already what MVS selects.
 */
export function writeCorpusConsumer(c: Corpus, dir?: string): TempDir {
  const selected = new Map(c.modules.map((m) => [m.module, m.version]))
  for (const m of c.modules) {
    for (const r of requirements(readFileSync(join(m.dir, 'go.mod'), 'utf8'))) {
      const cur = selected.get(r.module)
      if (cur !== undefined && compareSemver(r.version, cur) > 0) selected.set(r.module, r.version)
    }
  }
  const reqs = [...selected].map(([module, version]) => ({ module, version }))
  const out = writeConsumer(c, reqs, { main: false, ...(dir === undefined ? {} : { dir }) })
  writeFileSync(join(out.path, 'modules.txt'), c.downloadArgs.join('\n') + '\n')
  return out
}
