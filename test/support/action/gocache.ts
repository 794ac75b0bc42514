/**
 * A small GOCACHE for build-cache jobs to start from: what a project importing only `fmt` and
 * `testing` takes from the build cache when it builds and tests, as a runner's setup step might
 * leave it. Copying the suite's shared GOCACHE instead (every package any test ever compiled) was
 * most of a build-cache file's time.
 *
 *   const seed = await gocacheSeed(join(dirs.path, 'seed'))   // once per file
 *   execFileSync('cp', ['-a', seed, join(dirs.path, 'gocache-1')])
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { hasCacheProg } from '../../../src/buildcache/goenv.js'
import { listCacheFiles, setTimes } from '../../../src/buildcache/layout.js'
import { GO_BIN, sharedGoCache } from '../helpers/gocmd.js'
import { DIST } from './job.js'

const run = promisify(execFile)

/**
 * Builds the seed in `dir` (created) and returns its GOCACHE. With GOCACHEPROG (Go 1.24+) the
 * seed's go commands read the shared GOCACHE through dist/'s program, whose journal names every
 * file they used: those are copied out, so nothing is compiled that the suite has compiled before.
 * Older Go builds the seed in an empty GOCACHE (Go 1.19 ships the standard library compiled).
 * Every file is dated a day back: older than the hour after which the go command marks a use,
 * younger than the five days after which it trims an entry.
 */
export async function gocacheSeed(dir: string): Promise<string> {
  const ws = join(dir, 'ws')
  const gocache = join(dir, 'gocache')
  await mkdir(ws, { recursive: true })
  await mkdir(gocache, { recursive: true })
  await writeFile(join(ws, 'go.mod'), 'module example.com/seed\n\ngo 1.19\n')
  await writeFile(
    join(ws, 'main.go'),
    'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("seed") }\n',
  )
  await writeFile(
    join(ws, 'main_test.go'),
    'package main\n\nimport "testing"\n\nfunc TestSeed(t *testing.T) {}\n',
  )
  const version = (await run(GO_BIN, ['env', 'GOVERSION'])).stdout.trim()
  const journal = join(dir, 'journal')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GOPATH: join(dir, 'gopath'),
    GOCACHE: gocache,
    GOENV: 'off',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-modcacherw',
    GOPROXY: 'off',
    CGO_ENABLED: '0',
  }
  if (hasCacheProg(version)) {
    env.GOCACHE = join(dir, 'unused')
    env.GOCACHEPROG = `${process.execPath} ${DIST.cacheprog} ${sharedGoCache()} ${journal}`
  }
  for (const args of [
    ['build', './...'],
    ['test', './...'],
  ])
    await run(GO_BIN, args, { cwd: ws, env, timeout: 300_000 })
  if (env.GOCACHEPROG) await copyUsed(sharedGoCache(), journal, gocache)
  await setTimes(gocache, (await listCacheFiles(gocache)).keys(), Date.now() - 24 * 60 * 60 * 1000)
  return gocache
}

// The journal's files, copied (own inodes: a job's usage is read from their times).
async function copyUsed(from: string, journal: string, to: string): Promise<void> {
  const names = new Set((await readFile(journal, 'utf8')).split('\n').filter((l) => l !== ''))
  await Promise.all(
    [...names].map(async (rel) => {
      await mkdir(dirname(join(to, rel)), { recursive: true })
      await copyFile(join(from, rel), join(to, rel))
    }),
  )
}
