import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheProvider, ExtraFile } from '../../src/cache/provider.js'
import { hashMod } from '../../src/proxy/zip/dirhash.js'
import { save } from '../../src/entry/save.js'
import type { State } from '../../src/action/state.js'
import { readContext } from '../../src/action/context.js'

// post's save with a scripted cache service: the entry is built while the service is asked
// whether to save, but nothing is fetched from upstream for a job that will not save.
let root: string
let upstream: Server
let upstreamRequests: string[]

beforeEach(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  root = await mkdtemp(path.join(tmpdir(), 'save-'))
  upstreamRequests = []
  upstream = createServer((req, res) => {
    upstreamRequests.push(req.url ?? '')
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
})
afterEach(async () => {
  vi.restoreAllMocks()
  await new Promise((resolve) => upstream.close(resolve))
  await rm(root, { recursive: true, force: true })
})

/** A store holding example.com/a's .mod, with a go.sum that also names example.com/b. */
async function jobState(): Promise<State> {
  const store = path.join(root, 'store')
  await mkdir(path.join(store, 'example.com/a/@v'), { recursive: true })
  await writeFile(path.join(store, 'example.com/a/@v/v1.0.0.mod'), 'module example.com/a\n')
  const sumFile = path.join(root, 'go.sum')
  await writeFile(
    sumFile,
    'example.com/a v1.0.0/go.mod h1:NeOsx/KTizj35klXP3wYh3O0751aAtYrRoX+a6YAye8=\n' +
      'example.com/b v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
  )
  const port = (upstream.address() as AddressInfo).port
  return {
    primaryKey: 'go-mod-k',
    matchedKey: '',
    sumFile,
    store,
    upstream: `http://127.0.0.1:${port}`,
    entryPath: '.go-mod-cache-entry',
    saveAllowed: true,
    saveAlways: false,
    cacheFailed: false,
    restored: { files: 0, modules: 0, bytes: 0 },
    proxy: null,
    startedAt: 0,
    restoreMs: 0,
  }
}

/**
 * A cache whose lookup finds `existing`, whose saves answer `saveId` (-1: refused) and whose
 * reservations succeed unless saves are refused; `failed` makes the reservation fail.
 */
function scripted(existing: string | undefined, saveId: number, failed = false) {
  const saves: string[] = []
  const archived: { files: string[]; extra?: ExtraFile }[] = []
  const cache: CacheProvider = {
    restore: async () => ({ value: existing, failed: false }),
    saveFiles: async (_root, files, _path, key, extra) => (
      saves.push(key),
      archived.push({ files, extra }),
      { value: saveId, failed: false }
    ),
    reserve: async (_path, key) => (
      saves.push(`reserve ${key}`),
      { value: saveId !== -1 && !failed, failed }
    ),
    available: async () => true,
  }
  return { cache, saves, archived }
}

describe('save', () => {
  const run = () => readContext({ GITHUB_WORKSPACE: path.join(root, 'ws'), GITHUB_RUN_ID: '7' }).runner.run

  it('fetches nothing and archives nothing when the key exists already', async () => {
    const { cache, saves } = scripted('go-mod-k', 1)
    const saved = await save(await jobState(), undefined, run(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'saved by another job' })
    expect(saves).toEqual([])
    expect(upstreamRequests).toEqual([])
    expect(await readdir(path.join(root, 'ws')).catch(() => [])).toEqual([])
  })

  it('fetches nothing when another job claimed the key', async () => {
    const { cache, saves } = scripted(undefined, -1)
    const saved = await save(await jobState(), undefined, run(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'another job is saving this key' })
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1'])
    expect(upstreamRequests).toEqual([])
  })

  it('fetches nothing when the claim fails, and says the service failed', async () => {
    const { cache, saves } = scripted(undefined, 1, true)
    const saved = await save(await jobState(), undefined, run(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'the cache service failed' })
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1'])
    expect(upstreamRequests).toEqual([])
  })

  it('completes the go.sum set from upstream, then saves, once the claim is won', async () => {
    const { cache, saves } = scripted(undefined, 1)
    const saved = await save(await jobState(), undefined, run(), cache)
    expect(upstreamRequests).toEqual(['/example.com/b/@v/v1.0.0.mod'])
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-k'])
    expect(saved).toMatchObject({
      key: 'go-mod-k',
      reason: 'saved',
      built: { files: 1, missing: ['example.com/b/@v/v1.0.0.mod'] },
    })
  })

  describe('on a restored whole entry (the base)', () => {
    const B_MOD = 'module example.com/b\n'
    /** The go.sum set a and b, both in the store; the base held a and a stale x (claimed sizes). */
    async function onBase(baseSizes: Record<string, number>, matchedKey = 'go-mod-old'): Promise<State> {
      const state = await jobState()
      await mkdir(path.join(state.store, 'example.com/b/@v'), { recursive: true })
      await writeFile(path.join(state.store, 'example.com/b/@v/v1.0.0.mod'), B_MOD)
      await writeFile(
        state.sumFile,
        'example.com/a v1.0.0/go.mod h1:NeOsx/KTizj35klXP3wYh3O0751aAtYrRoX+a6YAye8=\n' +
          `example.com/b v1.0.0/go.mod ${hashMod(Buffer.from(B_MOD))}\n`,
      )
      const files = path.join(root, 'base.json')
      await writeFile(files, JSON.stringify(Object.entries(baseSizes)))
      return { ...state, matchedKey, base: { key: 'go-mod-old', files } }
    }
    const A = 'example.com/a/@v/v1.0.0.mod'
    const B = 'example.com/b/@v/v1.0.0.mod'
    const X = 'example.com/x/@v/v1.0.0.mod'

    it('saves only what the base lacks, as a layer naming the base and what it leaves out', async () => {
      const { cache, saves, archived } = scripted(undefined, 1)
      const saved = await save(await onBase({ [A]: 100, [X]: 20 }), undefined, run(), cache)
      expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-layer-k'])
      expect(archived[0]?.files).toEqual([B])
      expect(archived[0]?.extra?.name).toBe('layer.json')
      expect(JSON.parse(archived[0]?.extra?.text ?? '')).toEqual({ base: 'go-mod-old', drop: [X] })
      expect(saved).toMatchObject({
        key: 'go-mod-layer-k',
        built: { files: 2 },
        layer: { base: 'go-mod-old', files: 1, bytes: B_MOD.length },
      })
    })

    it('saves a whole entry when the base holds too much the set no longer needs', async () => {
      const { cache, saves, archived } = scripted(undefined, 1)
      await save(await onBase({ [A]: 100, [X]: 40 }), undefined, run(), cache)
      expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-k'])
      expect(archived[0]).toEqual({ files: [A, B], extra: undefined })
    })

    it('saves a whole entry when the layer would add more than half the base', async () => {
      const { cache, saves } = scripted(undefined, 1)
      await save(await onBase({ [A]: B_MOD.length * 2 - 1 }), undefined, run(), cache)
      expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-k'])
    })

    it("does not save when a sibling saved this set's layer", async () => {
      const { cache, saves } = scripted('go-mod-layer-k', 1)
      const saved = await save(await onBase({ [A]: 100 }), undefined, run(), cache)
      expect(saved).toMatchObject({ key: '', reason: 'saved by another job' })
      expect(saves).toEqual([])
    })

    it("saves a whole entry under the plain key after restoring this set's layer without its base", async () => {
      const { cache, saves, archived } = scripted('go-mod-layer-k', 1)
      const { base: _gone, ...state } = await onBase({ [A]: 100 }, 'go-mod-layer-k')
      await save(state, undefined, run(), cache)
      expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-k'])
      expect(archived[0]).toEqual({ files: [A, B], extra: undefined })
    })
  })
})
