import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { endMark, JOBS_DIR, LIFETIME_MS, markJob, othersSince } from '../../src/buildcache/sharers.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

const T = 1_800_000_000_000
const MIN = 60_000

describe('jobs sharing one GOCACHE', () => {
  let tmp: TempDir
  let gocache: string
  beforeEach(() => {
    tmp = tempDir('gmc-sharers-')
    gocache = join(tmp.path, 'gocache')
  })
  afterEach(() => tmp.remove())

  const marks = (): string[] => readdirSync(join(gocache, JOBS_DIR)).sort()

  it('a job alone on GOCACHE sees no other, and its ended mark stays for jobs still running', async () => {
    const mine = await markJob(gocache, 'runner-a', T)
    expect(mine).toMatch(/^\d+-[0-9a-f]{12}-[0-9a-f]{8}$/)
    expect(await othersSince(gocache, mine!, T + MIN)).toBe(0)
    await endMark(gocache, mine!, T + 2 * MIN)
    expect(marks()).toEqual([`${mine}-${T + 2 * MIN}`])
    // Ending twice, or a name that is no mark, changes nothing and throws nothing.
    await endMark(gocache, mine!, T + 3 * MIN)
    await endMark(gocache, '../../etc/passwd', T + 3 * MIN)
    expect(marks()).toEqual([`${mine}-${T + 2 * MIN}`])
  })

  it("counts another runner's job running now, or ended after this one began; not one ended before", async () => {
    const before = await markJob(gocache, 'runner-b', T - 10 * MIN)
    await endMark(gocache, before!, T - MIN)
    const mine = await markJob(gocache, 'runner-a', T)
    expect(await othersSince(gocache, mine!, T + MIN)).toBe(0)

    const during = await markJob(gocache, 'runner-c', T + MIN)
    expect(await othersSince(gocache, mine!, T + 2 * MIN)).toBe(1)
    await endMark(gocache, during!, T + 3 * MIN)
    // Ended, it still overlapped this job's lifetime.
    expect(await othersSince(gocache, mine!, T + 4 * MIN)).toBe(1)
    // A job that began before this one and still runs overlaps it too.
    await markJob(gocache, 'runner-d', T - 30 * MIN)
    expect(await othersSince(gocache, mine!, T + 4 * MIN)).toBe(2)
  })

  it("leaves out the runner's own other marks: the action used twice in the job, or a job that died", async () => {
    const mine = await markJob(gocache, 'runner-a', T)
    await markJob(gocache, 'runner-a', T + MIN)
    await markJob(gocache, 'runner-a', T - 60 * MIN)
    expect(await othersSince(gocache, mine!, T + 2 * MIN)).toBe(0)
  })

  it('removes marks past a job lifetime, running or ended, and counts none of them', async () => {
    const mine = await markJob(gocache, 'runner-a', T)
    const dead = await markJob(gocache, 'runner-b', T - LIFETIME_MS - MIN)
    const old = await markJob(gocache, 'runner-c', T - LIFETIME_MS - 10 * MIN)
    await endMark(gocache, old!, T - LIFETIME_MS - 5 * MIN)
    writeFileSync(join(gocache, JOBS_DIR, 'README'), 'not a mark')
    expect(await othersSince(gocache, mine!, T)).toBe(0)
    expect(marks()).toEqual([mine, 'README'].sort())
    expect(existsSync(join(gocache, JOBS_DIR, dead!))).toBe(false)
  })

  it('a GOCACHE that takes no mark gives none, and nothing fails', async () => {
    writeFileSync(gocache, 'a file where GOCACHE should be')
    expect(await markJob(gocache, 'runner-a', T)).toBeUndefined()
    expect(await othersSince(gocache, `${T}-000000000000-00000000`, T)).toBe(0)
  })
})
