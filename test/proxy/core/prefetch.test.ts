import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createModuleFiles, type Ensured, type ModuleFiles } from '../../../src/proxy/core/files.js'
import { nullJournal } from '../../../src/proxy/core/journal.js'
import { Store } from '../../../src/proxy/store/store.js'
import { createUpstream, type Upstream } from '../../../src/proxy/upstream/upstream.js'
import { tempDir, type TempDir } from '../../support/helpers/tempdir.js'
import { MODULES, syntheticModules } from '../../support/helpers/modules.js'
import { startUpstream, type Upstream as FixtureUpstream } from '../../support/helpers/upstream.js'
import { GoSums } from '../../../src/proxy/module/gosum.js'
import { silentLogger, type Logger } from '../../../src/proxy/log.js'
import { prefetch, verifyAtStart } from '../../../src/proxy/core/prefetch.js'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createCore } from '../../../src/proxy/core/core.js'
import { hashMod } from '../../../src/proxy/zip/dirhash.js'
import { testProxyConfig } from '../../support/helpers/proxyconfig.js'
import { join } from 'node:path'

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
function fakeFiles(answer: (call: Call) => Ensured | Error): ModuleFiles & {
  calls: Call[]
  maxInFlight: number
  maxInFlightOf(group: 'zip' | 'small'): number
} {
  let inFlight = 0
  const groupNow = { zip: 0, small: 0 }
  const groupMax = { zip: 0, small: 0 }
  const fake = {
    calls: [] as Call[],
    maxInFlight: 0,
    maxInFlightOf: (group: 'zip' | 'small') => groupMax[group],
    async ensure(module: string, version: string, kind: string, reason: string): Promise<Ensured> {
      expect(reason).toBe('prefetch')
      const call = `${module}@${version}.${kind}`
      const group = kind === 'zip' ? 'zip' : 'small'
      fake.calls.push(call)
      inFlight++
      groupNow[group]++
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight)
      groupMax[group] = Math.max(groupMax[group], groupNow[group])
      // Let the other workers run before answering, so the in-flight bound is exercised.
      await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      groupNow[group]--
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
  it('asks .info and .mod of full lines, then /go.mod-only .mod, in go.sum order; beside them the .zip files', async () => {
    const files = fakeFiles(() => found('upstream'))
    const result = await prefetch(SUMS, files, 1, silentLogger)
    expect(files.calls.filter((c) => !c.endsWith('.zip'))).toEqual([
      'example.com/a@v1.0.0.info',
      'example.com/a@v1.0.0.mod',
      'example.com/c@v0.1.0.info',
      'example.com/c@v0.1.0.mod',
      'example.com/b@v1.2.0.mod',
    ])
    expect(files.calls.filter((c) => c.endsWith('.zip'))).toEqual([
      'example.com/a@v1.0.0.zip',
      'example.com/c@v0.1.0.zip',
    ])
    // Side by side: the first zip is asked for before the last small file, not after all of them.
    expect(files.calls.indexOf('example.com/a@v1.0.0.zip')).toBeLessThan(
      files.calls.indexOf('example.com/b@v1.2.0.mod'),
    )
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

  it('keeps at most `concurrency` zips and twice that many .info/.mod fetches in flight', async () => {
    const many = GoSums.parse(
      Array.from(
        { length: 10 },
        (_, i) => `example.com/m${i} v1.0.0 ${h('a')}\nexample.com/m${i} v1.0.0/go.mod ${h('b')}`,
      ).join('\n'),
    )
    const files = fakeFiles(() => found('upstream'))
    await prefetch(many, files, 2, silentLogger)
    expect(files.maxInFlightOf('zip')).toBe(2)
    expect(files.maxInFlightOf('small')).toBe(4)
    expect(files.calls).toHaveLength(30)
    const wide = fakeFiles(() => found('upstream'))
    await prefetch(SUMS, wide, 100, silentLogger)
    expect(wide.maxInFlight).toBe(7)
  })

  it('never asks for modules matching the GONOPROXY globs, and says how many files it left', async () => {
    const infos: string[] = []
    const log: Logger = { ...silentLogger, info: (m) => infos.push(m) }
    const files = fakeFiles(() => found('upstream'))
    const result = await prefetch(SUMS, files, 2, log, 'example.com/a,*.org')
    expect([...files.calls].sort()).toEqual([
      'example.com/b@v1.2.0.mod',
      'example.com/c@v0.1.0.info',
      'example.com/c@v0.1.0.mod',
      'example.com/c@v0.1.0.zip',
    ])
    expect(result).toEqual({ fetched: 4, failed: 0, skipped: 0 })
    expect(infos.join('\n')).toContain('3 files of GONOPROXY modules left to the go command')
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

describe('prefetch with the real ModuleFiles and a fixture upstream', () => {
  let up: FixtureUpstream
  let sums: GoSums
  const dirs: TempDir[] = []
  const upstreams: Upstream[] = []

  beforeAll(async () => {
    const tree = await syntheticModules()
    sums = GoSums.parse(tree.goSum)
    up = await startUpstream({ root: tree.root })
  })
  afterAll(async () => {
    await Promise.all(upstreams.map((u) => u.close()))
    await up?.stop()
    for (const d of dirs) d.remove()
  })

  /** ModuleFiles over a fresh (or given) store; `wrap` may stand between it and the upstream. */
  function files(
    store?: string,
    wrap: (u: Upstream) => Upstream = (u) => u,
  ): { files: ModuleFiles; store: string } {
    const dir = store ?? (dirs[dirs.push(tempDir('gmc-prefetch-')) - 1] as TempDir).path
    const upstream = createUpstream({ list: up.url, log: silentLogger, retries: 0 })
    upstreams.push(upstream)
    const mf = createModuleFiles({
      store: new Store(dir),
      upstream: wrap(upstream),
      sums,
      journal: nullJournal,
      log: silentLogger,
      offline: false,
      mutableTtlMs: 60_000,
    })
    return { files: mf, store: dir }
  }

  const zipPath = `${MODULES.dep.module}/@v/${MODULES.dep.version}.zip`
  const zipRequests = (): number => up.requests.filter((r) => r.path === `/${zipPath}`).length

  it('fetches every file once, then finds them all in the store', async () => {
    const files0 = up.requests.length
    const first = files()
    const want = sums.versions().length + 2 * sums.versions().filter((v) => v.zip).length
    expect(await prefetch(sums, first.files, 4, silentLogger)).toEqual({
      fetched: want,
      failed: 0,
      skipped: 0,
    })
    expect(up.requests.length - files0).toBe(want)
    const again = files(first.store)
    expect(await prefetch(sums, again.files, 4, silentLogger)).toEqual({
      fetched: 0,
      failed: 0,
      skipped: want,
    })
    expect(up.requests.length - files0).toBe(want)
  })

  it('counts upstream misses and failures as failed', async () => {
    up.setFault(`/${zipPath}`, { kind: 'status', status: 404 })
    up.setFault(`/${MODULES.app.module}/@v/${MODULES.app.version}.mod`, { kind: 'status', status: 500 })
    try {
      const result = await prefetch(sums, files().files, 4, silentLogger)
      expect(result.failed).toBe(2)
      expect(result.skipped).toBe(0)
    } finally {
      up.clearFaults()
    }
  })

  it('a request for a file being prefetched joins that fetch: one upstream request', async () => {
    // Hold the prefetch's zip fetch open until the request has arrived, so the join is certain.
    let arrived!: () => void
    const atGate = new Promise<void>((resolve) => (arrived = resolve))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const gated = (u: Upstream): Upstream => ({
      async get(path, consume, opts) {
        if (path === zipPath) {
          arrived()
          await gate
        }
        return u.get(path, consume, opts)
      },
      close: () => u.close(),
    })
    const { files: mf } = files(undefined, gated)
    const before = zipRequests()
    const prefetching = prefetch(sums, mf, 2, silentLogger)
    await atGate
    const asked = mf.ensure(MODULES.dep.module, MODULES.dep.version, 'zip', 'request')
    release()
    const [got, result] = await Promise.all([asked, prefetching])
    expect(got).toMatchObject({ kind: 'found', source: 'upstream' })
    expect(result.failed).toBe(0)
    expect(zipRequests() - before).toBe(1)
  })

  it('verifyAtStart checks every stored full-line zip, refetches a poisoned one, and fetches nothing else', async () => {
    const first = files()
    await prefetch(sums, first.files, 4, silentLogger)
    const good = readFileSync(join(first.store, zipPath))
    writeFileSync(join(first.store, zipPath), Buffer.from('not a zip'))
    const zipsInSums = sums.versions().filter((v) => v.zip).length
    const before = up.requests.length
    const again = files(first.store)
    expect(await verifyAtStart(sums, again.files, 2, silentLogger)).toBe(zipsInSums)
    // Only the poisoned zip went upstream, and the store holds the good bytes again.
    expect(up.requests.slice(before).map((r) => r.path)).toEqual([`/${zipPath}`])
    expect(readFileSync(join(first.store, zipPath)).equals(good)).toBe(true)
    // An empty store: nothing to verify, nothing fetched.
    const empty = files()
    expect(await verifyAtStart(sums, empty.files, 2, silentLogger)).toBe(0)
    expect(up.requests.length - before).toBe(1)
  })
})

describe('prefetch of many modules', () => {
  it('leaks no AbortSignal listeners: no MaxListenersExceededWarning for 24 modules', async () => {
    const dir = tempDir('gmc-many-')
    const root = join(dir.path, 'upstream')
    const lines: string[] = []
    for (let i = 0; i < 24; i++) {
      const module = `example.com/many${i}`
      const mod = Buffer.from(`module ${module}\n`)
      mkdirSync(join(root, module, '@v'), { recursive: true })
      writeFileSync(join(root, module, '@v', 'v1.0.0.mod'), mod)
      lines.push(`${module} v1.0.0/go.mod ${hashMod(mod)}`)
    }
    writeFileSync(join(dir.path, 'go.sum'), lines.join('\n') + '\n')
    // Answers a little late, so every prefetch worker has a request in flight at once.
    const many = await startUpstream({ root, latencyMs: 50 })
    const warnings: Error[] = []
    const onWarning = (w: Error): void => void warnings.push(w)
    process.on('warning', onWarning)
    const core = await createCore(
      testProxyConfig({
        store: join(dir.path, 'store'),
        upstream: many.url,
        goSum: [join(dir.path, 'go.sum')],
      }),
    )
    try {
      const result = await prefetch(core.sums, core.files, 8, silentLogger)
      expect(result).toEqual({ fetched: 24, failed: 0, skipped: 0 })
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([])
    } finally {
      process.off('warning', onWarning)
      await core.close()
      await many.stop()
      dir.remove()
    }
  })
})
