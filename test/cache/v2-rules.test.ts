import { describe, expect, test } from 'vitest'
// The storage SDK's own block-id maker (not exported by the package): the oracle for ours.
import { generateBlockID } from '../../node_modules/@azure/storage-blob/dist/esm/utils/utils.common.js'
import { blockId, withQuery } from '../../src/cache/v2/blob.js'
import { denied, rateLimitWait } from '../../src/cache/v2/twirp.js'
import { blockIndex } from '../support/emul/self-hosted.js'

describe('signed upload URLs get their parameters through the URL API', () => {
  test.each([
    [
      'an Azure SAS URL: its pairs kept byte for byte',
      'https://a.blob.core.windows.net/c/1?sv=2025-01-05&se=2026-01-01T00%3A00%3A00Z&sig=a%2Bb%3D',
      'https://a.blob.core.windows.net/c/1?sv=2025-01-05&se=2026-01-01T00%3A00%3A00Z&sig=a%2Bb%3D&comp=block&blockid=YS9iK2M%3D',
    ],
    [
      'a self-hosted URL without a query string',
      'http://cache.internal:3000/devstoreaccount1/upload/123',
      'http://cache.internal:3000/devstoreaccount1/upload/123?comp=block&blockid=YS9iK2M%3D',
    ],
    [
      'a parameter already there is replaced, not repeated',
      'http://h/u?comp=x&sig=s',
      'http://h/u?sig=s&comp=block&blockid=YS9iK2M%3D',
    ],
  ])('%s', (_, url, expected) => {
    expect(withQuery(url, { comp: 'block', blockid: 'YS9iK2M=' })).toBe(expected)
    expect(new URL(expected).searchParams.get('blockid')).toBe('YS9iK2M=')
  })
})

describe('block ids are made as the storage SDK makes them', () => {
  const prefix = '0b9f5c3e-8d5e-4a4f-9a57-2f2f2c0e7b11'

  test.each([0, 1, 9, 10, 4095])('index %i: the same id as generateBlockID', (index) => {
    const id = blockId(prefix, index)
    expect(id).toBe(generateBlockID(prefix, index))
    expect(Buffer.from(id, 'base64')).toHaveLength(48)
    // The self-hosted server reads the index back from it.
    expect(blockIndex(id)).toBe(index)
  })

  test("the self-hosted server's rule: 48 or 64 bytes, nothing else", () => {
    // The ids this client used to send: 16 bytes.
    expect(blockIndex(Buffer.from('gmc-block-000001').toString('base64'))).toBeUndefined()
    const buildx = Buffer.alloc(64)
    buildx.writeUInt32BE(7, 16)
    expect(blockIndex(buildx.toString('base64'))).toBe(7)
    expect(blockIndex(Buffer.from(`${prefix}not-a-number`).toString('base64'))).toBeUndefined()
  })
})

describe('a 429 is tried again when its Retry-After fits in what is left to wait', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  test.each([
    ['seconds', '5', 60_000, 5_000],
    ['zero', '0', 60_000, 0],
    ['an HTTP date', 'Thu, 01 Jan 2026 00:00:10 GMT', 60_000, 10_000],
    ['a date already past', 'Wed, 31 Dec 2025 23:59:00 GMT', 60_000, 0],
    ['longer than the whole budget', '61', 60_000, undefined],
    ['longer than what is left of it', '30', 20_000, undefined],
    ['no header', undefined, 60_000, undefined],
    ['a header that is neither', 'soon', 60_000, undefined],
  ])('%s', (_, header, budget, expected) => {
    expect(rateLimitWait(header, budget, now)).toBe(expected)
  })
})

test('read-only answers are recognised by how they begin', () => {
  expect(denied('cache write denied: the token of this run is read-only')).toBe(true)
  expect(denied('cache read denied: no readable scopes')).toBe(true)
  expect(denied('Cache Write Denied: shouting')).toBe(true)
  expect(denied('insufficient usage: the cache write denied nothing')).toBe(false)
})
