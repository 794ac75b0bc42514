/**
 * The proxy under the real go command: startProxy in front of the fixture upstream, consumers
 * built by writeConsumer, go 1.19 run with a sealed environment. Every go run is bounded.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ProxyConfig } from '../../src/proxy/config.js'
import { startProxy, type RunningProxy, type UpstreamTuning } from '../../src/proxy/index.js'
import { runGo, tempDir, type GoResult } from '../support/helpers/gocmd.js'
import type { Tree } from '../support/helpers/gotools.js'
import {
  MODULES,
  MULTI_VERSIONS,
  syntheticModules,
  tamperedModules,
  writeConsumer,
  type Requirement,
} from '../support/helpers/modules.js'
import { testProxyConfig } from '../support/helpers/proxyconfig.js'
import { startUpstream, type Upstream } from '../support/helpers/upstream.js'

const GO_TIMEOUT = 60_000
let tree: Tree
let up: Upstream
const cleanups: Array<() => unknown> = []

beforeAll(async () => {
  tree = await syntheticModules()
  up = await startUpstream({ root: tree.root, hangMs: 20_000 })
})
afterEach(async () => {
  up.clearFaults()
  while (cleanups.length > 0) await cleanups.pop()?.()
})
afterAll(async () => {
  await up.stop()
})

/** A proxy on a fresh (or given) store in front of `upstream`; closed after the test. */
async function proxy(
  over: Partial<ProxyConfig> = {},
  tuning: UpstreamTuning = {},
): Promise<RunningProxy & { store: string }> {
  let store = over.store
  if (store === undefined) {
    const dir = tempDir('gmc-store-')
    cleanups.push(dir.remove)
    store = dir.path
  }
  const running = await startProxy(testProxyConfig({ store, upstream: up.url, ...over }), {
    retries: 1,
    retryBaseMs: 10,
    retryMaxDelayMs: 50,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    ...tuning,
  })
  cleanups.push(() => running.close())
  return { ...running, store }
}

/** A consumer project requiring `reqs`, removed after the test. */
function consumer(reqs: Requirement[]): string {
  const dir = writeConsumer(tree, reqs)
  cleanups.push(dir.remove)
  return dir.path
}

async function go(
  args: string[],
  cwd: string,
  goproxy: string,
  env: Record<string, string> = {},
): Promise<GoResult> {
  const result = await runGo(args, { cwd, goproxy, timeoutMs: GO_TIMEOUT, env })
  cleanups.push(() => result.dirs.remove())
  return result
}

/** Every file in a store, relative, sorted. */
function storeFiles(store: string): string[] {
  return readdirSync(store, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(store, join(e.parentPath, e.name)))
    .sort()
}

/** Requests the fixture upstream saw from index `from` on, for paths containing `part`. */
function upstreamHits(from: number, part: string): number {
  return up.requests.slice(from).filter((r) => r.path.includes(part)).length
}

const ALL = [MODULES.app, MODULES.upper, MODULES.incompatible, MODULES.pseudo, MODULES.v2]
const ok = (r: GoResult): string => `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr}`

