// The core's units built alone, through the proxy's front door: verifyStoreFile (the one
// verification the entry's build uses too) and createCore (the core without a listener).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { canonicalStorePath, createCore, DEFAULTS, verifyStoreFile } from '../../../src/proxy/index.js'
import { GoSums } from '../../../src/proxy/module/gosum.js'
import { silentLogger } from '../../../src/proxy/log.js'
import { hashMod } from '../../../src/proxy/zip/dirhash.js'
import { h1 } from '../../support/helpers/h1.js'
import { tempDir, type TempDir } from '../../support/helpers/tempdir.js'
import { buildZip } from '../../support/helpers/zipbuild.js'

const M = 'example.com/m'
const V = 'v1.0.0'
const MOD = `module ${M}\n`
const FILES = { [`${M}@${V}/go.mod`]: MOD, [`${M}@${V}/m.go`]: 'package m\n' }
const ZIP = buildZip(Object.entries(FILES).map(([name, data]) => ({ name, data })))
const SUMS = GoSums.parse(`${M} ${V} ${h1(FILES)}\n${M} ${V}/go.mod ${hashMod(Buffer.from(MOD))}\n`)

let dirs: TempDir[] = []
afterEach(() => {
  for (const d of dirs) d.remove()
  dirs = []
})

/** A store (GOPROXY layout) holding M@V's files, with `over` replacing some of them. */
async function storeWith(over: Partial<Record<'info' | 'mod' | 'zip' | 'ziphash', Buffer | string>> = {}) {
  const dir = tempDir()
  dirs.push(dir)
  const base = join(dir.path, canonicalStorePath(M, V, 'mod').replace(/\.mod$/, ''))
  await mkdir(join(base, '..'), { recursive: true })
  const files = { info: JSON.stringify({ Version: V }), mod: MOD, zip: ZIP, ...over }
  for (const [ext, data] of Object.entries(files)) await writeFile(`${base}.${ext}`, data)
  return dir.path
}

describe('verifyStoreFile', () => {
  it('passes files go.sum and the module rules accept, with the zip h1', async () => {
    const store = await storeWith()
    expect(await verifyStoreFile(store, M, V, 'mod', SUMS)).toEqual({ problem: undefined })
    expect(await verifyStoreFile(store, M, V, 'info', SUMS)).toEqual({ problem: undefined })
    expect(await verifyStoreFile(store, M, V, 'zip', SUMS)).toEqual({ h1: h1(FILES) })
  })

  it('names what is wrong: a go.mod or zip go.sum contradicts, an .info naming another version', async () => {
    const store = await storeWith({
      mod: 'module tampered\n',
      info: JSON.stringify({ Version: 'v1.0.1' }),
      zip: buildZip([{ name: `${M}@${V}/go.mod`, data: 'module other\n' }]),
    })
    expect((await verifyStoreFile(store, M, V, 'mod', SUMS)).problem).toMatch(
      /^go\.mod h1:\S+ does not match go\.sum h1:/,
    )
    expect((await verifyStoreFile(store, M, V, 'info', SUMS)).problem).toBe(
      '.info answers "v1.0.1", not v1.0.0',
    )
    expect((await verifyStoreFile(store, M, V, 'zip', SUMS)).problem).toMatch(
      /^zip h1:\S+ does not match go\.sum/,
    )
  })

  it('takes a .ziphash go.sum lists without hashing the zip, and hashes when go.sum does not list it', async () => {
    const listed = await storeWith({ zip: 'not a zip', ziphash: `${h1(FILES)}\n` })
    expect(await verifyStoreFile(listed, M, V, 'zip', SUMS)).toEqual({ h1: h1(FILES), recorded: true })
    const forged = await storeWith({ zip: 'not a zip', ziphash: 'h1:forged' })
    expect((await verifyStoreFile(forged, M, V, 'zip', SUMS)).problem).toMatch(/invalid module zip/)
  })
})

describe('createCore', () => {
  it('answers verified files without a listener, from a file:// upstream, and closes', async () => {
    const upstream = await storeWith()
    const store = tempDir()
    dirs.push(store)
    const sums = tempDir()
    dirs.push(sums)
    const sumFile = join(sums.path, 'go.sum')
    await writeFile(sumFile, `${M} ${V} ${h1(FILES)}\n${M} ${V}/go.mod ${hashMod(Buffer.from(MOD))}\n`)
    const core = await createCore({
      ...DEFAULTS,
      concurrency: { ...DEFAULTS.concurrency },
      store: store.path,
      upstream: `file://${upstream}`,
      goSum: [sumFile],
      log: silentLogger,
    })
    try {
      const zip = await core.files.ensure(M, V, 'zip', 'request')
      expect(zip).toMatchObject({ kind: 'found', source: 'upstream' })
      expect(zip.kind === 'found' && (await readFile(zip.path)).equals(ZIP)).toBe(true)
      expect(await core.files.ensure(M, V, 'mod', 'request')).toMatchObject({ kind: 'found' })
      expect(await core.files.ensure(M, 'v9.9.9', 'mod', 'request')).toMatchObject({ kind: 'notfound' })
      expect(core.metrics.upstreamFetches).toBe(2)
    } finally {
      await core.close()
    }
    expect(core.signal.aborted).toBe(true)
  })
})
