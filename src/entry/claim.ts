import * as core from '../runner/workflow.js'
import type { CacheOutcome, CacheProvider } from '../cache/index.js'
import { CLAIM_PATH } from './paths.js'

/** The run attempt a save belongs to: a claim is one per attempt. */
export interface Run {
  id: string
  attempt: string
}

/**
 * Claims the save under another key, one per run attempt: when simultaneous matrix jobs race, only
 * the first gets it, and the others skip the archive work (the real save would 409 at the end). The
 * real key is reserved only by the save itself, which uploads at once: a post step cut short while
 * it completes the entry leaves a claim behind, never a reserved key no later job could save.
 */
export async function claim(key: string, cache: CacheProvider, run: Run): Promise<CacheOutcome<boolean>> {
  const claimKey = `claim-${key}-${run.id}-${run.attempt}`
  const outcome = await cache.reserve(CLAIM_PATH, claimKey)
  if (!outcome.value && !outcome.failed) core.info(`Another job of this run is saving ${key}: not saving`)
  return outcome
}
