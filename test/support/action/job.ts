/**
 * End-to-end fixtures for the action: the built dist/ bundles run as the runner runs them, a Go
 * job environment (sealed GOPATH/GOMODCACHE per job, as on a fresh hosted runner), and readers for
 * what a job left behind (the proxy's journal, the saved archive).
 *
 *   await ensureDist()
 *   const job = await goJob({ service, upstream: up.url, consumer: sums, steps: ['go build ./...'] })
 *   job.result.post?.outputs['modules-fetched']
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { runJob, type EnvOverrides, type JobOptions, type JobResult } from '../emul/runner.js'
import type { CacheService } from '../emul/cache-service.js'
import { GO_BIN, sharedGoCache } from '../helpers/gocmd.js'
import type { Requirement } from '../helpers/modules.js'
import { removeTree, tempDir, type TempDir } from '../helpers/tempdir.js'

const run = promisify(execFile)
/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** The bundles and action.yml the runner would use. */
export const DIST = {
  main: join(ROOT, 'dist', 'main', 'index.js'),
  post: join(ROOT, 'dist', 'post', 'index.js'),
  cli: join(ROOT, 'dist', 'cli', 'index.js'),
  cache: join(ROOT, 'dist', 'cache', 'index.js'),
  cacheprog: join(ROOT, 'dist', 'cacheprog', 'index.js'),
  actionYml: join(ROOT, 'action.yml'),
}

/**
 * Builds dist/ (main, post, cli, cache) when a bundle is missing. A stale dist is not rebuilt here: CI runs
 * `npm run check-dist` (which builds) before the tests, and locally `npm run build` is by hand, so
 * a half-edited tree of another change never breaks or rewrites the bundles under a running suite.
 */
export async function ensureDist(): Promise<void> {
  if ([DIST.main, DIST.post, DIST.cli, DIST.cache, DIST.cacheprog].every((b) => existsSync(b))) return
  await run('node', ['scripts/build.js'], { cwd: ROOT, timeout: 300_000 })
}

/** go.sum text for these requirements: their lines of go.sum.all, nothing else. */
export function sumFor(goSumAll: string, reqs: Requirement[]): string {
  const wanted = new Set(reqs.map((r) => `${r.module} ${r.version}`))
  return (
    goSumAll
      .split('\n')
      .filter((line) =>
        wanted.has(
          line
            .split(' ')
            .slice(0, 2)
            .join(' ')
            .replace(/\/go\.mod$/, ''),
        ),
      )
      .join('\n') + '\n'
  )
}

