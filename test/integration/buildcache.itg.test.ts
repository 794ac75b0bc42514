// The build cache's two ways of learning what a job used, against the real go command: the
// directory's mtimes (any Go) and the GOCACHEPROG journal (Go 1.24+).
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasCacheProg } from '../../src/buildcache/goenv.js'
import { AGED_MS, listCacheFiles, setTimes } from '../../src/buildcache/layout.js'
import { moveIntoGoCache } from '../../src/buildcache/restore.js'
import { usedFromJournal, usedSince } from '../../src/buildcache/usage.js'
import { DIST, ensureDist } from '../support/action/job.js'
import { GO_BIN, goDirs, runGo, sharedGoCache } from '../support/helpers/gocmd.js'
import { tempDir } from '../support/helpers/tempdir.js'

const tmp = tempDir('gmc-buildcache-')
afterAll(() => tmp.remove())
const version = execFileSync(GO_BIN, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()

/** A module of three packages and a test: b imports a, c imports b. */
function writeProject(dir: string): void {
  const files: Record<string, string> = {
    'go.mod': 'module example.com/p\n\ngo 1.19\n',
    'a/a.go': 'package a\n\nimport "strings"\n\nfunc A() string { return strings.ToUpper("a") }\n',
    'b/b.go': 'package b\n\nimport "example.com/p/a"\n\nfunc B() string { return a.A() + "b" }\n',
    'b/b_test.go':
      'package b\n\nimport "testing"\n\nfunc TestB(t *testing.T) {\n\tif B() != "Ab" {\n\t\tt.Fatal(B())\n\t}\n}\n',
    'c/c.go': 'package c\n\nimport "example.com/p/b"\n\nfunc C() string { return b.B() + "c" }\n',
  }
  // Checked out a while ago: Go 1.19 indexes a package directory only once its files are a few seconds old.
  const then = new Date(Date.now() - 60_000)
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true })
    writeFileSync(join(dir, rel), text)
    utimesSync(join(dir, rel), then, then)
  }
}

/** Runs go in the project with this GOCACHE (and GOCACHEPROG); returns its stderr. */
async function go(args: string[], project: string, gocache: string, gocacheprog = ''): Promise<string> {
  const r = await runGo(args, {
    cwd: project,
    goproxy: 'off',
    dirs: goDirs(),
    env: { GOCACHE: gocache, GOCACHEPROG: gocacheprog, GOFLAGS: '' },
    timeoutMs: 300_000,
  })
  expect(r.code, r.stderr).toBe(0)
  return r.stdout + r.stderr
}

/** A copy of a build cache made of hard links (the go command only ever replaces its files). */
function linkTree(from: string, to: string): void {
  execFileSync('cp', ['-al', from, to])
}

/**
 * Sets a linked cache's files back as a restore does; returns the time uses count from. It is taken
 * first: the links share their files with the suite's GOCACHE, which other test files' go commands
 * use meanwhile, and a use between the two would otherwise leave a file fresh but before it.
 */
async function ageLinked(gocache: string): Promise<number> {
  const since = Date.now()
  await setTimes(gocache, (await listCacheFiles(gocache)).keys(), since - AGED_MS)
  return since
}

const compiles = (xOutput: string): number =>
  xOutput.split('\n').filter((l) => /\/compile\b.* -o /.test(l)).length

let project: string
beforeAll(() => {
  project = join(tmp.path, 'p')
  writeProject(project)
})

