/**
 * One emulated job of either style, always in the same directories (a fresh hosted runner whose
 * paths are the same every run: setup-go's cache version hashes the absolute GOMODCACHE path, and
 * the go command's build cache keys on package directories), each emptied (moved aside) before
 * the job.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { CacheService } from '../../test/support/emul/cache-service.js'
import { runJob, type EnvOverrides } from '../../test/support/emul/runner.js'
import { GO_BIN } from '../../test/support/helpers/gocmd.js'
import type { Upstream } from '../../test/support/helpers/upstream.js'
import type { Bundles } from './bundles.js'
import { writeFiles, type Variant } from './project.js'

/**
 * Which cache: this action with the build cache as a directory (`build-cache: true`) or through
 * GOCACHEPROG (`gocacheprog`), or the setup-go baseline.
 */
export type Style = 'ours' | 'ours-prog' | 'ours-base' | 'setup-go'

/** The action's inputs per style: each of ours under its own key prefix, so neither restores the other's entries. */
export const OUR_INPUTS: Record<Exclude<Style, 'setup-go'>, Record<string, string>> = {
  ours: { 'build-cache': 'true', 'key-prefix': 'go-mod-cache-v1' },
  'ours-prog': { 'build-cache': 'gocacheprog', 'key-prefix': 'go-mod-cache-prog' },
  // ours as built from another revision (--base): a change against the code before it.
  'ours-base': { 'build-cache': 'true', 'key-prefix': 'go-mod-cache-base' },
}

/** The fixed directories of the emulated runner. */
export interface JobRoot {
  root: string
  workspace: string
  gopath: string
  gomodcache: string
  gocache: string
  home: string
}

/** The job root's directories under `root`. */
export function jobRoot(root: string): JobRoot {
  const gopath = join(root, 'gopath')
  return {
    root,
    workspace: join(root, 'ws'),
    gopath,
    gomodcache: join(gopath, 'pkg', 'mod'),
    gocache: join(root, 'gocache'),
    home: join(root, 'home'),
  }
}

/** What one job took and did. */
export interface JobTiming {
  style: Style
  ok: boolean
  /** The cache's main step (restore; ours also starts the proxy). */
  mainMs: number
  /** The go command steps, together and one by one. */
  goMs: number
  stepMs: number[]
  /** Packages each step compiled (`go build -v` lines; `go test` results not "(cached)"). */
  compiled: number[]
  /** The post step (save, or nothing). */
  postMs: number
  totalMs: number
  /** Ours: the restore inside main, from its state. */
  restoreMs?: number
  /** Requests upstream saw during the job, and how many were zips. */
  upstreamRequests: number
  upstreamZips: number
  /** Bytes the job uploaded to and downloaded from the cache service. */
  uploaded: number
  downloaded: number
  /** Ours: the post step's modules-fetched output. */
  modulesFetched?: string
  /** Warnings the steps annotated, and the failing step's output tail when !ok. */
  failure?: string
}

/** What a job needs: where, which bundles, the services, the project and the command. */
export interface JobSpec {
  style: Style
  dirs: JobRoot
  bundles: Bundles
  service: CacheService
  upstream: Upstream
  variant: Variant
  /** The project's files as checked out (default: the variant's). */
  files?: Record<string, string>
  /** The user steps, bash lines run in the workspace. */
  commands: string[]
  /** A GOCACHE to hard-link in (warm build cache); an empty one when absent. */
  gocacheTemplate?: string
  /** The node binary the steps run with (default: this process's). */
  node?: string
  /** setup-go: cache GOMODCACHE only (the earlier module-only comparison). */
  modulesOnly?: boolean
  /** The go command on the job's PATH (default GO_BIN). */
  goBin?: string
}

let moved = 0

/**
 * Empties the job root and writes the project: a fresh runner and checkout. The last job's root is
 * moved aside (beside the root, deleted with the bench's work directory), not deleted: on this
 * kind of disk, creating files right after deleting half a gigabyte of them costs the next job 1-3
 * s of kernel time, which a fresh hosted runner never pays, and it lands on whichever step writes
 * the module trees (setup-go's restore, our go step).
 */
export function resetRoot(
  dirs: JobRoot,
  variant: Variant,
  gocacheTemplate?: string,
  files: Record<string, string> = variant.files,
): void {
  if (existsSync(dirs.root)) {
    mkdirSync(`${dirs.root}.old`, { recursive: true })
    renameSync(dirs.root, join(`${dirs.root}.old`, String(moved++)))
  }
  for (const d of [dirs.workspace, dirs.home, dirs.gopath]) mkdirSync(d, { recursive: true })
  if (gocacheTemplate) execFileSync('cp', ['-al', gocacheTemplate, dirs.gocache])
  else mkdirSync(dirs.gocache, { recursive: true })
  writeFileSync(join(dirs.workspace, 'go.mod'), variant.goMod)
  writeFileSync(join(dirs.workspace, 'go.sum'), variant.goSum)
  writeFiles(dirs.workspace, files)
  // The last job left hundreds of MB of files to write back (setup-go's untar most of all): flushed
  // here, untimed, as bench/proxy.ts does, or whichever job comes next pays for them.
  execFileSync('sync')
}

