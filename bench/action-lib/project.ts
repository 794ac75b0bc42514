/**
 * The project the jobs build and test: the corpus consumer (go.mod requiring every corpus module,
 * go.sum of the whole corpus tree) with packages of its own: PACKAGES packages, each importing a
 * share of the corpus packages that build and carrying a test, in short import chains, plus
 * `bumped`, which imports the one held-out leaf module a variant requires, and main importing them
 * all. Going from variant i-1 to i swaps that one dependency and nothing else ("one dependency
 * bumped"); `withSourceChange` changes one file of one package ("one source file changed").
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { corpus, writeCorpusConsumer, type Corpus } from '../../test/support/helpers/corpus.js'
import { runGo, type GoResult, type RunGoOptions } from '../../test/support/helpers/gocmd.js'

/** The project's own packages besides main and `bumped`. */
const PACKAGES = 12
/** The package whose file `withSourceChange` edits: others import it, so its tests' dependents relink. */
const CHANGED = 'p04'
const MODULE = 'example.com/consumer'

/** One variant of the project, ready to be written into a workspace. */
export interface Variant {
  /** The module this variant adds to the common base. */
  swapped: string
  goMod: string
  goSum: string
  /** The project's source files: path relative to the module root -> content. */
  files: Record<string, string>
  /** `module@version` of every corpus module this variant requires: `go mod download` arguments. */
  downloadArgs: string[]
}

/** The prepared project and what it is made of. */
export interface Project {
  corpus: Corpus
  /** Corpus packages the project's own packages import. */
  packages: string[]
  /** The project's own packages (main, `bumped` and the PACKAGES others). */
  ownPackages: number
  /** Modules the build's package graph uses. */
  buildModules: number
  variants: Variant[]
}

async function go(args: string[], opts: RunGoOptions): Promise<GoResult> {
  const r = await runGo(args, opts)
  if (r.code !== 0)
    throw new Error(`go ${args.slice(0, 3).join(' ')}... failed (${r.code}): ${r.stderr.slice(-2000)}`)
  return r
}

/** Prepares the project in `dir` (a scratch consumer there) with `count` variants. */
export async function prepareProject(dir: string, count: number): Promise<Project> {
  const c = await corpus()
  const consumer = writeCorpusConsumer(c, dir).path
  const opts = { cwd: consumer, goproxy: `file://${c.root}`, timeoutMs: 180_000 }
  const first = await go(['mod', 'download', ...c.downloadArgs], opts)
  const run = { ...opts, dirs: first.dirs }
  try {
    const zips = new Set(c.downloadArgs)
    const selected = (await go(['list', '-m', '-f', '{{.Path}}@{{.Version}}', 'all'], run)).stdout.split('\n')
    const complete = selected.filter((mv) => zips.has(mv)).map((mv) => mv.split('@')[0] ?? '')
    const swaps = await pickLeaves((await go(['mod', 'graph'], run)).stdout, complete, c, count, run)
    // Root packages only, as ever: every package of every module would be a far larger build.
    const packages = await buildable(
      complete.filter((m) => !swaps.includes(m)),
      run,
    )
    const swapPackages = new Map<string, string[]>()
    for (const m of swaps) swapPackages.set(m, (await buildable([`${m}/...`], run)).slice(0, 3))
    const base = sourceFiles(packages)
    const goMod = readFileSync(join(consumer, 'go.mod'), 'utf8')
    const goSum = readFileSync(join(consumer, 'go.sum'), 'utf8')
    const variants = swaps.map((swapped) =>
      variant(c, goMod, goSum, { ...base, ...bumpedFiles(swapPackages.get(swapped) ?? []) }, swaps, swapped),
    )
    writeFiles(consumer, variants[0]?.files ?? {})
    const deps = await go(['list', '-deps', '-f', '{{with .Module}}{{.Path}}{{end}}', './...'], run)
    const buildModules = new Set(deps.stdout.split('\n').filter((m) => m !== '' && m !== MODULE)).size
    return { corpus: c, packages, ownPackages: PACKAGES + 2, buildModules, variants }
  } finally {
    first.dirs.remove()
  }
}

// Packages of `packages` (import paths or patterns) that build: no errors, not main.
async function buildable(packages: string[], run: RunGoOptions): Promise<string[]> {
  if (packages.length === 0) return []
  const format = '{{if and (not .Error) (not .DepsErrors) (ne .Name "main")}}{{.ImportPath}}{{end}}'
  const listed = await go(['list', '-e', '-f', format, ...packages], run)
  return listed.stdout.split('\n').filter((p) => p !== '')
}

/** Writes source files (paths relative to `dir`) into `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

/** The same files with one file of one package changed: a new `rev` (a commit touching one file). */
export function withSourceChange(files: Record<string, string>, rev: number): Record<string, string> {
  return { ...files, [`${CHANGED}/rev.go`]: revFile(CHANGED, rev) }
}

