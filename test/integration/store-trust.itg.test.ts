/**
 * What the proxy stores and serves when it has no go.sum to hold files to (the standalone proxy's
 * usual case), under the real go command: an upstream answering pages that are not module files,
 * and the store changing under a running proxy.
 */
import { readdirSync, readFileSync, truncateSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProxyConfig } from '../../src/proxy/config.js'
import { startProxy, type RunningProxy } from '../../src/proxy/index.js'
import { runGo, tempDir, type GoResult } from '../support/helpers/gocmd.js'
import type { Tree } from '../support/helpers/gotools.js'
import { MODULES, MULTI_VERSIONS, syntheticModules, writeConsumer } from '../support/helpers/modules.js'
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
