import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileJournal } from '../../../src/proxy/core/journal.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'journal-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const lines = async (file: string): Promise<unknown[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown)

describe('fileJournal', () => {
  it('appends one JSON object a line, in order, with a time, on close', async () => {
    const file = path.join(dir, 'sub', 'journal.jsonl')
    const when = new Date('2026-01-02T03:04:05.000Z')
    const journal = fileJournal(file, { flushMs: 60_000, now: () => when.getTime() })
    journal.record({
      event: 'fetch',
      module: 'm',
      version: 'v1.0.0',
      file: 'zip',
      reason: 'prefetch',
      bytes: 3,
      ms: 4,
    })
    journal.record({
      event: 'serve',
      module: 'm',
      version: 'v1.0.0',
      file: 'zip',
      source: 'upstream',
      bytes: 3,
      ms: 5,
    })
    journal.record({ event: 'refuse', module: 'm', version: 'v1.0.1', file: 'mod', reason: 'h1 mismatch' })
    await journal.close()
    expect(await lines(file)).toEqual([
      {
        event: 'fetch',
        module: 'm',
        version: 'v1.0.0',
        file: 'zip',
        reason: 'prefetch',
        bytes: 3,
        ms: 4,
        time: when.toISOString(),
      },
      {
        event: 'serve',
        module: 'm',
        version: 'v1.0.0',
        file: 'zip',
        source: 'upstream',
        bytes: 3,
        ms: 5,
        time: when.toISOString(),
      },
      {
        event: 'refuse',
        module: 'm',
        version: 'v1.0.1',
        file: 'mod',
        reason: 'h1 mismatch',
        time: when.toISOString(),
      },
    ])
  })

  it('appends across flushes and ignores records after close', async () => {
    const file = path.join(dir, 'journal.jsonl')
    const journal = fileJournal(file, { flushMs: 60_000 })
    journal.record({ event: 'refuse', module: 'a', version: 'v1.0.0', file: 'zip', reason: 'x' })
    await journal.flush()
    expect(await lines(file)).toHaveLength(1)
    journal.record({ event: 'refuse', module: 'b', version: 'v1.0.0', file: 'zip', reason: 'y' })
    await journal.close()
    await journal.close() // idempotent
    journal.record({ event: 'refuse', module: 'c', version: 'v1.0.0', file: 'zip', reason: 'z' })
    await journal.flush()
    expect((await lines(file)).map((l) => (l as { module: string }).module)).toEqual(['a', 'b'])
  })

  it('reports a failed append instead of throwing', async () => {
    const errors: unknown[] = []
    // A directory where the file should be: every append fails.
    const journal = fileJournal(dir, { flushMs: 60_000, onError: (err) => errors.push(err) })
    journal.record({ event: 'refuse', module: 'a', version: 'v1.0.0', file: 'zip', reason: 'x' })
    await journal.close()
    expect(errors).toHaveLength(1)
  })
})