/** A consumer module: go.mod requiring reqs, main.go importing them, and exactly their go.sum lines. */
export async function writeProject(dir: string, goSumAll: string, reqs: Requirement[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  const require = reqs.map((r) => `\t${r.module} ${r.version}\n`).join('')
  await writeFile(join(dir, 'go.mod'), `module example.com/consumer\n\ngo 1.19\n\nrequire (\n${require})\n`)
  await writeFile(join(dir, 'go.sum'), sumFor(goSumAll, reqs))
  const imports = reqs
    .filter((r) => r.pkg !== '')
    .map((r) => `\t_ "${r.pkg ?? r.module}"\n`)
    .join('')
  await writeFile(
    join(dir, 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n${imports})\n\nfunc main() { fmt.Println("consumer ok") }\n`,
  )
}

/** One emulated job of a Go project using the action. */
export interface GoJobOptions {
  service?: CacheService
  /** The job's GOPROXY before the action (becomes the action's upstream). */
  upstream: string
  goSumAll: string
  reqs: Requirement[]
  /** The job's root directory, emptied first (default: a fresh temp dir): fixed paths across jobs, as on hosted runners. */
  root?: string
  /** The job's GOCACHE (default: the suite's shared one). */
  gocache?: string
  /** Writes the workspace instead of the one-module consumer of `reqs`. */
  project?: (workspace: string) => Promise<void>
  inputs?: Record<string, string>
  steps?: JobOptions['steps']
  env?: EnvOverrides
  node?: string
  runId?: string
  event?: unknown
  eventName?: string
  /** Keep the job's directories after it (self-hosted runners); removed by default. */
  keep?: boolean
}

/** What a Go job did, and where its directories were. */
export interface GoJob {
  result: JobResult
  /** The job's root: workspace at root/ws, GOPATH at root/gopath. */
  dir: TempDir
  workspace: string
  gomodcache: string
}

/** Runs main, the steps and post in a fresh workspace and Go environment. */
export async function goJob(opts: GoJobOptions): Promise<GoJob> {
  const dir = opts.root ? fixedDir(opts.root) : tempDir('gmc-e2e-job-')
  const workspace = join(dir.path, 'ws')
  const gopath = join(dir.path, 'gopath')
  const gomodcache = join(gopath, 'pkg', 'mod')
  await (opts.project ? opts.project(workspace) : writeProject(workspace, opts.goSumAll, opts.reqs))
  await mkdir(join(dir.path, 'home'), { recursive: true })
  const env: EnvOverrides = {
    PATH: `${dirname(GO_BIN)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: join(dir.path, 'home'),
    GOPATH: gopath,
    GOMODCACHE: gomodcache,
    GOCACHE: opts.gocache ?? sharedGoCache(),
    GOENV: 'off',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOPROXY: opts.upstream,
    GOSUMDB: 'off',
    CGO_ENABLED: '0',
    ...opts.env,
  }
  try {
    const result = await runJob({
      workspace,
      main: DIST.main,
      post: DIST.post,
      actionYml: DIST.actionYml,
      // The module-cache tests count the cache service's calls and lines; the build cache's own
      // tests (action-buildcache) turn it on.
      inputs: { 'build-cache': 'false', ...opts.inputs },
      env,
      steps: opts.steps ?? ['go build ./...'],
      node: opts.node,
      runId: opts.runId,
      event: opts.event,
      eventName: opts.eventName,
      cache: opts.service ? { url: opts.service.url, token: opts.service.token } : undefined,
      timeoutMs: 60_000,
    })
    return { result, dir, workspace, gomodcache }
  } finally {
    if (!opts.keep) dir.remove()
  }
}

/** A job root at a fixed path, emptied (the go command leaves read-only trees: removeTree copes). */
function fixedDir(path: string): TempDir {
  removeTree(path)
  mkdirSync(path, { recursive: true })
  return { path, remove: () => removeTree(path) }
}

/** Every stdout line of a job's main and post, for a failing assertion's message. */
export function jobLog(job: GoJob): string {
  const r = job.result
  return [
    '--- main',
    r.main.stdout,
    r.main.stderr,
    ...r.steps.flatMap((s, i) => [`--- step ${i}`, s.stdout, s.stderr]),
    '--- post',
    r.post?.stdout ?? '',
    r.post?.stderr ?? '',
  ].join('\n')
}

/** Warnings and errors the runner would annotate, from main and post, and Node's warnings on their stderr. */
export function problems(job: GoJob): string[] {
  const r = job.result
  // Node's own warnings (a listener leak, a deprecation) reach the step's log through stderr.
  const nodeWarnings = [r.main.stderr, r.post?.stderr ?? '']
    .flatMap((text) => text.split('\n'))
    .filter((line) => /^\(node:\d+\) \w*Warning/.test(line))
  return [...r.main.annotations, ...(r.post?.annotations ?? [])]
    .filter((a) => a.level !== 'notice')
    .map((a) => `${a.level}: ${a.message}`)
    .concat(nodeWarnings)
}

/** The names in a saved entry's archive (tar + zstd), read from the emulated service's blob. */
export async function archiveNames(service: CacheService, id: number | undefined): Promise<string[]> {
  const out = await readArchive(service, id, ['-tf', '-'])
  return out.split('\n').filter((l) => l !== '')
}

/** The text of one file in a saved entry's archive, by its name there. */
export async function archiveText(
  service: CacheService,
  id: number | undefined,
  name: string,
): Promise<string> {
  return readArchive(service, id, ['-xOf', '-', name])
}

/** Unpacks a saved entry's archive into `dir`. */
export async function extractArchive(
  service: CacheService,
  id: number | undefined,
  dir: string,
): Promise<void> {
  await readArchive(service, id, ['-xf', '-', '-C', dir])
}

// tar's stdout for the entry's blob, with these arguments.
async function readArchive(service: CacheService, id: number | undefined, args: string[]): Promise<string> {
  if (id === undefined) throw new Error('no entry')
  const tar = spawn('tar', ['--use-compress-program', 'zstd -d', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let errors = ''
  tar.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')))
  tar.stdin.on('error', () => undefined)
  const exited = new Promise<number | null>((resolve) => tar.on('close', resolve))
  await pipeline(service.readBlob(id), tar.stdin).catch(() => undefined)
  const code = await exited
  if (code !== 0) throw new Error(`tar ${args.join(' ')} of entry ${id} exited ${code}: ${errors}`)
  return out
}