describe('the go command through the proxy', () => {
  it('downloads and builds: dependency, upper-case path, +incompatible, pseudo-version, /v2', async () => {
    const p = await proxy()
    const dir = consumer(ALL)
    const download = await go(['mod', 'download'], dir, p.goproxy)
    expect(download.code, ok(download)).toBe(0)
    const build = await go(['build', './...'], dir, p.goproxy)
    expect(build.code, ok(build)).toBe(0)
    const files = storeFiles(p.store)
    for (const zip of [
      'example.com/dep/@v/v1.0.0.zip',
      'example.com/app/@v/v1.0.0.zip',
      'example.com/!upper/!mod/@v/v1.0.0.zip',
      'example.com/incompat/@v/v2.0.0+incompatible.zip',
      'example.com/pseudo/@v/v0.0.0-20200101000000-abcdefabcdef.zip',
      'example.com/major/v2/@v/v2.1.0.zip',
    ]) {
      expect(files).toContain(zip)
      expect(readFileSync(join(p.store, zip)).equals(readFileSync(join(tree.root, zip)))).toBe(true)
    }
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([])
  })

  it('never asks its upstream for a --noproxy module: a go command without GONOPROXY falls back past it', async () => {
    // The go command's own list goes on to a second upstream, standing in for `direct`.
    const other = await startUpstream({ root: tree.root })
    cleanups.push(() => other.stop())
    const p = await proxy({ noProxy: 'example.com/dep' })
    const from = up.requests.length
    const dir = consumer([MODULES.app])
    const build = await go(['build', './...'], dir, `${p.goproxy},${other.url}`)
    expect(build.code, ok(build)).toBe(0)
    expect(upstreamHits(from, 'example.com/dep')).toBe(0)
    expect(upstreamHits(from, 'example.com/app')).toBeGreaterThan(0)
    expect(other.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/example.com/dep/@v/v1.0.0.mod', '/example.com/dep/@v/v1.0.0.zip']),
    )
    expect(other.requests.filter((r) => !r.path.includes('example.com/dep'))).toEqual([])
  })

  it('lists versions and resolves @latest', async () => {
    const p = await proxy()
    const dir = consumer([MODULES.dep])
    const list = await go(['list', '-m', '-versions', 'example.com/multi'], dir, p.goproxy)
    expect(list.code, ok(list)).toBe(0)
    expect(list.stdout.trim()).toBe(`example.com/multi ${MULTI_VERSIONS.join(' ')}`)
    const get = await go(['get', 'example.com/multi@latest'], dir, p.goproxy)
    expect(get.code, ok(get)).toBe(0)
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toContain('example.com/multi v1.2.0')
  })

  it('resolves a version query the go command percent-encodes (a branch named "a,b")', async () => {
    // A copy of example.com/multi whose upstream answers the query: the shared tree stays as built.
    const root = tempDir('gmc-query-upstream-')
    cleanups.push(root.remove)
    const vdir = join(root.path, 'example.com', 'multi', '@v')
    cpSync(join(tree.root, 'example.com', 'multi'), join(root.path, 'example.com', 'multi'), {
      recursive: true,
    })
    writeFileSync(join(vdir, 'a,b.info'), readFileSync(join(vdir, 'v1.1.0.info')))
    const branchy = await startUpstream({ root: root.path })
    cleanups.push(() => branchy.stop())
    const p = await proxy({ upstream: branchy.url })
    const dir = consumer([MODULES.dep])
    const r = await go(['list', '-m', '-f', '{{.Version}}', 'example.com/multi@a,b'], dir, p.goproxy)
    expect(r.code, ok(r)).toBe(0)
    expect(r.stdout.trim()).toBe('v1.1.0')
    expect(branchy.requests.map((q) => q.path)).toContain('/example.com/multi/@v/a,b.info')
    expect(storeFiles(p.store)).toContain('example.com/multi/@v/a,b.info')
  })

  it('runs warm from the store with the upstream stopped, making no upstream request', async () => {
    const storeDir = tempDir('gmc-store-')
    cleanups.push(storeDir.remove)
    const dir = consumer(ALL)
    const cold = await proxy({ store: storeDir.path })
    const first = await go(['build', './...'], dir, cold.goproxy)
    expect(first.code, ok(first)).toBe(0)
    await cold.close()

    const gone = await startUpstream({ root: tree.root })
    await gone.stop()
    const journalDir = tempDir('gmc-journal-')
    cleanups.push(journalDir.remove)
    const journal = join(journalDir.path, 'journal.jsonl')
    const warm = await proxy({
      store: storeDir.path,
      upstream: gone.url,
      goSum: [join(dir, 'go.sum')],
      journal,
    })
    const download = await go(['mod', 'download'], dir, warm.goproxy)
    expect(download.code, ok(download)).toBe(0)
    const build = await go(['build', './...'], dir, warm.goproxy)
    expect(build.code, ok(build)).toBe(0)
    expect(warm.metrics.upstreamFetches).toBe(0)
    expect(warm.metrics.upstreamErrors).toBe(0)
    expect(warm.metrics.storeHits).toBeGreaterThan(0)
    await warm.close()
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; source?: string })
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.every((l) => l.event === 'serve' && l.source === 'store')).toBe(true)
  })

  it('serves 10 concurrent go commands with one upstream fetch per file', async () => {
    const p = await proxy()
    const from = up.requests.length
    const dirs = Array.from({ length: 10 }, () => consumer([MODULES.app, MODULES.upper, MODULES.v2]))
    const results = await Promise.all(dirs.map((d) => go(['mod', 'download', 'all'], d, p.goproxy)))
    for (const r of results) expect(r.code, ok(r)).toBe(0)
    for (const file of [
      'example.com/dep/@v/v1.0.0.zip',
      'example.com/app/@v/v1.0.0.zip',
      'example.com/major/v2/@v/v2.1.0.zip',
    ]) {
      expect(upstreamHits(from, file), file).toBe(1)
    }
  })

  it('refuses bad input with 4xx and writes nothing outside the store', async () => {
    const p = await proxy()
    const port = p.port
    const status = (path: string, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method, timeout: 5_000 }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        })
        req.on('timeout', () => req.destroy(new Error('timeout')))
        req.on('error', reject)
        req.end()
      })
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/tmp/@v/list',
      '/example.com/dep/@v/..%2f..%2fx.zip',
      '/example.com/dep/@v/v1.zip',
      '/EXAMPLE.com/dep/@v/list',
    ]) {
      expect(await status(path), path).toBeGreaterThanOrEqual(400)
      expect(await status(path), path).toBeLessThan(500)
    }
    for (const method of ['POST', 'PUT', 'DELETE'])
      expect(await status('/example.com/dep/@v/list', method)).toBe(405)
    expect(storeFiles(p.store)).toEqual([])
  })
})

