/**
 * What the proxy stores and serves when it has no go.sum to hold files to (the standalone proxy's
 * usual case), under the real go command: an upstream answering pages that are not module files,
 * and the store changing under a running proxy.
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProxyConfig } from '../../src/proxy/config.js'
import { startProxy, type RunningProxy } from '../../src/proxy/index.js'
import { runGo, tempDir, type GoResult } from '../support/helpers/gocmd.js'
import { startSumdb, type Sumdb as TestDb, type Tree } from '../support/helpers/gotools.js'
import { silentLogger } from '../../src/proxy/log.js'
import {
  MODULES,
  MULTI_VERSIONS,
  syntheticModules,
  tamperedModules,
  writeConsumer,
} from '../support/helpers/modules.js'
import { testProxyConfig } from '../support/helpers/proxyconfig.js'
import { startUpstream, type Upstream } from '../support/helpers/upstream.js'

const GO_TIMEOUT = 60_000
const PORTAL = Buffer.from('<!DOCTYPE html>\n<html><body>Please sign in to the network</body></html>\n')
let tree: Tree
let up: Upstream
const cleanups: Array<() => unknown> = []

beforeAll(async () => {
  tree = await syntheticModules()
  up = await startUpstream({ root: tree.root })
})
afterEach(async () => {
  up.clearFaults()
  while (cleanups.length > 0) await cleanups.pop()?.()
})
afterAll(async () => {
  await up.stop()
})

async function proxy(over: Partial<ProxyConfig> = {}): Promise<RunningProxy & { store: string }> {
  const dir = tempDir('gmc-store-')
  cleanups.push(dir.remove)
  const running = await startProxy(testProxyConfig({ store: dir.path, upstream: up.url, ...over }), {
    retries: 0,
  })
  cleanups.push(() => running.close())
  return { ...running, store: dir.path }
}

async function go(args: string[], cwd: string, goproxy: string): Promise<GoResult> {
  const result = await runGo(args, { cwd, goproxy, timeoutMs: GO_TIMEOUT })
  cleanups.push(() => result.dirs.remove())
  return result
}

function consumer(): string {
  const dir = writeConsumer(tree, [MODULES.dep], { goSum: 'none' })
  cleanups.push(dir.remove)
  return dir.path
}

function storeFiles(store: string): string[] {
  return readdirSync(store, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(store, join(e.parentPath, e.name)))
    .sort()
}

const ok = (r: GoResult): string => `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr}`

describe('an upstream answering 200 with a page that is no module file', () => {
  it('stores nothing of it, answers so the go command may fall back, and serves the real files once upstream recovers', async () => {
    const p = await proxy()
    const dir = consumer()
    up.setFault('/example.com/dep/@v/v1.0.0.mod', { kind: 'replace', body: PORTAL, times: 1 })
    up.setFault('/example.com/multi/@v/list', { kind: 'replace', body: PORTAL, times: 1 })

    const first = await go(['list', '-m', 'all'], dir, p.goproxy)
    expect(first.code, ok(first)).not.toBe(0)
    expect(first.stderr).toContain('502 Bad Gateway')
    const mod = 'example.com/dep/@v/v1.0.0.mod'
    expect(storeFiles(p.store)).not.toContain(mod)
    const list = await go(['list', '-m', '-versions', 'example.com/multi'], dir, p.goproxy)
    expect(list.code, ok(list)).not.toBe(0)
    expect(storeFiles(p.store)).not.toContain('example.com/multi/@v/list')

    // Upstream recovered: the go command gets the real files, and the store holds them.
    const again = await go(['list', '-m', 'all'], dir, p.goproxy)
    expect(again.code, ok(again)).toBe(0)
    const versions = await go(['list', '-m', '-versions', 'example.com/multi'], dir, p.goproxy)
    expect(versions.code, ok(versions)).toBe(0)
    expect(versions.stdout.trim()).toBe(`example.com/multi ${MULTI_VERSIONS.join(' ')}`)
    expect(readFileSync(join(p.store, mod))).toEqual(readFileSync(join(tree.root, mod)))
    expect(readFileSync(join(p.store, 'example.com/multi/@v/list'), 'utf8')).not.toContain('html')
    expect(p.metrics.upstreamErrors).toBe(2)
  })
})

describe('a store file damaged under a running proxy', () => {
  it('is checked again before it is served: a zip truncated in place is moved aside and fetched again', async () => {
    const p = await proxy()
    const dir = consumer()
    const first = await go(['mod', 'download', 'example.com/dep'], dir, p.goproxy)
    expect(first.code, ok(first)).toBe(0)
    const zip = 'example.com/dep/@v/v1.0.0.zip'
    const whole = readFileSync(join(tree.root, zip))
    truncateSync(join(p.store, zip), 100)

    // A go command with an empty module cache asks for the zip again.
    const second = await go(['mod', 'download', 'example.com/dep'], dir, p.goproxy)
    expect(second.code, ok(second)).toBe(0)
    expect(readFileSync(join(p.store, zip))).toEqual(whole)
    expect(readFileSync(join(p.store, '.aside', zip)).length).toBe(100)
    expect(up.requests.filter((r) => r.path === `/${zip}`)).toHaveLength(2)
  })
})

describe('the standalone proxy without go.sum, against a poisoned upstream', () => {
  let db: TestDb
  let tampered: Tree
  beforeAll(async () => {
    db = await startSumdb(tree.goSumAll)
    tampered = await tamperedModules()
  })
  afterAll(async () => {
    await db.stop()
  })

  const MOD = 'example.com/dep/@v/v1.0.0.mod'
  const ZIP = 'example.com/dep/@v/v1.0.0.zip'
  function poison(): void {
    for (const file of [MOD, ZIP])
      up.setFault(`/${file}`, { kind: 'replace', body: readFileSync(join(tampered.root, file)) })
  }

  it('refuses what the checksum database contradicts, stores nothing of it, and stores what it proves', async () => {
    const errors: string[] = []
    const log = { ...silentLogger, error: (m: string) => errors.push(m) }
    const p = await proxy({ sumdb: { name: db.name, url: db.url, key: db.vkey }, log })
    const dir = consumer()
    // Other modules first: the test database logs records as they are looked up, so dep's
    // record then needs hashes from tiles to prove it into the tree.
    const others = [MODULES.upper, MODULES.v2, MODULES.pseudo, MODULES.multi, MODULES.hello]
    const warm = await go(
      ['mod', 'download', ...others.map((m) => `${m.module}@${m.version}`)],
      dir,
      p.goproxy,
    )
    expect(warm.code, ok(warm)).toBe(0)
    poison()
    // A go command that trusts the proxy (GOSUMDB=off) is refused the poisoned files.
    const poisoned = await go(['mod', 'download', 'example.com/dep'], dir, p.goproxy)
    expect(poisoned.code, ok(poisoned)).not.toBe(0)
    expect(poisoned.stderr).toContain('502 Bad Gateway')
    expect(storeFiles(p.store).filter((f) => f === MOD || f === ZIP)).toEqual([])
    expect(errors).toEqual([
      expect.stringMatching(
        /^refused example\.com\/dep@v1\.0\.0\.mod from .*: go\.mod h1:\S+ does not match sum\.test's h1:/,
      ),
    ])

    up.clearFaults()
    const clean = await go(['mod', 'download', 'example.com/dep'], dir, p.goproxy)
    expect(clean.code, ok(clean)).toBe(0)
    for (const file of [MOD, ZIP])
      expect(readFileSync(join(p.store, file))).toEqual(readFileSync(join(tree.root, file)))
    const files = storeFiles(p.store)
    expect(files).toContain(`sumdb/${db.name}/lookup/example.com/dep@v1.0.0`)
    expect(files.some((f) => f.startsWith(`sumdb/${db.name}/tile/8/0/`))).toBe(true)
  })

  it('refuses a zip the database contradicts, and a record a lying tile would prove', async () => {
    const errors: string[] = []
    const log = { ...silentLogger, error: (m: string) => errors.push(m) }
    const sumdb = { name: db.name, url: db.url, key: db.vkey }
    const a = await proxy({ sumdb, log })
    up.setFault(`/${ZIP}`, { kind: 'replace', body: readFileSync(join(tampered.root, ZIP)) })
    const poisoned = await go(['mod', 'download', 'example.com/dep'], consumer(), a.goproxy)
    expect(poisoned.code, ok(poisoned)).not.toBe(0)
    expect(storeFiles(a.store)).toContain(MOD)
    expect(storeFiles(a.store)).not.toContain(ZIP)
    expect(errors).toEqual([expect.stringContaining(`: zip h1:`)])
    expect(errors[0]).toContain(`does not match ${db.name}'s h1:`)

    // A second store holding that lookup and its tiles, every tile hash altered, and no zip.
    up.clearFaults()
    const b = await proxy({ sumdb, log })
    cpSync(join(a.store, 'sumdb'), join(b.store, 'sumdb'), { recursive: true })
    for (const f of storeFiles(b.store).filter((f) => f.includes('/tile/'))) {
      const data = readFileSync(join(b.store, f))
      writeFileSync(
        join(b.store, f),
        data.map((byte) => byte ^ 1),
      )
    }
    errors.length = 0
    const lied = await go(['mod', 'download', 'example.com/dep'], consumer(), b.goproxy)
    expect(lied.code, ok(lied)).not.toBe(0)
    expect(errors[0]).toContain('does not prove into the signed tree')
    expect(storeFiles(b.store).filter((f) => f === MOD || f === ZIP)).toEqual([])
  })

  it('says once which modules it does not check, and stores what it cannot check (GONOSUMDB)', async () => {
    const lines: string[] = []
    const log = { ...silentLogger, info: (m: string) => lines.push(m) }
    const p = await proxy({
      sumdb: { name: db.name, url: db.url, key: db.vkey },
      noSumdb: 'example.com/dep',
      log,
    })
    poison()
    const got = await go(['mod', 'download', 'example.com/dep'], consumer(), p.goproxy)
    expect(got.code, ok(got)).toBe(0)
    expect(readFileSync(join(p.store, MOD))).toEqual(readFileSync(join(tampered.root, MOD)))
    expect(lines.filter((l) => l.includes('GONOSUMDB'))).toEqual([
      `checksum database ${db.name}; modules matching GONOSUMDB "example.com/dep" are not checked`,
    ])
  })

  it("refuses everything when the key is not the database's: no record proves against a head it cannot open", async () => {
    const errors: string[] = []
    const log = { ...silentLogger, error: (m: string) => errors.push(m) }
    const p = await proxy({ sumdb: { name: db.name, url: db.url, key: otherKey(db.name) }, log })
    const got = await go(['mod', 'download', 'example.com/dep'], consumer(), p.goproxy)
    expect(got.code, ok(got)).not.toBe(0)
    expect(errors[0]).toContain('checksum database sum.test: tree note: not signed by sum.test')
    expect(storeFiles(p.store).filter((f) => /\.(mod|zip)$/.test(f))).toEqual([])
  })
})

/** A well-formed verifier key for `name` that the database never signed with. */
function otherKey(name: string): string {
  const der = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' })
  const raw = Buffer.concat([Buffer.from([1]), der.subarray(-32)])
  const hash = createHash('sha256').update(`${name}\n`).update(raw).digest().subarray(0, 4).toString('hex')
  return `${name}+${hash}+${raw.toString('base64')}`
}
