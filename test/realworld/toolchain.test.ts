/**
 * A toolchain switch (GOTOOLCHAIN=go1.27.3, Go 1.21+) through the standalone proxy in front of the
 * real module proxy: the go command downloads golang.org/toolchain (about 76 MB) through the proxy
 * and verifies it against the checksum database through the proxy's /sumdb/. Go 1.19 never
 * switches, so this file's tests are skipped there. When the module proxy does not answer a short
 * probe, one loud line and one failing test say so.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ProxyConfig } from '../../src/proxy/config.js'
import { startProxy } from '../../src/proxy/index.js'
import { GO_BIN, goDirs, runGo, tempDir, type GoResult } from '../support/helpers/gocmd.js'
import { testProxyConfig } from '../support/helpers/proxyconfig.js'
import { loudOffline, probeUpstream, readJournal, realUpstream, startRelay, SUMDB_NAME } from './realworld.js'

/** The toolchain this machine's module proxy serves (issue 23), and its module for this OS/arch. */
const TOOLCHAIN = 'go1.27.3'
const ARCH = process.arch === 'x64' ? 'amd64' : process.arch
const MODULE = 'golang.org/toolchain'
const VERSION = `v0.0.1-${TOOLCHAIN}.${process.platform}-${ARCH}`
const LONG = { timeout: 900_000 }

const minor = Number(/go1\.(\d+)/.exec(execFileSync(GO_BIN, ['version'], { encoding: 'utf8' }))?.[1] ?? 0)
const switches = minor >= 21
const real = realUpstream()
const probe = switches ? await probeUpstream(real) : { ok: true, sumdb: true, why: '' }
if (!probe.ok) console.error(loudOffline(real, probe))

describe.runIf(!probe.ok)('the real module proxy', () => {
  it('answers a short probe', () => {
    throw new Error(loudOffline(real, probe))
  })
})

describe.runIf(probe.ok && switches && probe.sumdb)('a toolchain switch through the proxy', async () => {
  const relay = await startRelay(real)
  const store = tempDir('gmc-toolchain-store-')
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    relay.down = false
    while (cleanups.length > 0) await cleanups.pop()?.()
  })
  afterAll(async () => {
    await relay.stop()
    store.remove()
  })

  async function proxy(over: Partial<ProxyConfig> = {}) {
    const journal = join(tempDir('gmc-toolchain-journal-').path, 'journal.jsonl')
    const sumdb = { name: SUMDB_NAME, url: `${relay.url}/sumdb/${SUMDB_NAME}` }
    const running = await startProxy(
      testProxyConfig({ store: store.path, upstream: relay.url, sumdb, journal, ...over }),
      { retries: 1, retryBaseMs: 10, retryMaxDelayMs: 50, headersTimeoutMs: 30_000, bodyTimeoutMs: 120_000 },
    )
    cleanups.push(() => running.close())
    return { ...running, journal }
  }

  /** `go version` with GOTOOLCHAIN=go1.27.3 and GOSUMDB on, in a fresh module cache. */
  async function goVersion(goproxy: string): Promise<GoResult> {
    const cwd = tempDir('gmc-toolchain-cwd-')
    const dirs = goDirs()
    cleanups.push(cwd.remove, dirs.remove)
    return runGo(['version'], {
      cwd: cwd.path,
      goproxy,
      dirs,
      gosumdb: SUMDB_NAME,
      env: { GOTOOLCHAIN: TOOLCHAIN },
      timeoutMs: 600_000,
    })
  }

  const zipInStore = () => existsSync(join(store.path, MODULE, '@v', `${VERSION}.zip`))

  it(
    'downloads golang.org/toolchain through the proxy and verifies it against the database',
    LONG,
    async () => {
      const p = await proxy()
      const from = relay.requests.length
      const r = await goVersion(p.goproxy)
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(`go version ${TOOLCHAIN} `)
      await p.close()
      expect(zipInStore()).toBe(true)
      const seen = relay.requests.slice(from)
      expect(seen).toContain(`/${MODULE}/@v/${VERSION}.zip`)
      expect(seen).toContain(`/sumdb/${SUMDB_NAME}/lookup/${MODULE}@${VERSION}`)
      expect(readJournal(p.journal).filter((e) => e.event === 'refuse')).toEqual([])
    },
  )

  it(
    'switches again from the store, the upstream unreachable, through an offline proxy: zero requests',
    LONG,
    async () => {
      expect(zipInStore(), 'needs the first switch').toBe(true)
      relay.down = true
      const p = await proxy({ offline: true })
      const from = relay.requests.length
      const r = await goVersion(p.goproxy)
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(`go version ${TOOLCHAIN} `)
      expect(relay.requests.slice(from)).toEqual([])
    },
  )

  // With the upstream unreachable, /sumdb/<name>/supported still answers 200 from the stored signed
  // head, so the go command verifies the toolchain from the stored lookup and tiles.
  it(
    'switches again from the store, the upstream unreachable, through a proxy that is not offline',
    LONG,
    async () => {
      expect(zipInStore(), 'needs the first switch').toBe(true)
      relay.down = true
      const p = await proxy()
      const r = await goVersion(p.goproxy)
      expect(r.code, r.stderr).toBe(0)
    },
  )
})
