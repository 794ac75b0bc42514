import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { download } from '../../src/cache/v2/blob.js'
import { cacheVersion, streamingCache } from '../../src/cache/v2/index.js'
import { libraryCache } from '../../src/cache/library-cache.js'
import { twirp } from '../../src/cache/v2/twirp.js'
import type { CacheProvider } from '../../src/cache/provider.js'
import { cacheEnv } from '../../src/action/context.js'
import { runCacheClient } from '../support/emul/cache-client-run.js'
import {
  startCacheService,
  type CacheService,
  type CacheServiceOptions,
} from '../support/emul/cache-service.js'
import { createJobContext, type JobContext } from '../support/emul/runner.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'

// 10 MiB and a bit: three upload blocks and three ranged GETs of 4 MiB.
const BIG = (10 << 20) + 12345
const PATHS = ['entry']

let service: CacheService
let ws: TempDir
let context: JobContext
let big: Buffer
let out: string[]

async function start(opts: CacheServiceOptions = {}): Promise<void> {
  service = await startCacheService(opts)
  context = await createJobContext({ workspace: ws.path, cache: { url: service.url, token: service.token } })
}

beforeEach(async () => {
  ws = tempDir('gmc-cachev2-')
  big = randomBytes(BIG)
  out = []
  // The client's lines (workflow commands on stdout), for assertions.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true))
  await start()
})

afterEach(async () => {
  vi.restoreAllMocks()
  await service.stop()
  ws.remove()
  rmSync(context.runnerTemp, { recursive: true, force: true })
})

function env(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...context.vars, GITHUB_WORKSPACE: ws.path, PATH: process.env.PATH, ...extra }
}

// Ranged GETs as from Azure, unless a test says otherwise.
function client(extra: Record<string, string> = {}, rangedDownloads = true, stallMs?: number): CacheProvider {
  const cache = streamingCache(cacheEnv(env(extra)), { rangedDownloads, stallMs })
  if (cache === undefined) throw new Error('the streaming client does not apply (zstd or tar missing?)')
  return cache
}

function writeEntry(): void {
  rmSync(join(ws.path, 'entry'), { recursive: true, force: true })
  mkdirSync(join(ws.path, 'entry', 'sub'), { recursive: true })
  writeFileSync(join(ws.path, 'entry', 'sub', 'big.bin'), big)
  writeFileSync(join(ws.path, 'entry', 'small.txt'), 'small\n')
}

// The entry writeEntry() made, saved from its directory by a file list, as post saves from the store.
function saveEntry(cache: CacheProvider, key: string): ReturnType<CacheProvider['saveFiles']> {
  return cache.saveFiles(join(ws.path, 'entry'), ['small.txt', 'sub/big.bin'], 'entry', key)
}

function expectEntry(): void {
  expect(readFileSync(join(ws.path, 'entry', 'small.txt'), 'utf8')).toBe('small\n')
  expect(readFileSync(join(ws.path, 'entry', 'sub', 'big.bin')).equals(big)).toBe(true)
}

const problems = (): string[] => out.filter((l) => /^::(warning|error)::/.test(l))
const blobOps = (): string[] =>
  service.calls.filter((c) => c.method.startsWith('blob-')).map((c) => `${c.op}:${c.status}`)