const pkgName = (i: number): string => `p${String(i).padStart(2, '0')}`

const revFile = (pkg: string, rev: number): string =>
  `package ${pkg}\n\n// rev changes when the bench edits this file.\nconst rev = ${rev}\n`

const testFile = (pkg: string): string =>
  `package ${pkg}\n\nimport "testing"\n\nfunc TestName(t *testing.T) {\n\tif Name() == "" {\n\t\tt.Fatal("empty name")\n\t}\n}\n`

// A package file importing `imports` for their side of the build, and `prev` (a chain) if any.
function packageFile(pkg: string, imports: string[], prev?: string): string {
  const own = prev === undefined ? '' : `\t"${MODULE}/${prev}"\n`
  const blank = imports.map((p) => `\t_ "${p}"\n`).join('')
  const name = prev === undefined ? `"${pkg}"` : `${prev}.Name() + "/${pkg}"`
  return `package ${pkg}\n\nimport (\n${own}${blank})\n\n// Name names the package and its chain.\nfunc Name() string { return ${name} }\n`
}

// The project's own packages (all but `bumped`): corpus packages dealt round-robin, chains of three.
function sourceFiles(packages: string[]): Record<string, string> {
  const files: Record<string, string> = {}
  const names = Array.from({ length: PACKAGES }, (_, i) => pkgName(i))
  names.forEach((pkg, i) => {
    const share = packages.filter((_, j) => j % PACKAGES === i)
    const prev = i % 3 === 0 ? undefined : names[i - 1]
    files[`${pkg}/${pkg}.go`] = packageFile(pkg, share, prev)
    files[`${pkg}/${pkg}_test.go`] = testFile(pkg)
    files[`${pkg}/rev.go`] = revFile(pkg, 0)
  })
  const imports = [...names, 'bumped'].map((p) => `\t"${MODULE}/${p}"\n`).join('')
  const calls = [...names, 'bumped'].map((p) => `\tfmt.Println(${p}.Name())\n`).join('')
  files['main.go'] = `package main\n\nimport (\n\t"fmt"\n\n${imports})\n\nfunc main() {\n${calls}}\n`
  return files
}

// `bumped`: imports the variant's own dependency.
function bumpedFiles(imports: string[]): Record<string, string> {
  return { 'bumped/bumped.go': packageFile('bumped', imports), 'bumped/bumped_test.go': testFile('bumped') }
}

// Leaf modules: complete in the corpus, required by no module but the consumer, with a package that
// builds (else a bump to it changes go.mod and go.sum and no import); mid-sized zips first.
async function pickLeaves(
  graph: string,
  complete: string[],
  c: Corpus,
  count: number,
  run: RunGoOptions,
): Promise<string[]> {
  const required = new Set<string>()
  for (const line of graph.split('\n')) {
    const [from, to] = line.split(' ')
    if (from === undefined || to === undefined || !from.includes('@')) continue
    required.add(to.split('@')[0] ?? '')
  }
  const bySize = complete
    .filter((m) => !required.has(m))
    .map((m) => ({ m, size: zipSize(c, m) }))
    .sort((a, b) => a.size - b.size)
  const middle = (bySize.length - 1) / 2
  const picked: string[] = []
  for (const { m } of bySize
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => Math.abs(a.i - middle) - Math.abs(b.i - middle))) {
    if (picked.length === count) break
    if ((await buildable([`${m}/...`], run)).length > 0) picked.push(m)
  }
  if (picked.length < count)
    throw new Error(`only ${picked.length} leaf modules with a package that builds, ${count} wanted`)
  return picked
}

function zipSize(c: Corpus, module: string): number {
  const v = c.modules.find((m) => m.module === module)?.version ?? ''
  const esc = module.replace(/[A-Z]/g, (ch) => `!${ch.toLowerCase()}`)
  return statSync(join(c.root, esc, '@v', `${v}.zip`)).size
}

function variant(
  c: Corpus,
  goMod: string,
  goSum: string,
  files: Record<string, string>,
  swaps: string[],
  keep: string,
): Variant {
  const out = new Set(swaps.filter((m) => m !== keep))
  const first = (line: string): string => line.trim().split(/\s+/)[0] ?? ''
  return {
    swapped: keep,
    goMod: goMod
      .split('\n')
      .filter((l) => !(l.startsWith('\t') && out.has(first(l))))
      .join('\n'),
    goSum: goSum
      .split('\n')
      .filter((l) => !out.has(first(l)))
      .join('\n'),
    files,
    downloadArgs: c.downloadArgs.filter((mv) => !out.has(mv.split('@')[0] ?? '')),
  }
}
