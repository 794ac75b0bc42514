/**
 * "Ten consecutive changed jobs": on a fresh cache service, a cold job per style fills its caches,
 * then each of `count` jobs changes the project as a branch does, alternating one source file
 * changed (a new rev) and one dependency bumped (the next variant, the rev kept), every style per
 * job. What counts is bytes: what the changed jobs uploaded, and the largest entry left after them.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { startCacheService, type CacheService } from '../../test/support/emul/cache-service.js'
import type { Style } from './jobs.js'
import { withSourceChange, type Variant } from './project.js'
import { each, keyPrefixOf, type BenchContext } from './rounds.js'
import type { SeriesSizes } from './table.js'

/** The scenario names the series' jobs are recorded under. */
export const SERIES = {
  prime: 'changed jobs: cold (prime)',
  source: 'changed jobs: one source file',
  onedep: 'changed jobs: one dep bumped',
}

/** Variants the series needs: the first and one per dependency bump. */
export const seriesVariants = (count: number): number => Math.floor(count / 2) + 1

/** Runs the series on its own service under `work` and returns each style's bytes. */
export async function changedSeries(
  ctx: BenchContext,
  variants: Variant[],
  count: number,
  work: string,
): Promise<SeriesSizes[]> {
  const dir = join(work, 'blobs-series')
  const service = await startCacheService({ dir })
  try {
    let current = variants[0]
    if (current === undefined) throw new Error('no project variant')
    const prime = await each(ctx, SERIES.prime, 0, current, current.files, { service })
    const uploaded = new Map<Style, number[]>(ctx.styles.map((st) => [st, []]))
    const totalMs = new Map<Style, number>(ctx.styles.map((st) => [st, 0]))
    let rev = 0
    for (let j = 0; j < count; j++) {
      // Even jobs edit a source file; odd ones bump a dependency, keeping the last edit.
      const bump = j % 2 === 1
      if (bump) current = variants[(j + 1) / 2] ?? current
      else rev++
      const done = await each(
        ctx,
        bump ? SERIES.onedep : SERIES.source,
        j,
        current,
        withSourceChange(current.files, rev),
        {
          service,
        },
      )
      for (const [style, t] of done) {
        uploaded.get(style)?.push(t.uploaded)
        totalMs.set(style, (totalMs.get(style) ?? 0) + t.totalMs)
      }
    }
    return ctx.styles.map((style) => ({
      style,
      uploaded: uploaded.get(style) ?? [],
      primeUploaded: prime.get(style)?.uploaded ?? 0,
      totalMs: totalMs.get(style) ?? 0,
      ...largestEntry(service, style),
    }))
  } finally {
    await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

// The style's largest finalized entry (its key and bytes), and how many entries it has.
function largestEntry(service: CacheService, style: Style): Pick<SeriesSizes, 'largest' | 'entries'> {
  const mine = service.entries().filter((e) => e.finalized && e.key.startsWith(keyPrefixOf(style)))
  const sized = mine.map((e) => ({ key: e.key, bytes: e.blobBytes ?? e.sizeBytes ?? 0 }))
  const largest = sized.reduce((a, b) => (b.bytes > a.bytes ? b : a), { key: '-', bytes: 0 })
  return { largest, entries: mine.length }
}
