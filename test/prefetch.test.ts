import { describe, expect, it } from 'vitest'
import type { Ensured, ModuleFiles } from '../src/proxy/files.js'
import { GoSums } from '../src/proxy/gosum.js'
import { silentLogger, type Logger } from '../src/proxy/log.js'
import { prefetch } from '../src/proxy/prefetch.js'

const h = (c: string): string => `h1:${c.repeat(43)}=`

const SUMS = GoSums.parse(
  [
    `example.com/a v1.0.0 ${h('a')}`,
    `example.com/a v1.0.0/go.mod ${h('b')}`,
    `example.com/b v1.2.0/go.mod ${h('c')}`,
    `example.com/c v0.1.0 ${h('d')}`,
    `example.com/c v0.1.0/go.mod ${h('e')}`,
  ].join('\n'),
)

type Call = string

/** A ModuleFiles at the edge: answers from a table, records calls and the most in flight. */
function fakeFiles(
  answer: (call: Call) => Ensured | Error,
): ModuleFiles & { calls: Call[]; maxInFlight: number } {
  let inFlight = 0
  const fake = {
    calls: [] as Call[],
    maxInFlight: 0,
    async ensure(module: string, version: string, kind: string, reason: string): Promise<Ensured> {
      expect(reason).toBe('prefetch')
      const call = `${module}@${version}.${kind}`
      fake.calls.push(call)
      inFlight++
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight)
      // Let the other workers run before answering, so the in-flight bound is exercised.
      await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      const a = answer(call)
      if (a instanceof Error) throw a
      return a
    },
    list: () => Promise.reject(new Error('unused')),
    latest: () => Promise.reject(new Error('unused')),
    query: () => Promise.reject(new Error('unused')),
  }
  return fake
}

const found = (source: 'store' | 'upstream'): Ensured => ({ kind: 'found', path: '/x', size: 1, source })

describe('prefetch', () => {
  it('asks .mod for every version first, then .info and .zip for full lines, in go.sum order', async () => {
    const files = fakeFiles(() => found('upstream'))
    const result = await prefetch(SUMS, files, 1, silentLogger)
    expect(files.calls).toEqual([
      'example.com/a@v1.0.0.mod',
      'example.com/b@v1.2.0.mod',
      'example.com/c@v0.1.0.mod',
      'example.com/a@v1.0.0.info',
      'example.com/a@v1.0.0.zip',
      'example.com/c@v0.1.0.info',
      'example.com/c@v0.1.0.zip',
    ])
    expect(result).toEqual({ fetched: 7, failed: 0, skipped: 0 })
  })

  it('counts stored files as skipped and failures as failed, and never throws', async () => {
    const warnings: string[] = []
    const log: Logger = { ...silentLogger, warn: (m) => warnings.push(m) }
    const files = fakeFiles((call) => {
      if (call.endsWith('.mod')) return found('store')
      if (call === 'example.com/a@v1.0.0.zip') return { kind: 'error', status: 502, message: 'upstream 500' }
      if (call === 'example.com/c@v0.1.0.zip') return new Error('disk full')
      if (call === 'example.com/c@v0.1.0.info') return { kind: 'notfound', status: 404, message: 'gone' }
      return found('upstream')
    })
    expect(await prefetch(SUMS, files, 3, log)).toEqual({ fetched: 1, failed: 3, skipped: 3 })
    expect(warnings.some((w) => w.includes('example.com/a@v1.0.0 .zip') && w.includes('upstream 500'))).toBe(
      true,
    )
    expect(warnings.some((w) => w.includes('disk full'))).toBe(true)
  })

  it('keeps at most `concurrency` fetches in flight', async () => {
    const files = fakeFiles(() => found('upstream'))
    await prefetch(SUMS, files, 2, silentLogger)
    expect(files.maxInFlight).toBe(2)
    const wide = fakeFiles(() => found('upstream'))
    await prefetch(SUMS, wide, 100, silentLogger)
    expect(wide.maxInFlight).toBe(7)
  })

  it('does nothing for an empty go.sum', async () => {
    const files = fakeFiles(() => found('upstream'))
    expect(await prefetch(new GoSums(), files, 4, silentLogger)).toEqual({
      fetched: 0,
      failed: 0,
      skipped: 0,
    })
    expect(files.calls).toEqual([])
  })
})
