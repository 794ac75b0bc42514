import type { ModuleFiles } from './files.js'
import { matchPrefixPatterns } from '../module/globs.js'
import type { GoSums } from '../module/gosum.js'
import type { Logger } from '../log.js'
import { forEachLimited } from './pool.js'

/** What a prefetch did, counted per file: fetched from upstream, failed, or already stored. */
export interface PrefetchResult {
  fetched: number
  failed: number
  skipped: number
}

/** One file to prefetch. */
export type Job = { module: string; version: string; kind: 'info' | 'mod' | 'zip' }

/**
 * .info and .mod fetches in flight per zip fetch: tiny files bound by latency that the go command
 * needs before its first zip, while zips (checked in full) keep `concurrency` (bench/README.md).
 */
const SMALL_PER_ZIP = 2

/** What prefetch asks for, in two queues that run side by side, each in go.sum order. */
interface PrefetchPlan {
  /** .info and .mod of every version with a full (non-/go.mod) line, then .mod of the /go.mod-only ones. */
  small: Job[]
  /** .zip of every version with a full line. */
  zips: Job[]
}

/**
 * Full lines are what a build downloads (the go command asks .info/.mod before .zip); the
 * /go.mod-only versions are the wide tail of the module graph that a pruned graph rarely loads.
 */
function prefetchPlan(sums: GoSums): PrefetchPlan {
  const versions = sums.versions()
  const full = versions.filter((v) => v.zip)
  return {
    small: [
      ...full.flatMap((v): Job[] => [
        { module: v.module, version: v.version, kind: 'info' },
        { module: v.module, version: v.version, kind: 'mod' },
      ]),
      ...versions
        .filter((v) => !v.zip)
        .map((v): Job => ({ module: v.module, version: v.version, kind: 'mod' })),
    ],
    zips: full.map((v): Job => ({ module: v.module, version: v.version, kind: 'zip' })),
  }
}

/**
 * Fetches every version go.sum names into the store (zips `concurrency` at a time, small files
 * SMALL_PER_ZIP times that); never throws: failures are counted, the go command gets its own answer.
 * GONOPROXY modules are left out, so they are not counted as failures.
 */
export async function prefetch(
  sums: GoSums,
  files: ModuleFiles,
  concurrency: number,
  log: Logger,
  noProxy = '',
): Promise<PrefetchResult> {
  const plan = prefetchPlan(sums)
  const proxied = (jobs: Job[]): Job[] =>
    noProxy === '' ? jobs : jobs.filter((job) => !matchPrefixPatterns(noProxy, job.module))
  const small = proxied(plan.small)
  const zips = proxied(plan.zips)
  const result: PrefetchResult = { fetched: 0, failed: 0, skipped: 0 }
  const fetch = (job: Job): Promise<void> => one(job, files, result, log)
  await Promise.all([
    forEachLimited(small, concurrency * SMALL_PER_ZIP, fetch),
    forEachLimited(zips, concurrency, fetch),
  ])
  const all = plan.small.length + plan.zips.length
  const jobs = small.length + zips.length
  const left = all - jobs
  log.info(
    `prefetch: ${result.fetched} fetched, ${result.skipped} already stored, ${result.failed} failed (${jobs} files)` +
      (left > 0 ? `; ${left} files of GONOPROXY modules left to the go command` : ''),
  )
  return result
}

async function one(job: Job, files: ModuleFiles, result: PrefetchResult, log: Logger): Promise<void> {
  const name = `${job.module}@${job.version} .${job.kind}`
  try {
    const got = await files.ensure(job.module, job.version, job.kind, 'prefetch')
    if (got.kind === 'found') {
      if (got.source === 'store') result.skipped++
      else result.fetched++
      return
    }
    result.failed++
    // A miss is normal: the go command may get a version elsewhere (a `direct` entry after ours).
    if (got.kind === 'notfound') log.debug(`prefetch ${name}: ${got.message}`)
    else log.warn(`prefetch ${name}: ${got.message}`)
  } catch (err) {
    result.failed++
    log.warn(`prefetch ${name}: ${String(err)}`)
  }
}

/**
 * Verifies every stored zip with a full go.sum line, `concurrency` at a time, so the go
 * command's first requests join checks already under way (config.verifyAtStart). Files not in
 * the store are left to prefetch or to requests. Never throws. Returns how many were checked.
 */
export async function verifyAtStart(
  sums: GoSums,
  files: ModuleFiles,
  concurrency: number,
  log: Logger,
): Promise<number> {
  const verifyStored = files.verifyStored
  if (!verifyStored) return 0
  const zips = sums.versions().filter((v) => v.zip)
  let checked = 0
  await forEachLimited(zips, concurrency, async (v) => {
    try {
      if (await verifyStored(v.module, v.version, 'zip')) checked++
    } catch (err) {
      log.warn(`verify at start ${v.module}@${v.version}: ${String(err)}`)
    }
  })
  log.info(`verified ${checked} stored zips at start`)
  return checked
}