describe(`the build cache directory's mtimes (${version})`, () => {
  it('a job restored from an entry of what the last job used compiles nothing and runs no test again', async () => {
    // Job 1: a cache seeded with the standard library (hard links), set back as a restore does.
    const first = join(tmp.path, 'gocache1')
    linkTree(sharedGoCache(), first)
    const since1 = await ageLinked(first)
    await go(['build', './...'], project, first)
    await go(['test', './...'], project, first)
    const used1 = await usedSince(first, since1)
    expect(used1.size).toBeGreaterThan(10)
    expect(used1.size).toBeLessThan((await listCacheFiles(first)).size)

    // The entry: exactly those files, restored into job 2's empty GOCACHE.
    const entry = join(tmp.path, 'entry1')
    for (const rel of used1.keys()) cpSync(join(first, rel), join(entry, rel))
    const second = join(tmp.path, 'gocache2')
    mkdirSync(second)
    const into = await moveIntoGoCache(entry, second)
    expect(into.files.size).toBe(used1.size)
    const since2 = Date.now()
    expect(compiles(await go(['build', '-x', './...'], project, second))).toBe(0)
    expect(await go(['test', './...'], project, second)).toMatch(/ok\s+example\.com\/p\/b\s+\(cached\)/)
    const used2 = await usedSince(second, since2)
    expect(used2.size).toBeGreaterThan(0)
    // Everything it ran was restored: no new action, so nothing new to save (the go command may
    // still rewrite an output of an action it has, such as a directory listing).
    const extra = [...used2.keys()].filter((rel) => rel.endsWith('-a') && !into.files.has(rel))
    expect(extra).toEqual([])

    // One source file changed: only a and its dependents compile, and only their files are new.
    writeFileSync(
      join(project, 'a/a.go'),
      'package a\n\nimport "strings"\n\nfunc A() string { return strings.ToUpper("A") }\n',
    )
    const since3 = Date.now()
    const x = await go(['build', '-x', './...'], project, second)
    expect(compiles(x)).toBeGreaterThanOrEqual(1)
    expect(compiles(x)).toBeLessThanOrEqual(3)
    const fresh = [...(await usedSince(second, since3)).keys()].filter(
      (rel) => rel.endsWith('-a') && !into.files.has(rel),
    )
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.length).toBeLessThan(used1.size / 4)
    writeProject(project)
  })

  it('a job whose every test runs again saves outputs it wrote again unchanged: the next job finds them (cached)', async () => {
    const first = join(tmp.path, 'gocache-rerun1')
    linkTree(sharedGoCache(), first)
    const since1 = await ageLinked(first)
    await go(['test', './...'], project, first)
    const entryOf = (used: Map<string, number>, from: string, to: string): void => {
      for (const rel of used.keys()) cpSync(join(from, rel), join(to, rel))
    }
    entryOf(await usedSince(first, since1), first, join(tmp.path, 'entry-rerun1'))

    // A change under the only test: it runs again and writes its test log, the same bytes every
    // test without file or environment reads writes, over a restored (set back) output.
    const second = join(tmp.path, 'gocache-rerun2')
    mkdirSync(second)
    await moveIntoGoCache(join(tmp.path, 'entry-rerun1'), second)
    writeFileSync(
      join(project, 'a/a.go'),
      'package a\n\nimport "strings"\n\nfunc A() string { return strings.ToUpper("a") + "" }\n',
    )
    const since2 = Date.now()
    expect(await go(['test', './...'], project, second)).not.toMatch(/\(cached\)/)
    const used2 = await usedSince(second, since2)
    for (const rel of [...used2.keys()].filter((r) => r.endsWith('-a'))) {
      const output = /^v1 [0-9a-f]{64} ([0-9a-f]{64}) /.exec(readFileSync(join(second, rel), 'latin1'))?.[1]
      expect(used2.has(`${output?.slice(0, 2)}/${output}-d`), `the output of ${rel}`).toBe(true)
    }
    entryOf(used2, second, join(tmp.path, 'entry-rerun2'))

    const third = join(tmp.path, 'gocache-rerun3')
    mkdirSync(third)
    await moveIntoGoCache(join(tmp.path, 'entry-rerun2'), third)
    expect(await go(['test', './...'], project, third)).toMatch(/ok\s+example\.com\/p\/b\s+\(cached\)/)
    writeProject(project)
  })
})

// Executables of go run and go tool are cached since Go 1.24, the release that brought GOCACHEPROG.
describe.runIf(hasCacheProg(version))(`cached executables (${version})`, () => {
  it('an entry carries go run’s binary: the next job runs it without linking', async () => {
    const main = join(tmp.path, 'hello')
    mkdirSync(main)
    writeFileSync(join(main, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n')
    writeFileSync(
      join(main, 'main.go'),
      'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n',
    )
    const first = join(tmp.path, 'gocache-exe1')
    linkTree(sharedGoCache(), first)
    const since = await ageLinked(first)
    expect(await go(['run', '.'], main, first)).toMatch(/hi/)
    const used = await usedSince(first, since)
    const binaries = [...used.keys()].filter((rel) => /-d\/hello$/.test(rel))
    expect(binaries).toHaveLength(1)

    const entry = join(tmp.path, 'entry-exe')
    for (const rel of used.keys()) cpSync(join(first, rel), join(entry, rel), { preserveTimestamps: true })
    const second = join(tmp.path, 'gocache-exe2')
    mkdirSync(second)
    await moveIntoGoCache(entry, second)
    const since2 = Date.now()
    const x = await go(['run', '-x', '.'], main, second)
    expect(x).toMatch(/hi/)
    expect(x.split('\n').filter((l) => /\/link\b.* -o /.test(l))).toEqual([])
    // Its use shows as the directory's mtime, as the go command marks it.
    expect([...(await usedSince(second, since2)).keys()]).toContain(binaries[0])
  })
})

describe.runIf(hasCacheProg(version))(`GOCACHEPROG (${version})`, () => {
  beforeAll(ensureDist)

  it('serves the go command, journals every object used, and keeps the go command’s own layout', async () => {
    const store = join(tmp.path, 'prog')
    const journal = join(tmp.path, 'prog.journal')
    const prog = `${process.execPath} ${DIST.cacheprog} ${store} ${journal}`
    linkTree(sharedGoCache(), store) // the standard library, as a restore would bring it
    const plain = join(tmp.path, 'gocache-prog')
    mkdirSync(plain)
    await go(['build', './...'], project, plain, prog)
    await go(['test', './...'], project, plain, prog)
    const used = await usedFromJournal(store, journal)
    expect(used.size).toBeGreaterThan(10)
    expect(used.size).toBeLessThan((await listCacheFiles(store)).size)
    // The go command's own disk cache reads the program's directory: nothing compiles again.
    expect(compiles(await go(['build', '-x', './...'], project, store))).toBe(0)
    expect(await go(['test', './...'], project, store)).toMatch(/\(cached\)/)
    // And the program serves its hits: nothing compiles through it either.
    expect(compiles(await go(['build', '-x', './...'], project, plain, prog))).toBe(0)
  })
})