describe('streaming v2 cache client against the emulated service', () => {
  test('saves in blocks while tar writes, restores with ranged GETs while tar reads', async () => {
    writeEntry()
    const saved = await saveEntry(client(), 'k-1')
    expect(saved).toEqual({ value: 1, failed: false })
    const ops = blobOps()
    expect(ops.at(-1)).toBe('put-block-list:201')
    // Random bytes do not compress: the archive is a little over BIG, so three blocks.
    expect(ops.filter((o) => o === 'put-block:201')).toHaveLength(3)
    const [entry] = service.entries()
    expect(entry).toMatchObject({ key: 'k-1', finalized: true, version: cacheVersion(PATHS) })
    expect(entry?.sizeBytes).toBe(entry?.blobBytes)

    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    const restored = await client().restore(PATHS, 'k-2', ['k-'], false)
    expect(restored).toEqual({ value: 'k-1', failed: false })
    expectEntry()
    expect(blobOps()).toEqual(['get:206', 'get:206', 'get:206'])
    expect(service.stats().bytesDownloaded).toBe(entry?.blobBytes)
    expect(out.join('')).toContain('Cache hit for restore-key: k-1')
    expect(problems()).toEqual([])
  })

  test("its entries and the library's are the same: each restores the other", async () => {
    writeEntry()
    expect(await saveEntry(client(), 'ours')).toEqual({ value: 1, failed: false })
    rmSync(join(ws.path, 'entry'), { recursive: true })
    const byLibrary = await runCacheClient(context, {
      op: 'restore',
      paths: PATHS,
      key: 'ours',
      crossOs: true,
    })
    expect(byLibrary.result).toEqual({ ok: true, value: 'ours' })
    expectEntry()

    const saved = await runCacheClient(context, { op: 'save', paths: PATHS, key: 'theirs', crossOs: true })
    expect(saved.result).toEqual({ ok: true, value: 2 })
    expect(service.entries()[1]?.version).toBe(cacheVersion(PATHS))
    rmSync(join(ws.path, 'entry'), { recursive: true })
    expect(await client().restore(PATHS, 'theirs', [], false)).toEqual({ value: 'theirs', failed: false })
    expectEntry()
  })

  test('an entry of listed files is archived as if under its path: the library restores it there', async () => {
    const store = join(ws.path, 'store')
    mkdirSync(join(store, 'm', '@v'), { recursive: true })
    writeFileSync(join(store, 'm', '@v', 'v1.zip'), big)
    writeFileSync(join(store, 'm', '@v', 'v1.mod'), 'module m\n')
    writeFileSync(join(store, 'm', '@v', 'v2.zip'), 'not in the list')
    // gone: a file another job's proxy moved aside meanwhile is left out, not a failed save
    const files = ['m/@v/v1.mod', 'm/@v/v1.zip', 'm/@v/gone.zip']
    expect(await client().saveFiles(store, files, 'entry', 'list')).toEqual({ value: 1, failed: false })
    expect(service.entries()[0]?.version).toBe(cacheVersion(['entry']))
    const byLibrary = await runCacheClient(context, {
      op: 'restore',
      paths: ['entry'],
      key: 'list',
      crossOs: true,
    })
    expect(byLibrary.result).toEqual({ ok: true, value: 'list' })
    expect(readFileSync(join(ws.path, 'entry', 'm', '@v', 'v1.zip')).equals(big)).toBe(true)
    expect(readFileSync(join(ws.path, 'entry', 'm', '@v', 'v1.mod'), 'utf8')).toBe('module m\n')
    expect(readdirSync(join(ws.path, 'entry', 'm', '@v')).sort()).toEqual(['v1.mod', 'v1.zip'])
    expect(problems()).toEqual([])
  })

  test('from other hosts than Azure, one GET of the whole blob, as the library does', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    expect(await client({}, false).restore(PATHS, 'k', [], false)).toEqual({ value: 'k', failed: false })
    expectEntry()
    expect(blobOps()).toEqual(['get:200'])
  })

  test('waiting for a slow extractor to drain leaves no listener behind', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    const found = await twirp<{ signed_download_url: string }>(
      { resultsUrl: service.url, token: service.token },
      'GetCacheEntryDownloadURL',
      { key: 'k', restore_keys: [], version: cacheVersion(PATHS) },
    )
    // A sink that drains a tick after every 1 KiB: hundreds of waits, each adding listeners.
    let bytes = 0
    const sink = new Writable({
      highWaterMark: 1024,
      write: (chunk: Buffer, _encoding, callback) =>
        void setImmediate(() => ((bytes += chunk.length), callback())),
    })
    const baseline = ['drain', 'close', 'error'].map((e) => sink.listenerCount(e))
    for (const ranged of [false, true]) await download(found.signed_download_url, sink, ranged)
    expect(bytes).toBe(2 * (service.entries()[0]?.blobBytes ?? -1))
    // Node warns of a leak on the step's stderr past 10 listeners of one event.
    expect(['drain', 'close', 'error'].map((e) => sink.listenerCount(e))).toEqual(baseline)
  })

  test('a server that ignores Range streams the whole blob from the first GET', async () => {
    await service.stop()
    await start({ ranges: false })
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    expect(await client().restore(PATHS, 'k', [], false)).toEqual({ value: 'k', failed: false })
    expectEntry()
    expect(blobOps()).toEqual(['get:200'])
  })

  test.each([true, false])(
    'a download cut short fails the restore with one line (ranges: %s)',
    async (ranges) => {
      await service.stop()
      await start({ ranges })
      writeEntry()
      await saveEntry(client(), 'k')
      rmSync(join(ws.path, 'entry'), { recursive: true })
      await service.setFault('blob-download', { kind: 'truncate', afterBytes: 1 << 20 })
      const restored = await client().restore(PATHS, 'k', [], false)
      expect(restored).toEqual({ value: undefined, failed: true })
      expect(problems()).toHaveLength(1)
      expect(problems()[0]).toMatch(/^::warning::Failed to restore: /)
      // What it got versus what was expected, and nothing half-extracted left behind.
      expect(problems()[0]).toMatch(/restore failed at \d+\.\d of 10\.0 MB \(.+\): continuing uncached/)
      expect(existsSync(join(ws.path, 'entry'))).toBe(false)
    },
  )

  test.each([true, false])(
    'a download that stalls is abandoned within the bound, in one line, leaving nothing (ranges: %s)',
    async (ranges) => {
      await service.stop()
      await start({ ranges })
      writeEntry()
      await saveEntry(client(), 'k')
      rmSync(join(ws.path, 'entry'), { recursive: true })
      await service.setFault('blob-download', { kind: 'stall', afterBytes: 1 << 20 })
      const restored = await client({}, true, 300).restore(PATHS, 'k', [], false)
      expect(restored).toEqual({ value: undefined, failed: true })
      expect(problems()).toEqual([
        expect.stringMatching(
          /^::warning::Failed to restore: restore stalled after \d+ s at \d+\.\d of 10\.0 MB: continuing uncached\n$/,
        ),
      ])
      expect(existsSync(join(ws.path, 'entry'))).toBe(false)
    },
  )

  test('through @actions/cache a stalled restore is abandoned from outside, in one line, leaving nothing', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    await service.setFault('blob-download', { kind: 'stall', afterBytes: 1 << 20 })
    // The library reads the runner's variables from the process environment.
    for (const [name, value] of Object.entries(env())) if (value !== undefined) vi.stubEnv(name, value)
    try {
      const restored = await libraryCache(ws.path, { stallMs: 500 }).restore(PATHS, 'k', [], false)
      expect(restored).toEqual({ value: undefined, failed: true })
      // It was given the entry, so it was its download that stalled.
      expect(
        service.calls.filter((c) => c.method === 'GetCacheEntryDownloadURL').map((c) => c.status),
      ).toEqual([200])
    } finally {
      vi.unstubAllEnvs()
    }
    expect(problems()).toEqual([
      expect.stringMatching(
        /^::warning::Failed to restore: restore stalled after \d+ s at \d+\.\d of \? MB: continuing uncached\n$/,
      ),
    ])
    expect(existsSync(join(ws.path, 'entry'))).toBe(false)
  })

  test('through @actions/cache a download cut short says what it got, after the library’s own line', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    await service.setFault('blob-download', { kind: 'truncate', afterBytes: 1 << 20 })
    for (const [name, value] of Object.entries(env())) if (value !== undefined) vi.stubEnv(name, value)
    try {
      const restored = await libraryCache(ws.path, { stallMs: 60_000 }).restore(PATHS, 'k', [], false)
      expect(restored).toEqual({ value: undefined, failed: true })
    } finally {
      vi.unstubAllEnvs()
    }
    expect(problems()).toEqual([expect.stringMatching(/^::warning::Failed to restore: /)])
    expect(out.join('')).toMatch(
      /restore failed at \d+\.\d MB \(the library gave up, see above\): continuing uncached/,
    )
  })

  test('a reset ranged GET is tried again', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    await service.setFault('blob-download', { kind: 'reset', times: 2 })
    expect(await client().restore(PATHS, 'k', [], false)).toEqual({ value: 'k', failed: false })
    expectEntry()
    expect(problems()).toEqual([])
  })

  test('a key that exists costs no archive work and no warning', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    service.calls.length = 0
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: false })
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual(['CreateCacheEntry:409'])
    expect(problems()).toEqual([])
    expect(out.join('')).toContain('Unable to reserve cache with key k')
  })

  test('a reservation is one CreateCacheEntry: no archive, no upload; a second one is refused as info', async () => {
    expect(await client().reserve('claim', 'claim-k-1')).toEqual({ value: true, failed: false })
    expect(await client().reserve('claim', 'claim-k-1')).toEqual({ value: false, failed: false })
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual([
      'CreateCacheEntry:200',
      'CreateCacheEntry:409',
    ])
    expect(service.entries()).toMatchObject([
      { key: 'claim-k-1', version: cacheVersion(['claim']), finalized: false },
    ])
    expect(problems()).toEqual([])
    expect(out.join('')).toContain('Failed to reserve: Unable to reserve cache with key claim-k-1')
    await service.setFault('CreateCacheEntry', { kind: 'status', status: 403 })
    expect(await client().reserve('claim', 'claim-k-2')).toEqual({ value: false, failed: true })
    expect(problems()).toHaveLength(1)
  })

  test('an upload refused midway is one warning and no entry', async () => {
    writeEntry()
    await service.setFault('blob-upload', { kind: 'status', status: 403 })
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: true })
    expect(service.entries().filter((e) => e.finalized)).toEqual([])
    expect(problems()).toHaveLength(1)
    expect(problems()[0]).toMatch(/^::warning::Failed to save: Put Block: answered 403 \(InjectedFault\)/)
  })

  test('a 500 from the service is tried again, after the first backoff of the library’s schedule (up to 3 s)', async () => {
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 500, times: 1 })
    expect(await client().restore(PATHS, 'none', [], true)).toEqual({ value: undefined, failed: false })
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual([
      'GetCacheEntryDownloadURL:500',
      'GetCacheEntryDownloadURL:200',
    ])
    expect(out.join('')).toContain('attempt 1 of 5 failed')
    expect(problems()).toEqual([])
  })

  test('a restore fails fast: a 500 every time is three tries, then one warning and uncached', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 500 })
    expect(await client().restore(PATHS, 'k', [], false)).toEqual({ value: undefined, failed: true })
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual(
      Array<string>(3).fill('GetCacheEntryDownloadURL:500'),
    )
    expect(out.join('')).toContain('attempt 2 of 3 failed')
    expect(problems()).toEqual([
      expect.stringMatching(
        /^::warning::Failed to restore: GetCacheEntryDownloadURL failed after 3 attempts/,
      ),
    ])
    expect(existsSync(join(ws.path, 'entry'))).toBe(false)
  })

  test('a restore waits out a short Retry-After, never a long one', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    service.calls.length = 0
    await service.setFault('GetCacheEntryDownloadURL', {
      kind: 'status',
      status: 429,
      retryAfter: 1,
      times: 1,
    })
    expect(await client().restore(PATHS, 'k', [], false)).toEqual({ value: 'k', failed: false })
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 429, retryAfter: 6 })
    expect(await client().restore(PATHS, 'k', [], false)).toEqual({ value: undefined, failed: true })
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual([
      'GetCacheEntryDownloadURL:429',
      'GetCacheEntryDownloadURL:200',
      'blob-download:206',
      'blob-download:206',
      'blob-download:206',
      'GetCacheEntryDownloadURL:429',
    ])
    expect(problems()).toEqual([
      expect.stringMatching(
        /^::warning::Failed to restore: GetCacheEntryDownloadURL failed: rate limited \(429\)/,
      ),
    ])
  })

  test('a rate-limited lookup is one warning; a miss is none', async () => {
    expect(await client().restore(PATHS, 'none', ['no-'], false)).toEqual({ value: undefined, failed: false })
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 429 })
    expect(await client().restore(PATHS, 'k', [], true)).toEqual({ value: undefined, failed: true })
    expect(problems()).toHaveLength(1)
    expect(problems()[0]).toMatch(/Failed to restore: GetCacheEntryDownloadURL failed: rate limited \(429\)/)
  })

  test('lookup only answers the matched key and downloads nothing', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    expect(await client().restore(PATHS, 'k', [], true)).toEqual({ value: 'k', failed: false })
    expect(blobOps()).toEqual([])
  })

  test('signatures of the signed URLs are masked before anything could log them', async () => {
    writeEntry()
    await saveEntry(client(), 'k')
    await client().restore(PATHS, 'k', [], true)
    const masks = out.filter((l) => l.startsWith('::add-mask::'))
    for (const entry of service.entries()) {
      expect(masks.join('')).toContain(entry.uploadSig)
      expect(masks.join('')).toContain(entry.downloadSig)
    }
  })

  test('keys the service would refuse are refused here, with one line', async () => {
    expect(await saveEntry(client(), 'a,b')).toEqual({ value: -1, failed: true })
    expect(problems()[0]).toMatch(/contains a comma/)
    expect(service.calls).toEqual([])
  })

  test('ACTIONS_CACHE_MODE forbids reads or writes, as in the library', async () => {
    writeEntry()
    expect(await saveEntry(client({ ACTIONS_CACHE_MODE: 'read' }), 'k')).toEqual({
      value: -1,
      failed: false,
    })
    expect(service.calls).toEqual([])
    await saveEntry(client(), 'k')
    service.calls.length = 0
    const denied = await client({ ACTIONS_CACHE_MODE: 'write-only' }).restore(PATHS, 'k', [], false)
    expect(denied).toEqual({ value: undefined, failed: false })
    expect(service.calls).toEqual([])
    expect(problems()).toEqual([])
    expect(out.join('')).toContain('Cache save skipped: the effective cache-mode does not permit writes.')
    expect(out.join('')).toContain('Cache restore skipped: the effective cache-mode does not permit reads.')
  })

  test.each([
    ['an HTTP proxy', { https_proxy: 'http://proxy.internal:3128' }],
    ['GHES', { GITHUB_SERVER_URL: 'https://github.example.com' }],
    ['the v1 service', { ACTIONS_CACHE_SERVICE_V2: '' }],
    ['no zstd on PATH', { PATH: '/nonexistent' }],
  ])('the library does the work with %s', (_, extra) => {
    expect(streamingCache(cacheEnv(env(extra)))).toBeUndefined()
  })
})

