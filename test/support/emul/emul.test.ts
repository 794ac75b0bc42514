import { BlockBlobClient } from '@azure/storage-blob'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { runCacheClient } from './cache-client-run.js'
import { startCacheService, type CacheService } from './cache-service.js'
import { createJobContext, type JobContext } from './runner.js'

let service: CacheService
let workspace: string
let context: JobContext

beforeEach(async () => {
  service = await startCacheService()
  workspace = await mkdtemp(join(tmpdir(), 'emul-ws-'))
  context = await createJobContext({ workspace, cache: { url: service.url, token: service.token } })
})

afterEach(async () => {
  await service.stop()
  await rm(workspace, { recursive: true, force: true })
  await rm(context.runnerTemp, { recursive: true, force: true })
})

async function writeData(content: string): Promise<void> {
  await rm(join(workspace, 'data'), { recursive: true, force: true })
  await mkdir(join(workspace, 'data', 'sub'), { recursive: true })
  await writeFile(join(workspace, 'data', 'sub', 'file.txt'), content)
}

const readData = () => readFile(join(workspace, 'data', 'sub', 'file.txt'), 'utf8')
const save = (key: string) => runCacheClient(context, { op: 'save', paths: ['data'], key })
const restore = (key: string, restoreKeys: string[] = [], lookupOnly = false) =>
  runCacheClient(context, { op: 'restore', paths: ['data'], key, restoreKeys, lookupOnly })
const warnings = (stdout: string) => stdout.split('\n').filter((l) => /^::(warning|error)/.test(l))

