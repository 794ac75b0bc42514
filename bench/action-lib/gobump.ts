/**
 * "Go version bumped": the same project, the go command bumped. Each round starts on a fresh cache
 * service: a cold job per style with the older go command fills its caches, then a job per style
 * with the bench's go command (GO_BIN) is timed. setup-go's key holds the Go version, so it misses
 * whole; ours' module key does not, so only its build cache (keyed per Go version) is cold.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startCacheService } from '../../test/support/emul/cache-service.js'
import { GO_BIN } from '../../test/support/helpers/gocmd.js'
import type { Variant } from './project.js'
import { each, type BenchContext } from './rounds.js'

/** The scenario names of the two rows: the priming job with the older go, the bumped job. */
export function goBumpNames(from: string, to: string): { prime: string; bumped: string } {
  return { prime: `cold with ${from} (bump's prime)`, bumped: `Go bumped ${from} -> ${to}` }
}

/**
 * The older go command: `from` as is when it is a path, else a toolchain version (go1.25.5) fetched
 * once as the golang.org/toolchain module through the machine's GOPROXY into .bench/toolchains/.
 */
export function fromGoBin(repo: string, from: string, log: (line: string) => void): string {
  if (from.includes('/')) return from
  if (!/^go1\.\d+(\.\d+)?$/.test(from)) throw new Error(`--go-from: expected a path or go1.N.P, got ${from}`)
  const host = execFileSync(GO_BIN, ['env', 'GOHOSTOS', 'GOHOSTARCH'], { encoding: 'utf8' })
    .trim()
    .split('\n')
  const modcache = join(repo, '.bench', 'toolchains')
  const bin = join(modcache, 'golang.org', `toolchain@v0.0.1-${from}.${host.join('-')}`, 'bin', 'go')
  if (!existsSync(bin)) {
    log(`fetching the ${from} toolchain through GOPROXY into ${modcache}`)
    // GOFLAGS=-modcacherw: the extracted tree stays deletable, as the rest of .bench/ is.
    execFileSync(GO_BIN, ['version'], {
      cwd: repo,
      env: { ...process.env, GOTOOLCHAIN: from, GOMODCACHE: modcache, GOFLAGS: '-modcacherw' },
      // stderr only: stdout carries the tables.
      stdio: ['ignore', 2, 2],
    })
  }
  return bin
}

/** `go env GOVERSION` of a go command. */
export const goVersionOf = (bin: string): string =>
  execFileSync(bin, ['env', 'GOVERSION'], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  }).trim()

/** Runs `runs` rounds of the scenario, each on its own cache service under `work`. */
export async function goBumpRounds(
  ctx: BenchContext,
  runs: number,
  variant: Variant,
  fromBin: string,
  work: string,
): Promise<void> {
  const names = goBumpNames(goVersionOf(fromBin), goVersionOf(GO_BIN))
  for (let r = 0; r < runs; r++) {
    const dir = join(work, `blobs-gobump-${r}`)
    const service = await startCacheService({ dir })
    try {
      await each(ctx, names.prime, r, variant, variant.files, { goBin: fromBin, service })
      await each(ctx, names.bumped, r, variant, variant.files, { service })
    } finally {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
