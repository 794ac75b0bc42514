/**
 * The consumer project the jobs build: the corpus consumer (go.mod requiring every corpus module,
 * go.sum of the whole corpus tree) with a main.go importing every corpus package that builds, and
 * variants for "one dependency changed": a few leaf modules (required by the consumer only) are
 * held out, and variant i requires exactly one of them, so going from variant i-1 to i swaps one
 * dependency and nothing else.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { corpus, writeCorpusConsumer, type Corpus } from '../../test/support/helpers/corpus.js'
import { runGo, type GoResult, type RunGoOptions } from '../../test/support/helpers/gocmd.js'

/** One variant of the project, ready to be written into a workspace. */
export interface Variant {
  /** The module this variant adds to the common base. */
  swapped: string
  goMod: string
  goSum: string
  mainGo: string
  /** `module@version` of every corpus module this variant requires: `go mod download` arguments. */
  downloadArgs: string[]
}

/** The prepared project and what it is made of. */
export interface Project {
  corpus: Corpus
  /** Packages main.go imports (the `go build` target). */
  packages: string[]
  /** Modules the build target's package graph uses. */
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
    const swaps = pickLeaves((await go(['mod', 'graph'], run)).stdout, complete, c, count)
    const candidates = complete.filter((m) => !swaps.includes(m))
    const listed = await go(
      [
        'list',
        '-e',
        '-f',
        '{{if and (not .Error) (not .DepsErrors) (ne .Name "main")}}{{.ImportPath}}{{end}}',
        ...candidates,
      ],
      run,
    )
    const packages = listed.stdout.split('\n').filter((p) => p !== '')
    const mainGo = `package main\n\nimport (\n${packages.map((p) => `\t_ "${p}"\n`).join('')})\n\nfunc main() {}\n`
    writeFileSync(join(consumer, 'main.go'), mainGo)
    // No trial build here (14 s cold): the GOCACHE template build or the jobs themselves show a failure.
    const deps = await go(['list', '-deps', '-f', '{{with .Module}}{{.Path}}{{end}}', '.'], run)
    const buildModules = new Set(
      deps.stdout.split('\n').filter((m) => m !== '' && m !== 'example.com/consumer'),
    ).size
    const goMod = readFileSync(join(consumer, 'go.mod'), 'utf8')
    const goSum = readFileSync(join(consumer, 'go.sum'), 'utf8')
    const variants = swaps.map((swapped) => variant(c, goMod, goSum, mainGo, swaps, swapped))
    return { corpus: c, packages, buildModules, variants }
  } finally {
    first.dirs.remove()
  }
}

// Leaf modules: complete in the corpus, required by no module but the consumer; mid-sized zips.
function pickLeaves(graph: string, complete: string[], c: Corpus, count: number): string[] {
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
  if (bySize.length < count) throw new Error(`only ${bySize.length} leaf modules, ${count} wanted`)
  const start = Math.floor((bySize.length - count) / 2)
  return bySize.slice(start, start + count).map((x) => x.m)
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
  mainGo: string,
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
    mainGo,
    downloadArgs: c.downloadArgs.filter((mv) => !out.has(mv.split('@')[0] ?? '')),
  }
}