describe('paths that cannot be store paths', () => {
  it('answer 404 (a miss, never 5xx), reach neither upstream nor disk, and log bounded lines', async () => {
    const lines: string[] = []
    const log = {
      debug: (m: string) => lines.push(m),
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    }
    const p = await proxy({ log })
    const long = 'a'.repeat(256)
    const paths = [
      `/example.com/${long}/@v/list`,
      `/example.com/${long}/@latest`,
      `/example.com/dep/@v/v1.0.0-${long}.info`,
      `/example.com/dep/@v/v1.0.0-${long}.zip`,
      `/example.com/dep/@v/${long}.info`,
      `/example.com/dep/@v/${'!a'.repeat(150)}.info`, // upper-case A, escaped
      `/example.com/${'a/'.repeat(1600)}@v/list`,
      `/example.com/${'a'.repeat(16_000)}/@v/v1.0.0.mod`,
    ]
    const from = up.requests.length
    for (const path of paths) {
      const res = await fetch(`${p.url}${path}`)
      expect(res.status, path.slice(0, 80)).toBe(404)
      expect(await res.text()).toMatch(/^not found: /)
    }
    expect(up.requests.length).toBe(from)
    expect(storeFiles(p.store)).toEqual([])
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(1200)
  })
})

describe('a store the proxy cannot write', () => {
  /**
   * Makes `dir` refuse new entries for real: chmod for a user, but root ignores modes, so as root
   * the immutable attribute (chattr +i, EPERM) does it with no mount or loop device. Undone after.
   */
  function makeUnwritable(dir: string): void {
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', dir])
    else chmodSync(dir, 0o555)
    cleanups.push(() =>
      process.getuid?.() === 0 ? execFileSync('chattr', ['-i', dir]) : chmodSync(dir, 0o755),
    )
  }

  it('never fails the build: files are verified and served without being stored, said once', async () => {
    const lines: string[] = []
    const push = (m: string): number => lines.push(m)
    const dir = tempDir('gmc-ro-store-')
    cleanups.push(dir.remove)
    makeUnwritable(dir.path)
    const p = await proxy({ store: dir.path, log: { debug: push, info: push, warn: push, error: push } })
    const project = consumer(ALL)
    const download = await go(['mod', 'download'], project, p.goproxy)
    expect(download.code, ok(download)).toBe(0)
    const build = await go(['build', './...'], project, p.goproxy)
    expect(build.code, ok(build)).toBe(0)
    expect(storeFiles(p.store)).toEqual([])
    expect(lines.filter((l) => l.startsWith('the store cannot be written'))).toHaveLength(1)
    expect(p.metrics.render()).toMatch(/^gomodcache_unstored_total [1-9]\d*$/m)
  })
})

