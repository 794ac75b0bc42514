/**
 * The synthetic module set the integration tests need, as a real GOPROXY tree built by modbuild:
 *
 *   const tree = await syntheticModules()             // { root, goSumAll, goSum }
 *   const up = await startUpstream({ root: tree.root })
 *   const dir = writeConsumer(tree, [MODULES.app, MODULES.upper])  // go.mod + go.sum + main.go
 *   await runGo(['build', './...'], { cwd: dir.path, goproxy: up.url, timeoutMs: 60_000 })
 *
 * MODULES names each case: a module with a dependency (app -> dep), upper-case letters in the
 * path, a +incompatible version, a pseudo-version, a /v2 path, several versions of one module
 * (with a prerelease newer than its latest release), and a main package that builds.
 * Every package exports `func Name() string`; consumers print them all.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildTree, GENERATED, type ManifestEntry, type Tree } from './gotools.js'
import { removeTree, tempDir, type TempDir } from './tempdir.js'

/** A module version a consumer can require; `pkg` is the package it imports (default: module). */
export interface Requirement {
  module: string
  version: string
  pkg?: string
}

/** The cases, by name. */
export const MODULES = {
  dep: { module: 'example.com/dep', version: 'v1.0.0' },
  app: { module: 'example.com/app', version: 'v1.0.0' },
  upper: { module: 'example.com/Upper/Mod', version: 'v1.0.0' },
  incompatible: { module: 'example.com/incompat', version: 'v2.0.0+incompatible' },
  pseudo: { module: 'example.com/pseudo', version: 'v0.0.0-20200101000000-abcdefabcdef' },
  v2: { module: 'example.com/major/v2', version: 'v2.1.0' },
  multi: { module: 'example.com/multi', version: 'v1.2.0' },
  hello: { module: 'example.com/hello', version: 'v1.0.0' },
} satisfies Record<string, Requirement>

/** The main package in example.com/hello: `go build example.com/hello/cmd/hello` from a consumer. */
export const HELLO_MAIN = 'example.com/hello/cmd/hello'

/** example.com/multi's versions: `go list -m -versions` prints these; @latest is v1.2.0. */
export const MULTI_VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0-beta.1']
/** example.com/incompat's listed versions (neither has a go.mod). */
export const INCOMPAT_VERSIONS = ['v1.0.0', 'v2.0.0+incompatible']

interface Source {
  module: string
  version: string
  files: Record<string, string>
  time?: string
}

function lib(module: string, version: string, pkg: string, extra: Record<string, string> = {}): Source {
  return {
    module,
    version,
    files: {
      'go.mod': `module ${module}\n\ngo 1.16\n`,
      [`${pkg}.go`]: `package ${pkg}\n\n// Name says which module version this is.\nfunc Name() string { return "${module}@${version}" }\n`,
      ...extra,
    },
  }
}

function sources(): Source[] {
  const list: Source[] = [
    lib('example.com/dep', 'v1.0.0', 'dep'),
    {
      module: 'example.com/app',
      version: 'v1.0.0',
      files: {
        'go.mod': 'module example.com/app\n\ngo 1.16\n\nrequire example.com/dep v1.0.0\n',
        'app.go':
          'package app\n\nimport "example.com/dep"\n\n// Name says which module version this is.\nfunc Name() string { return "example.com/app@v1.0.0 using " + dep.Name() }\n',
      },
    },
    lib('example.com/Upper/Mod', 'v1.0.0', 'mod', { 'README.md': '# Upper\n' }),
    lib('example.com/major/v2', 'v2.0.0', 'major'),
    lib('example.com/major/v2', 'v2.1.0', 'major'),
    lib('example.com/pseudo', 'v0.0.0-20200101000000-abcdefabcdef', 'pseudo'),
    {
      module: 'example.com/hello',
      version: 'v1.0.0',
      files: {
        'go.mod': 'module example.com/hello\n\ngo 1.16\n\nrequire example.com/dep v1.0.0\n',
        'cmd/hello/main.go':
          'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/dep"\n)\n\nfunc main() { fmt.Println("hello", dep.Name()) }\n',
        'hello.go':
          'package hello\n\n// Name says which module version this is.\nfunc Name() string { return "example.com/hello@v1.0.0" }\n',
      },
    },
  ]
  for (const v of MULTI_VERSIONS) list.push({ ...lib('example.com/multi', v, 'multi'), time: timeOf(v) })
  for (const v of INCOMPAT_VERSIONS) {
    // No go.mod: that is what makes a v2+ tag "+incompatible".
    const src = lib('example.com/incompat', v, 'incompat')
    delete src.files['go.mod']
    list.push(src)
  }
  return list
}