describe('cache service with the real @actions/cache client', () => {
  test('save then exact restore round-trips a directory', async () => {
    await writeData('first')
    const saved = await save('go-mod-linux-abc')
    expect(saved.result).toEqual({ ok: true, value: 1 })
    const [entry] = service.entries()
    expect(entry).toMatchObject({ key: 'go-mod-linux-abc', finalized: true, scope: 'refs/heads/main' })
    expect(entry?.blobBytes).toBe(entry?.sizeBytes)
    expect(service.stats().bytesUploaded).toBe(entry?.blobBytes)

    await rm(join(workspace, 'data'), { recursive: true })
    const restored = await restore('go-mod-linux-abc')
    expect(restored.result).toEqual({ ok: true, value: 'go-mod-linux-abc' })
    expect(restored.stdout).toContain('Cache hit for: go-mod-linux-abc')
    expect(await readData()).toBe('first')
    expect(service.stats().bytesDownloaded).toBe(entry?.blobBytes)
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual([
      'CreateCacheEntry:200',
      'blob-upload:201',
      'FinalizeCacheEntryUpload:200',
      'GetCacheEntryDownloadURL:200',
      'blob-download:200',
    ])
  })

  test('exact key first, then restore keys as prefixes with the newest match winning', async () => {
    await writeData('older')
    await save('go-mod-aaa')
    await writeData('newer')
    await save('go-mod-bbb')
    await writeData('other')
    await save('other-zzz')

    const exact = await restore('go-mod-aaa', ['go-mod-'])
    expect(exact.result).toEqual({ ok: true, value: 'go-mod-aaa' })
    expect(await readData()).toBe('older')

    const partial = await restore('go-mod-ccc', ['nothing-', 'go-mod-'])
    expect(partial.result).toEqual({ ok: true, value: 'go-mod-bbb' })
    expect(partial.stdout).toContain('Cache hit for restore-key: go-mod-bbb')
    expect(await readData()).toBe('newer')

    const miss = await restore('absent', ['none-'])
    expect(miss.result).toEqual({ ok: true, value: null })
  })

  test('a second save of the same key: 409, reported as info and -1, never a warning', async () => {
    await writeData('x')
    expect((await save('dup-key')).result).toEqual({ ok: true, value: 1 })
    const second = await save('dup-key')
    expect(second.result).toEqual({ ok: true, value: -1 })
    expect(second.stdout).toContain('Failed to save: Unable to reserve cache with key dup-key')
    expect(warnings(second.stdout)).toEqual([])
    expect(service.calls.filter((c) => c.method === 'CreateCacheEntry').map((c) => c.status)).toEqual([
      200, 409,
    ])
    expect(service.entries()).toHaveLength(1)
  })

  test('lookupOnly answers the matched key without downloading', async () => {
    await writeData('kept')
    await save('look-1')
    await rm(join(workspace, 'data'), { recursive: true })
    const looked = await restore('look-2', ['look-'], true)
    expect(looked.result).toEqual({ ok: true, value: 'look-1' })
    expect(looked.stdout).toContain('Lookup only - skipping download')
    expect(service.calls.some((c) => c.method === 'blob-download')).toBe(false)
    await expect(readData()).rejects.toThrow()
  })

  test('an entry is invisible until finalized; versions and scopes must match', async () => {
    await writeData('scoped')
    service.setScopes('refs/heads/feature', ['refs/heads/feature', 'refs/heads/main'])
    await save('scope-key')
    // Another branch that cannot read the feature branch does not see it.
    service.setScopes('refs/heads/other', ['refs/heads/other', 'refs/heads/main'])
    expect((await restore('scope-key')).result).toEqual({ ok: true, value: null })
    service.setScopes('refs/heads/main', ['refs/heads/main', 'refs/heads/feature'])
    expect((await restore('scope-key')).result).toEqual({ ok: true, value: 'scope-key' })
    // Another path list means another version: a miss.
    const otherPaths = await runCacheClient(context, {
      op: 'restore',
      paths: ['data', 'more'],
      key: 'scope-key',
    })
    expect(otherPaths.result).toEqual({ ok: true, value: null })
  })

  test('a v2-incompatible environment falls back to the legacy client, which this service does not speak', async () => {
    await writeData('v1')
    const ghes = await runCacheClient(
      context,
      { op: 'restore', paths: ['data'], key: 'k' },
      { GITHUB_SERVER_URL: 'http://localhost:3000' },
    )
    expect(ghes.result).toEqual({ ok: true, value: null })
    const noFlag = await runCacheClient(
      context,
      { op: 'restore', paths: ['data'], key: 'k' },
      { ACTIONS_CACHE_SERVICE_V2: undefined },
    )
    expect(noFlag.result).toEqual({ ok: true, value: null })
    expect(noFlag.stdout).toContain('Cache service version: v1')
    // Neither run made a Twirp call; both asked the legacy API and got 404.
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual(['unknown:404', 'unknown:404'])
    expect(warnings(ghes.stdout + noFlag.stdout)).toHaveLength(2)
  })

  test('a wrong token is refused with 401 and the restore degrades to a miss with a warning', async () => {
    const wrong = await runCacheClient(
      context,
      { op: 'restore', paths: ['data'], key: 'k' },
      { ACTIONS_RUNTIME_TOKEN: 'not-the-token' },
    )
    expect(wrong.result).toEqual({ ok: true, value: null })
    expect(service.calls.map((c) => c.status)).toEqual([401])
    expect(warnings(wrong.stdout).join('\n')).toContain('401')
  })
})

