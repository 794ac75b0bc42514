// Proves the fixtures with the real go command: the synthetic tree is what a real proxy serves
// (go.sum verification on), faults break the go command as they should, and the test checksum
// database is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { corpus } from '../support/helpers/corpus.js'
import { runGo, tempDir } from '../support/helpers/gocmd.js'
import { startSumdb, type Sumdb, type Tree } from '../support/helpers/gotools.js'
import {
  HELLO_MAIN,
  MODULES,
  MULTI_VERSIONS,
  syntheticModules,
  tamperedModules,
  writeConsumer,
} from '../support/helpers/modules.js'
import { startUpstream, type Upstream } from '../support/helpers/upstream.js'

const ALL = Object.values(MODULES)
let tree: Tree
let up: Upstream
const cleanups: Array<() => void> = []

beforeAll(async () => {
  tree = await syntheticModules()
  up = await startUpstream({ root: tree.root })
})
afterAll(async () => {
  await up?.stop()
  for (const c of cleanups) c()
})

function track<T extends { remove(): void }>(x: T): T {
  cleanups.push(() => x.remove())
  return x
}

describe('synthetic modules straight from the fixture upstream', () => {
  it('go mod download and go build succeed with go.sum verification', async () => {
    const dir = track(writeConsumer(tree, ALL))
    const dl = await runGo(['mod', 'download', '-json'], {
      cwd: dir.path,
      goproxy: up.url,
      timeoutMs: 60_000,
    })
    track(dl.dirs)
    expect(dl.code, dl.stderr).toBe(0)
    const build = await runGo(['build', '-o', 'consumer', '.'], {
      cwd: dir.path,
      goproxy: up.url,
      dirs: dl.dirs,
      timeoutMs: 120_000,
    })
    expect(build.code, build.stderr).toBe(0)
    const hello = await runGo(['build', '-o', 'hello', HELLO_MAIN], {
      cwd: dir.path,
      goproxy: up.url,
      dirs: dl.dirs,
      timeoutMs: 120_000,
    })
    expect(hello.code, hello.stderr).toBe(0)
    // The upper-case module travelled escaped, as the protocol says.
    expect(
      up.requests.some((r) => r.path === '/example.com/!upper/!mod/@v/v1.0.0.zip' && r.status === 200),
    ).toBe(true)
  })

  it('lists versions and resolves @latest like a real proxy', async () => {
    const dir = track(writeConsumer(tree, [MODULES.dep], { main: false }))
    const list = await runGo(['list', '-m', '-versions', MODULES.multi.module], {
      cwd: dir.path,
      goproxy: up.url,
      timeoutMs: 60_000,
    })
    track(list.dirs)
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout.trim()).toBe(`${MODULES.multi.module} ${MULTI_VERSIONS.join(' ')}`)
    const get = await runGo(['get', `${MODULES.multi.module}@latest`], {
      cwd: dir.path,
      goproxy: up.url,
      dirs: list.dirs,
      timeoutMs: 60_000,
    })
    expect(get.code, get.stderr).toBe(0)
    expect(get.stderr).toContain(`${MODULES.multi.module} v1.2.0`)
  })

  it('a corrupted zip fails go.sum verification', async () => {
    const dir = track(writeConsumer(tree, [MODULES.dep], { main: false }))
    up.setFault('/example.com/dep/@v/v1.0.0.zip', { kind: 'replace', body: await tamperedZip(), times: 1 })
    const r = await runGo(['mod', 'download', MODULES.dep.module], {
      cwd: dir.path,
      goproxy: up.url,
      timeoutMs: 60_000,
    })
    track(r.dirs)
    up.clearFaults()
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('checksum mismatch')
  })

  it('a 503 upstream fails the go command, and a 404 falls through a "," list', async () => {
    const dir = track(writeConsumer(tree, [MODULES.dep], { main: false }))
    up.setFault('/example.com/dep/@v/v1.0.0.zip', { kind: 'status', status: 503 })
    const bad = await runGo(['mod', 'download', MODULES.dep.module], {
      cwd: dir.path,
      goproxy: up.url,
      timeoutMs: 60_000,
    })
    track(bad.dirs)
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('503')
    const miss = await startUpstream({ root: tree.root })
    miss.setFault(() => true, { kind: 'status', status: 404 })
    up.clearFaults()
    const ok = await runGo(['mod', 'download', MODULES.dep.module], {
      cwd: dir.path,
      goproxy: `${miss.url},${up.url}`,
      timeoutMs: 60_000,
    })
    track(ok.dirs)
    await miss.stop()
    expect(ok.code, ok.stderr).toBe(0)
    expect(miss.requests.length).toBeGreaterThan(0)
  })

  it('stop() ends a hanging request', async () => {
    const hang = await startUpstream({ root: tree.root })
    hang.setFault(() => true, { kind: 'hang' })
    const pending = fetch(`${hang.url}/example.com/dep/@v/list`).then(
      () => 'answered',
      () => 'cut',
    )
    while (hang.requests.length === 0) await new Promise((r) => setTimeout(r, 10))
    await hang.stop()
    expect(await pending).toBe('cut')
  })
})