function timeOf(v: string): string {
  const minor = Number(v.split('.')[1] ?? 0)
  return `2021-0${1 + minor}-01T00:00:00Z`
}

/** Builds (or reuses) the synthetic GOPROXY tree. */
export function syntheticModules(): Promise<Tree> {
  return buildSources('synthetic', sources())
}

/**
 * A tree holding a different, well-formed example.com/dep@v1.0.0: its zip and .mod are valid
 * files whose h1 disagree with the synthetic tree's go.sum (serve them with a 'replace' fault).
 */
export function tamperedModules(): Promise<Tree> {
  const dep = lib('example.com/dep', 'v1.0.0', 'dep', { 'evil.go': 'package dep\n\nvar Evil = true\n' })
  dep.files['go.mod'] += '// tampered\n'
  return buildSources('tampered', [dep])
}

async function buildSources(name: string, list: Source[]): Promise<Tree> {
  const key = createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16)
  const srcRoot = join(GENERATED, `${name}-src-${key}`)
  if (!existsSync(srcRoot)) {
    const tmp = `${srcRoot}.tmp-${process.pid}`
    for (const s of list) {
      for (const [name, text] of Object.entries(s.files)) {
        const file = join(tmp, `${s.module}@${s.version}`, name)
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, text)
      }
    }
    try {
      renameSync(tmp, srcRoot)
    } catch {
      removeTree(tmp) // another process wrote the same sources first
    }
  }
  const manifest: ManifestEntry[] = list.map((s) => ({
    module: s.module,
    version: s.version,
    dir: join(srcRoot, `${s.module}@${s.version}`),
    ...(s.time === undefined ? {} : { time: s.time }),
  }))
  return buildTree(name, manifest, key)
}

/** Options for writeConsumer. */
export interface ConsumerOptions {
  /** Which go.sum to write: every line of the tree (default) or none (for sumdb tests). */
  goSum?: 'all' | 'none'
  /** Write main.go importing every required package (default true). */
  main?: boolean
  /** Write into this directory instead of a new temp dir. */
  dir?: string
}

/**
 * Writes a consumer project: go.mod requiring `reqs`, go.sum from the tree's go.sum.all, and a
 * main.go that imports each requirement's package (blank imports, so any package compiles).
 */
export function writeConsumer(
  tree: Pick<Tree, 'goSum'>,
  reqs: Requirement[],
  opts: ConsumerOptions = {},
): TempDir {
  const dir: TempDir = opts.dir === undefined ? tempDir('gmc-consumer-') : { path: opts.dir, remove() {} }
  mkdirSync(dir.path, { recursive: true })
  const require = reqs.map((r) => `\t${r.module} ${r.version}\n`).join('')
  writeFileSync(
    join(dir.path, 'go.mod'),
    `module example.com/consumer\n\ngo 1.19\n\nrequire (\n${require})\n`,
  )
  writeFileSync(join(dir.path, 'go.sum'), opts.goSum === 'none' ? '' : tree.goSum)
  if (opts.main !== false) {
    const imports = reqs.map((r) => `\t_ "${r.pkg ?? r.module}"\n`).join('')
    writeFileSync(
      join(dir.path, 'main.go'),
      `package main\n\nimport (\n\t"fmt"\n\n${imports})\n\nfunc main() { fmt.Println("consumer ok") }\n`,
    )
  }
  return dir
}