describe('upstream faults', () => {
  const DEP_ZIP = 'example.com/dep/@v/v1.0.0.zip'

  /** Runs `go mod download` for example.com/dep through a fresh proxy. */
  async function download(goproxyFor: (p: RunningProxy) => string, over: Partial<ProxyConfig> = {}) {
    const dir = consumer([MODULES.dep])
    const p = await proxy({ ...over, goSum: over.goSum === undefined ? [] : [join(dir, 'go.sum')] })
    const result = await go(['mod', 'download', 'example.com/dep'], dir, goproxyFor(p))
    return { result, p, files: storeFiles(p.store) }
  }
  const viaProxy = (p: RunningProxy): string => p.goproxy
  const withFallback = (p: RunningProxy): string => `${p.goproxy},file://${tree.root}`
  const noTemp = (files: string[]) => expect(files.filter((f) => f.includes('.tmp-'))).toEqual([])

  it('500s: a clear 502 for the go command, and nothing stored', async () => {
    up.setFault(DEP_ZIP, { kind: 'status', status: 500 })
    const { result, files } = await download(viaProxy)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/502 Bad Gateway/)
    expect(files).not.toContain(DEP_ZIP)
    noTemp(files)
  })

  it('500s: the go command moves on after "|"', async () => {
    up.setFault(DEP_ZIP, { kind: 'status', status: 500 })
    const { result } = await download((p) => `${p.goproxy}|file://${tree.root}`)
    expect(result.code, ok(result)).toBe(0)
  })

  it.each([404, 410] as const)(
    '%i: passed through, so the go command falls back after ","',
    async (status) => {
      up.setFault(DEP_ZIP, { kind: 'status', status })
      const alone = await download(viaProxy)
      expect(alone.result.code).not.toBe(0)
      expect(alone.result.stderr).toContain(String(status))
      const fallback = await download(withFallback)
      expect(fallback.result.code, ok(fallback.result)).toBe(0)
      expect(fallback.files).not.toContain(DEP_ZIP)
    },
  )

  it('a hung upstream times out into a 502 instead of hanging the build', async () => {
    up.setFault(DEP_ZIP, { kind: 'hang' })
    const { result, files } = await download(viaProxy)
    expect(result.timedOut).toBe(false)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/502/)
    expect(files).not.toContain(DEP_ZIP)
  })

  describe('an upstream entry that hangs', () => {
    /** A second fixture upstream over the same tree whose every request hangs (until stop). */
    async function hungUpstream(): Promise<Upstream> {
      const hung = await startUpstream({ root: tree.root, hangMs: 20_000 })
      hung.setFault(() => true, { kind: 'hang' })
      cleanups.push(() => hung.stop())
      return hung
    }

    it('is skipped after its first timeout: with "|" the build goes on through the next entry', async () => {
      const hung = await hungUpstream()
      const p = await proxy({ upstream: `${hung.url}|${up.url}` }, { retries: 2 })
      const dir = consumer(ALL)
      const from = up.requests.length
      const result = await go(['mod', 'download'], dir, p.goproxy)
      expect(result.code, ok(result)).toBe(0)
      const fromUp = up.requests.length - from
      // Without the circuit each file would wait out three tries on the hung entry first.
      expect(hung.requests.length).toBeLessThan(fromUp)
      expect(p.metrics.render()).toMatch(
        new RegExp(`gomodcache_upstream_circuit_open\\{upstream="${hung.url}"\\} 1\n`),
      )
      expect(p.metrics.render()).toContain(
        `gomodcache_upstream_circuit_trips_total{upstream="${hung.url}"} 1\n`,
      )
      const health = (await (await fetch(`${p.url}/healthz`)).json()) as { upstreams: unknown[] }
      expect(health.upstreams).toEqual([
        expect.objectContaining({ upstream: hung.url, state: 'open', trips: 1 }),
        expect.objectContaining({ upstream: up.url, state: 'closed', trips: 0 }),
      ])
    })

    it('alone: the first file fails with its timeout, the next ones at once, and each says why', async () => {
      const hung = await hungUpstream()
      const p = await proxy({ upstream: hung.url }, { retries: 2 })
      const dir = consumer(ALL)
      const result = await go(['mod', 'download'], dir, p.goproxy)
      expect(result.timedOut).toBe(false)
      expect(result.code).not.toBe(0)
      expect(result.stderr).toMatch(/502 Bad Gateway/)
      // One try per request in flight when it tripped; none after.
      const asked = hung.requests.length
      const again = await go(['mod', 'download'], dir, p.goproxy)
      expect(again.code).not.toBe(0)
      expect(again.stderr).toMatch(/skipped: .*\(circuit open\)/)
      expect(hung.requests.length).toBe(asked)
    })
  })

  it('a reset once is retried; resets every time give a 502 and store nothing', async () => {
    up.setFault(DEP_ZIP, { kind: 'reset', when: 'after-headers', times: 1 })
    const once = await download(viaProxy)
    expect(once.result.code, ok(once.result)).toBe(0)
    expect(once.files).toContain(DEP_ZIP)
    up.clearFaults()
    up.setFault(DEP_ZIP, { kind: 'reset', when: 'before-headers' })
    const always = await download(viaProxy)
    expect(always.result.code).not.toBe(0)
    expect(always.files).not.toContain(DEP_ZIP)
    noTemp(always.files)
  })

  it('a truncated zip is never stored', async () => {
    up.setFault(DEP_ZIP, { kind: 'truncate' })
    const { result, files } = await download(viaProxy)
    expect(result.code, `${ok(result)}\n${JSON.stringify(up.requests.slice(-4))}`).not.toBe(0)
    expect(files).not.toContain(DEP_ZIP)
    noTemp(files)
  })

  it('a zip with wrong bytes for its go.sum hash is refused loudly and never stored', async () => {
    up.setFault(DEP_ZIP, { kind: 'corrupt' })
    const { result, files, p } = await download(viaProxy, { goSum: ['x'] })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/verification failed: example\.com\/dep@v1\.0\.0/)
    expect(files).not.toContain(DEP_ZIP)
    noTemp(files)
    expect(p.metrics.upstreamErrors).toBeGreaterThan(0)
  })

  it("a zip hiding another in its end record's comment is refused; go never extracts the hidden files", async () => {
    // The real zip of example.com/dep with a tampered zip of it, and one byte, as its comment: a
    // reader taking the end record that reaches the end of the file sees the real files, Go's
    // archive/zip the tampered ones (test/zip-differential.test.ts). The proxy stores into the go
    // command's own cache/download, as the action runs it, where go trusts a .ziphash as is.
    const real = readFileSync(join(tree.root, DEP_ZIP))
    expect(real.readUInt16LE(real.length - 2)).toBe(0)
    const tampered = readFileSync(join((await tamperedModules()).root, DEP_ZIP))
    const comment = Buffer.concat([tampered, Buffer.from('!')])
    const length = Buffer.alloc(2)
    length.writeUInt16LE(comment.length)
    up.setFault(DEP_ZIP, { kind: 'replace', body: Buffer.concat([real.subarray(0, -2), length, comment]) })
    const dir = consumer([MODULES.dep])
    const gomodcache = tempDir('gmc-modcache-')
    cleanups.push(gomodcache.remove)
    const store = join(gomodcache.path, 'cache', 'download')
    const p = await proxy({ store, prefetch: true, goSum: [join(dir, 'go.sum')] })
    expect((await p.prefetched).failed).toBe(1)
    expect(storeFiles(store).filter((f) => f.startsWith('example.com/dep/@v/v1.0.0.zip'))).toEqual([])
    const result = await runGo(['build', './...'], {
      cwd: dir,
      goproxy: p.goproxy,
      gomodcache: gomodcache.path,
      timeoutMs: GO_TIMEOUT,
    })
    cleanups.push(() => result.dirs.remove())
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/example\.com\/dep@v1\.0\.0.*502 Bad Gateway/s)
    expect(existsSync(join(gomodcache.path, 'example.com', 'dep@v1.0.0', 'evil.go'))).toBe(false)
  })

  it('a slow body still arrives whole', async () => {
    up.setFault(DEP_ZIP, { kind: 'slow', chunkBytes: 128, intervalMs: 5 })
    const { result, files, p } = await download(viaProxy)
    expect(result.code, ok(result)).toBe(0)
    expect(readFileSync(join(p.store, DEP_ZIP)).equals(readFileSync(join(tree.root, DEP_ZIP)))).toBe(true)
    noTemp(files)
  })
})

