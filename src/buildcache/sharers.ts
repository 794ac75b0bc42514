import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

// Jobs that share one GOCACHE (self-hosted runners of one user on one machine). The directory mode
// reads a job's use from the files' times, which every go command there sets: while another job
// runs, its outputs (maybe another repository's) would count as this job's, and its restore sets
// back times this job's use left. So each job marks GOCACHE for its lifetime, and a post that
// reads times saves nothing when another runner's job overlapped its own.

/** The marks' directory in GOCACHE: the go command keeps to its two-hex-digit subdirectories. */
export const JOBS_DIR = 'go-mod-cache-jobs'

/** A mark not ended this long after (a runner that died mid-job) no longer counts: a job's default timeout. */
export const LIFETIME_MS = 6 * 60 * 60 * 1000

// <start ms>-<runner>-<random>, and -<end ms> once the job's post has run.
const MARK = /^(\d+)-([0-9a-f]{12})-([0-9a-f]{8})(?:-(\d+))?$/

interface Mark {
  name: string
  start: number
  runner: string
  end?: number
}

/**
 * Marks GOCACHE as used by this job from `nowMs` on; the mark's name, or undefined when GOCACHE
 * takes no mark (read-only): then other jobs cannot see this one, which it cannot help.
 */
export async function markJob(
  gocache: string,
  runnerName: string,
  nowMs = Date.now(),
): Promise<string | undefined> {
  const name = `${nowMs}-${runnerId(runnerName)}-${randomBytes(4).toString('hex')}`
  try {
    await mkdir(join(gocache, JOBS_DIR), { recursive: true })
    await writeFile(join(gocache, JOBS_DIR, name), '')
    return name
  } catch {
    return undefined
  }
}

/**
 * How many jobs of other runners used GOCACHE at some time since this job's mark: running now, or
 * ended after it was made. A runner runs one job at a time, so its other marks are this job's own
 * (the action used twice) or a dead job's. Marks past LIFETIME_MS are removed on the way.
 */
export async function othersSince(gocache: string, mark: string, nowMs = Date.now()): Promise<number> {
  const mine = parse(mark)
  if (mine === undefined) return 0
  const names = await readdir(join(gocache, JOBS_DIR)).catch(() => [] as string[])
  let others = 0
  for (const other of names.map(parse)) {
    if (other === undefined || other.name === mark) continue
    if (nowMs - (other.end ?? other.start) > LIFETIME_MS) {
      // Another user's mark (a GOCACHE shared across users) may not be ours to remove.
      await rm(join(gocache, JOBS_DIR, other.name), { force: true }).catch(() => undefined)
    } else if (other.runner !== mine.runner && (other.end ?? nowMs) >= mine.start) {
      others++
    }
  }
  return others
}

/** Ends this job's mark (post's last word on GOCACHE); kept LIFETIME_MS for jobs still running. */
export async function endMark(gocache: string, mark: string, nowMs = Date.now()): Promise<void> {
  const mine = parse(mark)
  if (mine === undefined || mine.end !== undefined) return
  await rename(join(gocache, JOBS_DIR, mark), join(gocache, JOBS_DIR, `${mark}-${nowMs}`)).catch(
    () => undefined,
  )
}

// RUNNER_NAME names one runner of the machine (hashed: it may hold any character).
function runnerId(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 12)
}

function parse(name: string): Mark | undefined {
  const m = MARK.exec(name)
  if (!m) return undefined
  const mark: Mark = { name, start: Number(m[1]), runner: m[2] ?? '' }
  if (m[4] !== undefined) mark.end = Number(m[4])
  return mark
}