describe('test checksum database', () => {
  let db: Sumdb
  beforeAll(async () => {
    db = await startSumdb(tree.goSumAll)
  })
  afterAll(async () => {
    await db?.stop()
  })

  it('is accepted by the go command with go.sum lines removed', async () => {
    const dir = track(writeConsumer(tree, [MODULES.app, MODULES.upper, MODULES.v2], { goSum: 'none' }))
    const r = await runGo(['mod', 'download', '-json'], {
      cwd: dir.path,
      goproxy: up.url,
      gosumdb: db.gosumdb,
      timeoutMs: 60_000,
    })
    track(r.dirs)
    expect(r.code, r.stderr).toBe(0)
    const build = await runGo(['build', '.'], {
      cwd: dir.path,
      goproxy: up.url,
      gosumdb: db.gosumdb,
      dirs: r.dirs,
      timeoutMs: 120_000,
    })
    expect(build.code, build.stderr).toBe(0)
  })

  it('catches a zip that does not match the database', async () => {
    const dir = track(writeConsumer(tree, [MODULES.dep], { goSum: 'none', main: false }))
    up.setFault('/example.com/dep/@v/v1.0.0.zip', { kind: 'replace', body: await tamperedZip(), times: 1 })
    const r = await runGo(['mod', 'download', MODULES.dep.module], {
      cwd: dir.path,
      goproxy: up.url,
      gosumdb: db.gosumdb,
      timeoutMs: 60_000,
    })
    track(r.dirs)
    up.clearFaults()
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('checksum mismatch')
    expect(r.stderr).toContain('sum.test: h1:') // the database, not go.sum, caught it
  })
})

/** A valid zip of example.com/dep@v1.0.0 whose content differs: the wrong bytes for go.sum. */
async function tamperedZip(): Promise<Buffer> {
  const t = await tamperedModules()
  return readFile(join(t.root, 'example.com/dep/@v/v1.0.0.zip'))
}

describe('Debian corpus', () => {
  it('holds >= 100 real modules that the go command downloads and verifies', async () => {
    const c = await corpus()
    expect(c.modules.length).toBeGreaterThanOrEqual(100)
    const db = await startSumdb(c.goSumAll)
    const cup = await startUpstream({ root: c.root })
    const empty = track(tempDir())
    try {
      const r = await runGo(['mod', 'download', ...c.downloadArgs], {
        cwd: empty.path,
        goproxy: cup.url,
        gosumdb: db.gosumdb,
        timeoutMs: 240_000,
      })
      track(r.dirs)
      expect(r.code, r.stderr).toBe(0)
      expect(cup.requests.filter((q) => q.path.endsWith('.zip') && q.status === 200).length).toBe(
        c.modules.length,
      )
    } finally {
      await cup.stop()
      await db.stop()
    }
  }, 300_000)
})