describe('faults', () => {
  test('down: connections refused, the client fails at once without retries', async () => {
    await service.setFault('all', { kind: 'down' })
    await writeData('x')
    const restored = await restore('k')
    expect(restored.result).toEqual({ ok: true, value: null })
    expect(restored.stdout).toContain('ECONNREFUSED')
    expect(restored.stdout).not.toContain('Attempt 1 of 5 failed')
    const saved = await save('k')
    expect(saved.result).toEqual({ ok: true, value: -1 })
    expect(service.calls).toEqual([])
    // Back up: the same URL works again.
    await service.setFault('all', undefined)
    expect((await save('k')).result).toEqual({ ok: true, value: 1 })
  })

  test('429 is not retried and warns with the reset time', async () => {
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 429, retryAfter: 60 })
    const restored = await restore('k')
    expect(restored.result).toEqual({ ok: true, value: null })
    expect(restored.stdout).toContain("You've hit a rate limit, your rate limit will reset in 60 seconds")
    expect(service.calls.map((c) => c.status)).toEqual([429])
  })

  test('409 injected on create: saveCache returns -1 with an info line', async () => {
    await service.setFault('CreateCacheEntry', { kind: 'status', status: 409 })
    await writeData('x')
    const saved = await save('k')
    expect(saved.result).toEqual({ ok: true, value: -1 })
    expect(saved.stdout).toContain('another job may be creating this cache')
    expect(warnings(saved.stdout)).toEqual([])
  })

  test('one 500 then success: the client retries and restores', async () => {
    await writeData('retry')
    await save('r')
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 500, times: 1 })
    const restored = await restore('r')
    expect(restored.result).toEqual({ ok: true, value: 'r' })
    expect(restored.stdout).toContain('Attempt 1 of 5 failed with error: Failed request: (500)')
  })

  test('500 always: five attempts, then an error line and a miss', async () => {
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 500 })
    const restored = await restore('k')
    expect(restored.result).toEqual({ ok: true, value: null })
    expect(service.calls.filter((c) => c.method === 'GetCacheEntryDownloadURL')).toHaveLength(5)
    expect(restored.stdout).toContain('Failed to make request after 5 attempts')
  }, 90_000)

  test("a fault narrowed to one entry's key hits its calls and blob only", async () => {
    await writeData('build')
    await save('build-1')
    await writeData('modules')
    await save('mod-1')
    service.calls.length = 0
    await service.setFault('GetCacheEntryDownloadURL', { kind: 'status', status: 400, keyPrefix: 'build-' })
    expect((await restore('build-1')).result).toEqual({ ok: true, value: null })
    expect((await restore('mod-1')).result).toEqual({ ok: true, value: 'mod-1' })
    expect(await readData()).toBe('modules')
    await service.setFault('GetCacheEntryDownloadURL', undefined)
    await service.setFault('blob-download', { kind: 'truncate', afterBytes: 10, keyPrefix: 'build-' })
    expect((await restore('mod-1')).result).toEqual({ ok: true, value: 'mod-1' })
    const cut = await restore('build-1')
    expect(warnings(cut.stdout).length).toBeGreaterThan(0)
    expect(service.calls.map((c) => `${c.method}:${c.key ?? ''}:${c.fault ?? ''}`)).toEqual([
      'GetCacheEntryDownloadURL:build-1:status',
      'GetCacheEntryDownloadURL:mod-1:',
      'blob-download::',
      'GetCacheEntryDownloadURL:mod-1:',
      'blob-download::',
      'GetCacheEntryDownloadURL:build-1:',
      'blob-download::truncate',
    ])
  })

  test('a refused blob upload fails the save with a warning and leaves no visible entry', async () => {
    await service.setFault('blob-upload', { kind: 'status', status: 403 })
    await writeData('x')
    const saved = await save('k')
    expect(saved.result).toEqual({ ok: true, value: -1 })
    expect(warnings(saved.stdout).length).toBeGreaterThan(0)
    expect(service.entries().filter((e) => e.finalized)).toEqual([])
  })
})