describe('answers of servers we did not write, and of a busy or read-only service', () => {
  const infos = (): string => out.filter((l) => !l.startsWith('::')).join('')
  const calls = (): string[] => service.calls.map((c) => `${c.method}:${c.status}`)

  async function selfHosted(): Promise<void> {
    await service.stop()
    await start({ flavour: 'self-hosted' })
  }

  test('a self-hosted v2 server takes an entry of many blocks and one of one, from URLs without a query', async () => {
    await selfHosted()
    writeEntry()
    expect(await saveEntry(client(), 'many')).toEqual({ value: 1, failed: false })
    expect(blobOps()).toEqual([...Array<string>(3).fill('put-block:201'), 'put-block-list:201'])
    service.calls.length = 0
    const small = await client().saveFiles(join(ws.path, 'entry'), ['small.txt'], 'entry', 'one')
    expect(small).toEqual({ value: 2, failed: false })
    expect(blobOps()).toEqual(['put-block:201', 'put-block-list:201'])
    rmSync(join(ws.path, 'entry'), { recursive: true })
    service.calls.length = 0
    // Its download URL ignores Range: one GET of the whole blob.
    expect(await client().restore(PATHS, 'many', [], false)).toEqual({ value: 'many', failed: false })
    expect(blobOps()).toEqual(['get:200'])
    expectEntry()
    expect(problems()).toEqual([])
  })

  test('smaller blocks on request (GO_MOD_CACHE_UPLOAD_BLOCK_BYTES); a value out of bounds is ignored', async () => {
    writeEntry()
    const blocks = (): number => blobOps().filter((o) => o === 'put-block:201').length
    await saveEntry(client({ GO_MOD_CACHE_UPLOAD_BLOCK_BYTES: String(2 << 20) }), 'small-blocks')
    expect(blocks()).toBe(6)
    service.calls.length = 0
    await saveEntry(client({ GO_MOD_CACHE_UPLOAD_BLOCK_BYTES: String(64 << 20) }), 'default-blocks')
    expect(blocks()).toBe(3)
    expect(service.entries().filter((e) => e.finalized)).toHaveLength(2)
  })

  test('a reservation left by a failed upload (ok: false) is info, and the service is not marked failed', async () => {
    await selfHosted()
    writeEntry()
    await service.setFault('blob-upload', { kind: 'status', status: 400, times: 1 })
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: true })
    expect(problems()).toHaveLength(1)
    out.length = 0
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: false })
    expect(await client().reserve('entry', 'k')).toEqual({ value: false, failed: false })
    expect(problems()).toEqual([])
    expect(infos()).toContain(
      'Failed to save: Unable to reserve cache with key k, another job may be creating this cache.',
    )
    expect(infos()).toContain('Failed to reserve: Unable to reserve cache with key k, another job')
  })

  test('a 429 is tried again after its Retry-After', async () => {
    writeEntry()
    await service.setFault('CreateCacheEntry', { kind: 'status', status: 429, retryAfter: 1, times: 1 })
    expect(await saveEntry(client(), 'k')).toEqual({ value: 1, failed: false })
    expect(calls().slice(0, 2)).toEqual(['CreateCacheEntry:429', 'CreateCacheEntry:200'])
    expect(infos()).toContain('retrying in 1000 ms, as Retry-After asks')
    expect(problems()).toEqual([])
  })

  test('a 429 whose Retry-After is past the bound gives up at once, with one warning', async () => {
    writeEntry()
    await service.setFault('CreateCacheEntry', { kind: 'status', status: 429, retryAfter: 61 })
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: true })
    expect(calls()).toEqual(['CreateCacheEntry:429'])
    expect(problems()).toHaveLength(1)
    expect(problems()[0]).toMatch(/^::warning::Failed to save: CreateCacheEntry failed: rate limited \(429\)/)
  })

  test("the waits of one step's calls share the bound", async () => {
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 429, retryAfter: 1 })
    const busy = { resultsUrl: service.url, token: service.token, rateLimitBudgetMs: 1500 }
    const lookup = () => twirp(busy, 'GetCacheEntryDownloadURL', { key: 'k', version: cacheVersion(PATHS) })
    await expect(lookup()).rejects.toThrow(/rate limited \(429\)/)
    // One wait of 1 s fitted in 1.5 s; the second did not.
    expect(calls()).toEqual(['GetCacheEntryDownloadURL:429', 'GetCacheEntryDownloadURL:429'])
    expect(busy.rateLimitBudgetMs).toBe(500)
  })

  test('a read-only token: saves and reservations refused as info, not warnings', async () => {
    await service.stop()
    await start({ readOnly: true })
    writeEntry()
    expect(await saveEntry(client(), 'k')).toEqual({ value: -1, failed: false })
    expect(await client().reserve('claim', 'c')).toEqual({ value: false, failed: false })
    expect(calls()).toEqual(['CreateCacheEntry:200', 'CreateCacheEntry:200'])
    expect(problems()).toEqual([])
    expect(infos()).toContain(
      'Failed to save: Unable to reserve cache with key k. More details: cache write denied:',
    )
  })

  test('a token that may not read: a miss, said as info', async () => {
    await service.stop()
    await start({ denyReads: true })
    expect(await client().restore(PATHS, 'k', ['k-'], false)).toEqual({ value: undefined, failed: false })
    expect(calls()).toEqual(['GetCacheEntryDownloadURL:403'])
    expect(problems()).toEqual([])
    expect(infos()).toContain('Cache restore skipped: GetCacheEntryDownloadURL failed: cache read denied:')
  })
})
