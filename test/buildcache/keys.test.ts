import { describe, expect, it } from 'vitest'
import { buildKey, buildKeyPrefix, buildRestorePrefixes } from '../../src/buildcache/entry.js'

describe('build cache keys', () => {
  const prefix = buildKeyPrefix('go-mod-cache-v1', { goos: 'linux', goarch: 'amd64', version: 'go1.26.8' })

  it('name the OS, arch and Go version, and end in a hash of the files used', () => {
    expect(prefix).toBe('go-mod-cache-v1-build-linux-amd64-go1.26.8-')
    expect(buildKey(prefix, ['b', 'a'])).toBe(buildKey(prefix, ['a', 'b']))
    expect(buildKey(prefix, ['a'])).toMatch(/^go-mod-cache-v1-build-linux-amd64-go1\.26\.8-[0-9a-f]{40}$/)
  })

  it("restore a scope's own entries first, then any scope's; without a scope, any", () => {
    expect(buildRestorePrefixes(prefix, '')).toEqual([prefix])
    expect(buildRestorePrefixes(prefix, 'api')).toEqual([`${prefix}api-`, prefix])
    // A key holds no commas or spaces: any text becomes a key part, and never reaches another scope's.
    const [own] = buildRestorePrefixes(prefix, 'api server, v2')
    expect(own).toBe(`${prefix}api_server_v2-`)
    expect(buildKey(own, ['a']).startsWith(`${prefix}api-`)).toBe(false)
  })
})