describe('the self-hosted flavour (an independent v2 server)', () => {
  beforeEach(async () => {
    await service.stop()
    service = await startCacheService({ flavour: 'self-hosted' })
    context = await createJobContext({ workspace, cache: { url: service.url, token: service.token } })
  })

  test('@actions/cache saves and restores through it, with URLs that carry no query string', async () => {
    await writeData('self-hosted')
    expect((await save('k')).result).toEqual({ ok: true, value: 1 })
    await rm(join(workspace, 'data'), { recursive: true })
    expect((await restore('k')).result).toEqual({ ok: true, value: 'k' })
    expect(await readData()).toBe('self-hosted')
    expect(service.calls.map((c) => `${c.method}:${c.status}`)).toEqual([
      'CreateCacheEntry:200',
      'blob-upload:201',
      'FinalizeCacheEntryUpload:200',
      'GetCacheEntryDownloadURL:200',
      'blob-download:200',
    ])
  })

  test("the storage SDK's blocks are taken; a reserved key is a bare ok: false, a saved one 409", async () => {
    const create = () =>
      fetch(`${service.url}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${service.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: 'blocks', version: 'v1hash' }),
      })
    const created = (await (await create()).json()) as { ok: boolean; signed_upload_url: string }
    expect(created.signed_upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/upload\/\d+$/)
    expect(await (await create()).json()).toEqual({ ok: false })
    const data = Buffer.alloc(5000, 7)
    await new BlockBlobClient(created.signed_upload_url).uploadStream(Readable.from([data]), 1024, 2)
    const ops = service.calls.filter((c) => c.method === 'blob-upload').map((c) => `${c.op}:${c.status}`)
    expect(ops).toEqual([...Array<string>(5).fill('put-block:201'), 'put-block-list:201'])
    const finalize = await fetch(
      `${service.url}twirp/github.actions.results.api.v1.CacheService/FinalizeCacheEntryUpload`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${service.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: 'blocks', version: 'v1hash', size_bytes: '5000' }),
      },
    )
    expect(finalize.status).toBe(200)
    expect((await create()).status).toBe(409)
  })
})

describe('azure blob subset', () => {
  async function reserve(key: string): Promise<string> {
    const response = await fetch(
      `${service.url}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${service.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ key, version: 'v1hash' }),
      },
    )
    const body = (await response.json()) as { ok: boolean; signed_upload_url: string }
    expect(body.ok).toBe(true)
    return body.signed_upload_url
  }

  const twirp = async (method: string, body: unknown) => {
    const response = await fetch(`${service.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${service.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  test('Put Block + Put Block List from the Azure SDK compose the blob, downloadable after finalize', async () => {
    const uploadUrl = await reserve('blocks')
    const file = join(workspace, 'archive.bin')
    const data = Buffer.alloc(200_000)
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251
    await writeFile(file, data)
    await new BlockBlobClient(uploadUrl).uploadFile(file, {
      maxSingleShotSize: 50_000,
      blockSize: 64_000,
      concurrency: 2,
    })
    const ops = service.calls.filter((c) => c.method === 'blob-upload').map((c) => c.op)
    expect(ops).toEqual(['put-block', 'put-block', 'put-block', 'put-block', 'put-block-list'])
    expect(service.stats().bytesUploaded).toBe(data.length)

    const before = await twirp('GetCacheEntryDownloadURL', { key: 'blocks', version: 'v1hash' })
    expect(before.body.ok).toBe(false)
    const finalized = await twirp('FinalizeCacheEntryUpload', {
      key: 'blocks',
      version: 'v1hash',
      size_bytes: '200000',
    })
    expect(finalized.body).toEqual({ ok: true, entry_id: '1' })
    const after = await twirp('GetCacheEntryDownloadURL', { key: 'blocks', version: 'v1hash' })
    expect(after.body.matched_key).toBe('blocks')
    const downloaded = Buffer.from(await (await fetch(String(after.body.signed_download_url))).arrayBuffer())
    expect(downloaded.equals(data)).toBe(true)
    // The upload URL cannot read; a finalized entry cannot be written again.
    expect((await fetch(uploadUrl)).status).toBe(403)
    expect(
      (await fetch(uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'x' }))
        .status,
    ).toBe(409)
  })

  test('keys are validated and entries immutable', async () => {
    expect((await twirp('CreateCacheEntry', { key: 'a,b', version: 'v' })).status).toBe(400)
    expect((await twirp('CreateCacheEntry', { key: 'k'.repeat(513), version: 'v' })).status).toBe(400)
    expect((await twirp('CreateCacheEntry', { key: 'k', version: 'v' })).status).toBe(200)
    const again = await twirp('CreateCacheEntry', { key: 'k', version: 'v' })
    expect(again).toEqual({ status: 409, body: { code: 'already_exists', msg: expect.any(String) } })
    const tooMany = await twirp('GetCacheEntryDownloadURL', {
      key: 'k',
      restore_keys: Array.from({ length: 10 }, (_, i) => `r${i}`),
      version: 'v',
    })
    expect(tooMany.status).toBe(400)
  })
})