describe('startProxy', () => {
  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const req = request(url, { headers, timeout: 10_000 }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      })
      req.on('timeout', () => req.destroy(new Error('timeout')))
      req.on('error', reject)
      req.end()
    })

  it('refuses a non-loopback listen address without a token', async () => {
    await expect(proxy({ listen: '0.0.0.0:0' })).rejects.toThrow(/not loopback.*token/)
  })

  it('names a go.sum file it cannot read', async () => {
    await expect(proxy({ goSum: ['/nonexistent/dir/go.sum'] })).rejects.toThrow(/\/nonexistent\/dir\/go\.sum/)
  })

  it('puts the token in the GOPROXY path (the go command sends no credentials over http)', async () => {
    const p = await proxy({ token: 'tok-123-tok-123-tok' })
    expect(p.url).not.toContain('tok-123-tok-123-tok')
    expect(p.goproxy).toBe(`${p.url}/_token/tok-123-tok-123-tok`)
    expect(await get(`${p.url}/example.com/dep/@v/list`)).toBe(401)
    expect(await get(`${p.url}/_token/wrong/example.com/dep/@v/list`)).toBe(401)
    expect(
      await get(`${p.url}/example.com/dep/@v/list`, { Authorization: 'Bearer tok-123-tok-123-tok' }),
    ).toBe(200)
    const dir = consumer([MODULES.dep])
    const result = await go(['mod', 'download', 'example.com/dep'], dir, p.goproxy)
    expect(result.code, ok(result)).toBe(0)
  })

  it('prefetches every go.sum version, so the go command then needs no upstream', async () => {
    const dir = consumer([MODULES.app, MODULES.upper])
    const p = await proxy({ prefetch: true, goSum: [join(dir, 'go.sum')] })
    const done = await p.prefetched
    expect(done.failed).toBe(0)
    expect(done.fetched).toBeGreaterThan(10)
    const from = up.requests.length
    const result = await go(['build', './...'], dir, p.goproxy)
    expect(result.code, ok(result)).toBe(0)
    expect(up.requests.slice(from)).toEqual([])
  })

  it("prefetched into the go command's own cache/download, zips come with a .ziphash go uses as is", async () => {
    const dir = consumer([MODULES.app, MODULES.upper])
    const gomodcache = tempDir('gmc-modcache-')
    cleanups.push(gomodcache.remove)
    const download = join(gomodcache.path, 'cache', 'download')
    const p = await proxy({ store: download, prefetch: true, goSum: [join(dir, 'go.sum')] })
    expect((await p.prefetched).failed).toBe(0)
    const hash = join(download, 'example.com', 'app', '@v', `${MODULES.app.version}.ziphash`)
    const before = statSync(hash)
    // No proxy at all: everything must come from the cache the proxy filled.
    const result = await runGo(['mod', 'download', 'all'], {
      cwd: dir,
      goproxy: 'off',
      gomodcache: gomodcache.path,
      timeoutMs: GO_TIMEOUT,
    })
    cleanups.push(() => result.dirs.remove())
    expect(result.code, ok(result)).toBe(0)
    // The go command trusted the hash (it rewrites one it has to recompute) and checked it
    // against go.sum; the module is extracted.
    expect(statSync(hash).mtimeMs).toBe(before.mtimeMs)
    expect(readFileSync(hash, 'utf8')).toMatch(/^h1:/)
    expect(existsSync(join(gomodcache.path, 'example.com', `app@${MODULES.app.version}`, 'go.mod'))).toBe(
      true,
    )
  })

  it('close() cuts a request stuck on a hung upstream within the bound, and is idempotent', async () => {
    up.setFault('example.com/dep/@v/v1.0.0.zip', { kind: 'hang' })
    const p = await proxy({ shutdownTimeoutMs: 300 }, { headersTimeoutMs: 15_000 })
    expect(await get(`${p.url}/healthz`)).toBe(200) // leaves an idle keep-alive socket behind
    const stuck = get(`${p.url}/example.com/dep/@v/v1.0.0.zip`).catch((err: unknown) => err)
    await vi.waitFor(() => expect(up.requests.some((r) => r.path.endsWith('dep/@v/v1.0.0.zip'))).toBe(true))
    const closing = p.close()
    expect(p.close()).toBe(closing)
    await closing
    const outcome = await stuck
    expect(outcome === 502 || outcome instanceof Error).toBe(true)
    await expect(get(`${p.url}/healthz`)).rejects.toThrow()
    expect(storeFiles(p.store)).toEqual([])
  })
})