/** The job's environment, as after actions/setup-go with `cache: false` (and `go` = `goBin`). */
export function goJobEnv(dirs: JobRoot, upstream: string, goBin: string = GO_BIN): EnvOverrides {
  return {
    PATH: `${dirname(goBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dirs.home,
    GOPATH: dirs.gopath,
    GOMODCACHE: dirs.gomodcache,
    GOCACHE: dirs.gocache,
    GOENV: 'off',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOPROXY: upstream,
    GOSUMDB: 'off',
    CGO_ENABLED: '0',
    // The runner image's name, which setup-go's key holds on Linux.
    ImageOS: 'ubuntu24',
  }
}

/** Runs one job: the style's main, the commands, the style's post. */
export async function runBenchJob(spec: JobSpec): Promise<JobTiming> {
  const { dirs, bundles, style } = spec
  resetRoot(dirs, spec.variant, spec.gocacheTemplate, spec.files)
  const seen = spec.upstream.requests.length
  const before = spec.service.stats()
  const ours = style !== 'setup-go'
  const result = await runJob({
    workspace: dirs.workspace,
    main: style === 'ours-base' ? bundles.base!.main : ours ? bundles.main : bundles.setupGoMain,
    post: style === 'ours-base' ? bundles.base!.post : ours ? bundles.post : bundles.setupGoPost,
    actionYml: ours ? bundles.actionYml : undefined,
    inputs: ours ? OUR_INPUTS[style] : { 'modules-only': String(spec.modulesOnly ?? false) },
    env: goJobEnv(dirs, spec.upstream.url, spec.goBin),
    steps: spec.commands,
    cache: { url: spec.service.url, token: spec.service.token },
    timeoutMs: 600_000,
    node: spec.node,
  })
  const after = spec.service.stats()
  const requests = spec.upstream.requests.slice(seen)
  const post = result.post
  const stepMs = result.steps.map((s) => s.ms)
  const goMs = stepMs.reduce((a, b) => a + b, 0)
  const timing: JobTiming = {
    style,
    ok: result.success && result.steps.length === spec.commands.length,
    mainMs: result.main.ms,
    goMs,
    stepMs,
    compiled: result.steps.map((s) => compiledBy(s.stdout, s.stderr)),
    postMs: post?.ms ?? 0,
    totalMs: result.main.ms + goMs + (post?.ms ?? 0),
    upstreamRequests: requests.length,
    upstreamZips: requests.filter((r) => r.path.endsWith('.zip')).length,
    uploaded: after.bytesUploaded - before.bytesUploaded,
    downloaded: after.bytesDownloaded - before.bytesDownloaded,
  }
  if (ours) {
    timing.restoreMs = restoreMsOf(result.main.state['go-mod-cache'])
    timing.modulesFetched = post?.outputs['modules-fetched']
  }
  const warnings = [...result.main.annotations, ...(post?.annotations ?? [])].filter(
    (a) => a.level !== 'notice',
  )
  if (!timing.ok || warnings.length > 0) {
    const where = !result.success
      ? [result.main, ...result.steps, post].find((s) => s !== undefined && s.code !== 0)
      : undefined
    timing.failure = [
      ...warnings.map((a) => `${a.level}: ${a.message}`),
      ...(where ? [`exit ${where.code}: ${(where.stderr + where.stdout).slice(-1500)}`] : []),
    ].join('\n')
  }
  return timing
}

/**
 * Packages a step compiled: `go build -v` names each package it compiles on stderr; `go test`
 * prints one result line per package with tests, "(cached)" when it ran nothing.
 */
export function compiledBy(stdout: string, stderr: string): number {
  const results = stdout.split('\n').filter((l) => /^(ok|FAIL|---)\s/.test(l))
  if (results.length > 0) return results.filter((l) => !l.includes('(cached)')).length
  return stderr.split('\n').filter((l) => /^[\w.-]+(\/[\w.~-]+)*$/.test(l.trim()) && l.trim() !== '').length
}

function restoreMsOf(state: string | undefined): number | undefined {
  if (state === undefined) return undefined
  try {
    const value = (JSON.parse(state) as { restoreMs?: unknown }).restoreMs
    return typeof value === 'number' ? value : undefined
  } catch {
    return undefined
  }
}
