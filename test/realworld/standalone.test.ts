/**
 * The standalone proxy (startProxy, as `serve` runs it) in front of the real module proxy, with the
 * committed 30+ module project: cold download and build, `go mod download -json` as a second
 * oracle for our h1 hashes, the checksum database through /sumdb/, warm runs with the upstream
 * unreachable (counted by a relay: zero requests), and tampered store files. When the module proxy
 * does not answer a short probe, one loud line and one failing test say so; nothing else runs.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ProxyConfig } from '../../src/proxy/config.js'
import { startProxy } from '../../src/proxy/index.js'
import { escapePath, escapeVersion } from '../../src/proxy/module/modpath.js'
import { hashMod, hashZip } from '../../src/proxy/zip/dirhash.js'
import { goDirs, runGo, tempDir, type GoDirs, type GoResult } from '../support/helpers/gocmd.js'
import { testProxyConfig } from '../support/helpers/proxyconfig.js'
import {
  committedSums,
  filesUnder,
  loudOffline,
  parseDownloadJson,
  PROJECT,
  probeUpstream,
  projectCopy,
  readJournal,
  realUpstream,
  startRelay,
  SUMDB_NAME,
  type Downloaded,
} from './realworld.js'

const GO_TIMEOUT = 900_000
const LONG = { timeout: 1_200_000 }
const real = realUpstream()
const probe = await probeUpstream(real)
if (!probe.ok) console.error(loudOffline(real, probe))
else if (!probe.sumdb) {
  console.error(
    `real-upstream: ${real} does not proxy the checksum database (/sumdb/${SUMDB_NAME}/supported: ${probe.why}); ` +
      'GOSUMDB stays off here and the emulated database (test/integration/sumdb.test.ts) keeps covering it',
  )
}

describe.runIf(!probe.ok)('the real module proxy', () => {
  it('answers a short probe', () => {
    throw new Error(loudOffline(real, probe))
  })
})

describe.runIf(probe.ok)('the standalone proxy in front of the real module proxy', async () => {
  const relay = await startRelay(real)
  const cleanups: Array<() => unknown> = []
  const store = tempDir('gmc-realworld-store-')
  let cold: Downloaded[] = []
  afterEach(async () => {
    relay.down = false
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  afterAll(async () => {
    await relay.stop()
    store.remove()
  })

  const sumdb = probe.sumdb ? { name: SUMDB_NAME, url: `${relay.url}/sumdb/${SUMDB_NAME}` } : null
  const gosumdb = probe.sumdb ? SUMDB_NAME : 'off'

  /** A proxy on `storeDir` whose upstream is the relay; its journal file is returned beside it. */
  async function proxy(storeDir: string, over: Partial<ProxyConfig> = {}) {
    const journal = join(tempDir('gmc-realworld-journal-').path, 'journal.jsonl')
    const running = await startProxy(
      testProxyConfig({ store: storeDir, upstream: relay.url, sumdb, journal, ...over }),
      { retries: 1, retryBaseMs: 10, retryMaxDelayMs: 50, headersTimeoutMs: 30_000, bodyTimeoutMs: 60_000 },
    )
    cleanups.push(() => running.close())
    return { ...running, journal }
  }

  /** A project copy (go.sum emptied when asked), removed after the test. */
  function project(emptySum = false): string {
    const dir = projectCopy(emptySum)
    cleanups.push(dir.remove)
    return dir.path
  }

  // Every run has its own GOMODCACHE: -trimpath keeps the source paths out of the build cache's
  // keys, so the shared build cache is hit after the first build instead of compiling it all again.
  async function go(args: string[], cwd: string, goproxy: string, dirs: GoDirs): Promise<GoResult> {
    return runGo(args, { cwd, goproxy, dirs, gosumdb, timeoutMs: GO_TIMEOUT })
  }

  /** Fresh HOME/GOPATH/GOMODCACHE for one test (the shared build cache stays). */
  function fresh(): GoDirs {
    const dirs = goDirs()
    cleanups.push(dirs.remove)
    return dirs
  }

  const ok = (r: GoResult): string =>
    `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr.slice(-4000)}`
  const storeFile = (root: string, m: string, v: string, ext: string) =>
    join(root, escapePath(m), '@v', `${escapeVersion(v)}.${ext}`)

  it('cold: go mod download and go build of 30+ real modules through the proxy', LONG, async () => {
    const p = await proxy(store.path, { goSum: [join(project(), 'go.sum')] })
    const dir = project()
    const dirs = fresh()
    const from = relay.requests.length
    const download = await go(['mod', 'download', '-json'], dir, p.goproxy, dirs)
    expect(download.code, ok(download)).toBe(0)
    cold = parseDownloadJson(download.stdout)
    expect(cold.filter((d) => d.Error)).toEqual([])
    expect(cold.length).toBeGreaterThanOrEqual(30)
    // The oracle's other side: the go command's own copies hash to the Sum it reports.
    for (const d of cold) expect(await hashZip(d.Zip ?? ''), `${d.Path}@${d.Version}`).toBe(d.Sum)
    const build = await go(['build', '-trimpath', './...'], dir, p.goproxy, dirs)
    expect(build.code, ok(build)).toBe(0)
    // The go command accepted every module as go.sum names it: nothing added, nothing changed.
    expect(readFileSync(join(dir, 'go.sum'), 'utf8')).toBe(readFileSync(join(PROJECT, 'go.sum'), 'utf8'))
    await p.close()
    const fetched = readJournal(p.journal).filter((e) => e.event === 'fetch' && e.file === 'zip')
    expect(fetched.length).toBe(cold.length)
    expect(relay.requests.length - from).toBeGreaterThan(cold.length)
  })

  it("go mod download -json's Sum and GoModSum equal our h1 hashes for every module fetched", async () => {
    expect(cold.length, 'needs the cold run').toBeGreaterThan(0)
    for (const d of cold) {
      expect(await hashZip(storeFile(store.path, d.Path, d.Version, 'zip')), `${d.Path}@${d.Version}`).toBe(
        d.Sum,
      )
      expect(hashMod(readFileSync(storeFile(store.path, d.Path, d.Version, 'mod'))), d.Path).toBe(d.GoModSum)
    }
    // Every go.mod the proxy fetched (the whole module graph), against the go.sum the go command made.
    const sums = committedSums()
    const mods = filesUnder(store.path).filter((f) => f.endsWith('.mod') && !f.startsWith('.'))
    let compared = 0
    for (const rel of mods) {
      const m = /^(.+)\/@v\/(.+)\.mod$/.exec(rel)
      const want = m ? sums.get(`${unescape(m[1] ?? '')} ${unescape(m[2] ?? '')}/go.mod`) : undefined
      if (want === undefined) continue
      compared++
      expect(hashMod(readFileSync(join(store.path, rel))), rel).toBe(want)
    }
    expect(compared).toBeGreaterThan(cold.length)
  })

  it.runIf(probe.sumdb)(
    'checksum database: with an empty go.sum every module is verified through /sumdb/ of the proxy',
    LONG,
    async () => {
      const p = await proxy(store.path)
      const from = relay.requests.length
      const download = await go(['mod', 'download', '-json'], project(true), p.goproxy, fresh())
      expect(download.code, ok(download)).toBe(0)
      const sums = committedSums()
      for (const d of parseDownloadJson(download.stdout)) {
        expect(d.Sum, d.Path).toBe(sums.get(`${d.Path} ${d.Version}`))
      }
      const lookups = relay.requests.slice(from).filter((r) => r.startsWith(`/sumdb/${SUMDB_NAME}/lookup/`))
      expect(lookups.length).toBeGreaterThanOrEqual(cold.length)
      expect(filesUnder(join(store.path, 'sumdb', SUMDB_NAME)).some((f) => f.startsWith('tile/'))).toBe(true)
    },
  )

  it(
    'warm: the upstream unreachable, download and build from the store with zero upstream requests',
    LONG,
    async () => {
      expect(cold.length, 'needs the cold run').toBeGreaterThan(0)
      relay.down = true
      const p = await proxy(store.path, { goSum: [join(project(), 'go.sum')] })
      const dir = project()
      const dirs = fresh()
      const from = relay.requests.length
      const download = await go(['mod', 'download', '-json'], dir, p.goproxy, dirs)
      expect(download.code, ok(download)).toBe(0)
      expect(parseDownloadJson(download.stdout).map((d) => d.Sum)).toEqual(cold.map((d) => d.Sum))
      const build = await go(['build', '-trimpath', './...'], dir, p.goproxy, dirs)
      expect(build.code, ok(build)).toBe(0)
      await p.close()
      expect(relay.requests.slice(from)).toEqual([])
      const journal = readJournal(p.journal)
      expect(journal.filter((e) => e.event !== 'serve' || e.source !== 'store')).toEqual([])
      expect(journal.filter((e) => e.file === 'zip').length).toBe(cold.length)
    },
  )

  it.runIf(probe.sumdb)(
    'warm: the database unreachable, an offline proxy verifies an empty go.sum from stored database answers',
    LONG,
    async () => {
      relay.down = true
      const p = await proxy(store.path, { offline: true })
      const from = relay.requests.length
      const download = await go(['mod', 'download', '-json'], project(true), p.goproxy, fresh())
      expect(download.code, ok(download)).toBe(0)
      const sums = committedSums()
      for (const d of parseDownloadJson(download.stdout))
        expect(d.Sum, d.Path).toBe(sums.get(`${d.Path} ${d.Version}`))
      expect(relay.requests.slice(from)).toEqual([])
    },
  )

  describe('a tampered copy of a real zip and of a real .mod in the store', () => {
    const ZIP = { module: 'github.com/pkg/errors', version: 'v0.9.1', file: 'errors.go' }
    const MOD = { module: 'github.com/google/uuid', version: 'v1.3.0' }

    /** A copy of the cold store with one zip's file changed (a valid zip) and one go.mod changed. */
    function tamperedStore(): { root: string; zip: Buffer; mod: Buffer } {
      const t = tempDir('gmc-realworld-tampered-')
      cleanups.push(t.remove)
      cpSync(store.path, t.path, { recursive: true })
      const zipPath = storeFile(t.path, ZIP.module, ZIP.version, 'zip')
      const work = tempDir('gmc-realworld-unzip-')
      cleanups.push(work.remove)
      execFileSync('unzip', ['-q', zipPath, '-d', work.path])
      const inside = `${ZIP.module}@${ZIP.version}`
      writeFileSync(join(work.path, inside, ZIP.file), '\n// tampered\n', { flag: 'a' })
      execFileSync('rm', ['-f', zipPath])
      execFileSync('zip', ['-qr', '-X', zipPath, inside], { cwd: work.path })
      const modPath = storeFile(t.path, MOD.module, MOD.version, 'mod')
      writeFileSync(modPath, '\n// tampered\n', { flag: 'a' })
      return { root: t.path, zip: readFileSync(zipPath), mod: readFileSync(modPath) }
    }

    it('upstream unreachable: both refused, never served; the go command fails', LONG, async () => {
      expect(cold.length, 'needs the cold run').toBeGreaterThan(0)
      const t = tamperedStore()
      relay.down = true
      const p = await proxy(t.root, { goSum: [join(project(), 'go.sum')] })
      const dirs = fresh()
      const download = await go(['mod', 'download', '-json'], project(), p.goproxy, dirs)
      expect(download.code).not.toBe(0)
      // The go command stops at its first failure: ask for both files over HTTP as well.
      for (const [m, v, ext] of [
        [ZIP.module, ZIP.version, 'zip'],
        [MOD.module, MOD.version, 'mod'],
      ] as const) {
        const res = await fetch(`${p.url}/${escapePath(m)}/@v/${escapeVersion(v)}.${ext}`)
        const body = Buffer.from(await res.arrayBuffer())
        expect(res.status, `${m}.${ext}`).not.toBe(200)
        expect(body.equals(ext === 'zip' ? t.zip : t.mod)).toBe(false)
      }
      await p.close()
      const journal = readJournal(p.journal)
      const at = (e: { module: string; version: string; file: string }) =>
        `${e.module}@${e.version}.${e.file}`
      const refused = journal.filter((e) => e.event === 'refuse').map(at)
      expect(refused).toContain(`${ZIP.module}@${ZIP.version}.zip`)
      expect(refused).toContain(`${MOD.module}@${MOD.version}.mod`)
      const served = journal.filter((e) => e.event === 'serve' && e.file !== 'info').map(at)
      expect(served).not.toContain(`${ZIP.module}@${ZIP.version}.zip`)
      expect(served).not.toContain(`${MOD.module}@${MOD.version}.mod`)
      // Moved aside: no longer where the go command or a cache entry would read them.
      expect(existsSync(storeFile(t.root, ZIP.module, ZIP.version, 'zip'))).toBe(false)
      expect(existsSync(storeFile(t.root, MOD.module, MOD.version, 'mod'))).toBe(false)
      const own = join(dirs.gomodcache, 'cache', 'download')
      expect(existsSync(storeFile(own, ZIP.module, ZIP.version, 'zip'))).toBe(false)
      expect(existsSync(storeFile(own, MOD.module, MOD.version, 'mod'))).toBe(false)
    })

    it(
      'upstream reachable: both refused and fetched again; the go command gets the real bytes',
      LONG,
      async () => {
        expect(cold.length, 'needs the cold run').toBeGreaterThan(0)
        const t = tamperedStore()
        const p = await proxy(t.root, { goSum: [join(project(), 'go.sum')] })
        const dirs = fresh()
        const download = await go(['mod', 'download', '-json'], project(), p.goproxy, dirs)
        expect(download.code, ok(download)).toBe(0)
        await p.close()
        const journal = readJournal(p.journal)
        const at = (e: { module: string; version: string; file: string }) =>
          `${e.module}@${e.version}.${e.file}`
        const wanted = [`${MOD.module}@${MOD.version}.mod`, `${ZIP.module}@${ZIP.version}.zip`]
        expect(
          journal
            .filter((e) => e.event === 'refuse')
            .map(at)
            .sort(),
        ).toEqual(wanted)
        expect(
          journal
            .filter((e) => e.event === 'fetch')
            .map(at)
            .sort(),
        ).toEqual(wanted)
        for (const [m, v, ext] of [
          [ZIP.module, ZIP.version, 'zip'],
          [MOD.module, MOD.version, 'mod'],
        ] as const) {
          const genuine = readFileSync(storeFile(store.path, m, v, ext))
          expect(readFileSync(storeFile(t.root, m, v, ext)).equals(genuine), `${m} store`).toBe(true)
          const got = readFileSync(storeFile(join(dirs.gomodcache, 'cache', 'download'), m, v, ext))
          expect(got.equals(genuine), `${m} go command`).toBe(true)
        }
        expect(t.zip.equals(readFileSync(storeFile(store.path, ZIP.module, ZIP.version, 'zip')))).toBe(false)
      },
    )
  })
})

/** Undoes the module path/version case escaping (`!x` -> `X`). */
function unescape(s: string): string {
  return s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase())
}
