import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportedGoflags, exportedGoproxy, modCache } from '../../src/action/goenv.js'

describe('exportedGoproxy', () => {
  it.each([
    ['https://proxy.golang.org,direct', 'http://127.0.0.1:5/|https://proxy.golang.org,direct'],
    [
      'https://a.example|https://b.example,off',
      'http://127.0.0.1:5/|https://a.example|https://b.example,off',
    ],
    // Credentials stay with the proxy: later steps can read GOPROXY.
    ['https://ci:s3cret@corp.example/go,direct', 'http://127.0.0.1:5/|https://corp.example/go,direct'],
    [
      'https://a:b@x.example|https://tok@y.example',
      'http://127.0.0.1:5/|https://x.example|https://y.example',
    ],
    // Read as cmd/go reads it: a bare host (credentials and all) is https, file:// stays.
    ['ci:s3cret@corp.example/go,direct', 'http://127.0.0.1:5/|https://corp.example/go,direct'],
    ['goproxy.cn,,direct', 'http://127.0.0.1:5/|https://goproxy.cn,direct'],
    [
      'file:///srv/goproxy|https://a.example/x?k=v',
      'http://127.0.0.1:5/|file:///srv/goproxy|https://a.example/x?k=v',
    ],
  ])('%s', (upstream, want) => {
    const got = exportedGoproxy('http://127.0.0.1:5/', upstream)
    expect(got).toBe(want)
    expect(got).not.toContain('s3cret')
  })
})

describe('exportedGoflags', () => {
  it.each([
    [undefined, '-modcacherw'],
    ['', '-modcacherw'],
    ['-mod=mod', '-mod=mod -modcacherw'],
    ['-mod=mod -modcacherw', '-mod=mod -modcacherw'],
    ['--modcacherw=true', '--modcacherw=true'],
  ])('%s', (goflags, want) => expect(exportedGoflags(goflags)).toBe(want))
})

describe('modCache', () => {
  it('follows GOMODCACHE, then the first GOPATH entry, then ~/go', () => {
    expect(modCache({ GOMODCACHE: '/m', GOPATH: '/g' })).toBe('/m')
    expect(modCache({ GOPATH: '/g1:/g2' })).toBe(join('/g1', 'pkg', 'mod'))
    expect(modCache({})).toBe(join(homedir(), 'go', 'pkg', 'mod'))
  })
})
