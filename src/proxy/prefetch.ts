import type { ModuleFiles } from './files.js'
import type { GoSums } from './gosum.js'
import type { Logger } from './log.js'

/** What a prefetch did, counted per file: fetched from upstream, failed, or already stored. */
export interface PrefetchResult {
  fetched: number
  failed: number
  skipped: number
}

type Job = { module: string; version: string; kind: 'info' | 'mod' | 'zip' }

/**
 * Fetches every version go.sum names into the store, at most `concurrency` files at a time:
 * first every .mod (the go command needs the whole build list's go.mod files before any zip),
 * then .info and .zip for versions with a full (non-/go.mod) line, in go.sum order. Never throws:
 * a failure is counted and logged, and the go command asking later gets its own answer.
 * Requests for a file being prefetched join the fetch (ModuleFiles is single-flight).
 */
export async function prefetch(
  sums: GoSums,
  files: ModuleFiles,
  concurrency: number,
  log: Logger,
): Promise<PrefetchResult> {
  const versions = sums.versions()
  const jobs: Job[] = [
    ...versions.map((v): Job => ({ module: v.module, version: v.version, kind: 'mod' })),
    ...versions
      .filter((v) => v.zip)
      .flatMap((v): Job[] => [
        { module: v.module, version: v.version, kind: 'info' },
        { module: v.module, version: v.version, kind: 'zip' },
      ]),
  ]
  const result: PrefetchResult = { fetched: 0, failed: 0, skipped: 0 }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++] as Job
      await one(job, files, result, log)
    }
  }
  const workers = Math.max(1, Math.min(concurrency, jobs.length))
  await Promise.all(Array.from({ length: workers }, worker))
  log.info(
    `prefetch: ${result.fetched} fetched, ${result.skipped} already stored, ${result.failed} failed (${jobs.length} files)`,
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
    // A miss is expected for modules a go command never fetches through a proxy (GOPRIVATE).
    if (got.kind === 'notfound') log.debug(`prefetch ${name}: ${got.message}`)
    else log.warn(`prefetch ${name}: ${got.message}`)
  } catch (err) {
    result.failed++
    log.warn(`prefetch ${name}: ${String(err)}`)
  }
}
