import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheProvider } from '../src/cache.js'
import { save } from '../src/save.js'
import type { State } from '../src/state.js'

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
  const cache: CacheProvider = {
    restore: async () => ({ value: existing, failed: false }),
    saveFiles: async (_root, _files, _path, key) => (saves.push(key), { value: saveId, failed: false }),
    reserve: async (_path, key) => (
      saves.push(`reserve ${key}`),
      { value: saveId !== -1 && !failed, failed }
    ),
    available: async () => true,
  }
  return { cache, saves }
}

describe('save', () => {
  const env = () => ({ GITHUB_WORKSPACE: path.join(root, 'ws'), GITHUB_RUN_ID: '7' })

  it('fetches nothing and archives nothing when the key exists already', async () => {
    const { cache, saves } = scripted('go-mod-k', 1)
    const saved = await save(await jobState(), undefined, env(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'saved by another job' })
    expect(saves).toEqual([])
    expect(upstreamRequests).toEqual([])
    expect(await readdir(path.join(root, 'ws')).catch(() => [])).toEqual([])
  })

  it('fetches nothing when another job claimed the key', async () => {
    const { cache, saves } = scripted(undefined, -1)
    const saved = await save(await jobState(), undefined, env(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'another job is saving this key' })
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1'])
    expect(upstreamRequests).toEqual([])
  })

  it('fetches nothing when the claim fails, and says the service failed', async () => {
    const { cache, saves } = scripted(undefined, 1, true)
    const saved = await save(await jobState(), undefined, env(), cache)
    expect(saved).toMatchObject({ key: '', reason: 'the cache service failed' })
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1'])
    expect(upstreamRequests).toEqual([])
  })

  it('completes the go.sum set from upstream, then saves, once the claim is won', async () => {
    const { cache, saves } = scripted(undefined, 1)
    const saved = await save(await jobState(), undefined, env(), cache)
    expect(upstreamRequests).toEqual(['/example.com/b/@v/v1.0.0.mod'])
    expect(saves).toEqual(['reserve claim-go-mod-k-7-1', 'go-mod-k'])
    expect(saved).toMatchObject({
      key: 'go-mod-k',
      reason: 'saved',
      built: { files: 1, missing: ['example.com/b/@v/v1.0.0.mod'] },
    })
  })
})
