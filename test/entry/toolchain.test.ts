import { cpSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CacheProvider } from '../../src/cache/provider.js'
import {
  compareGo,
  isToolchainFile,
  readGoLines,
  restoreToolchain,
  saveToolchain,
  toolchainFiles,
  toolchainKeyPrefix,
  TOOLCHAIN_ENTRY_PATH,
  wantedToolchain,
} from '../../src/entry/toolchain.js'
import { buildEntry } from '../../src/entry/build.js'
import { GoSums } from '../../src/proxy/module/gosum.js'
import { tempDir } from '../support/helpers/tempdir.js'

const dir = tempDir('gmc-toolchain-entry-')
afterAll(() => dir.remove())
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return () => vi.restoreAllMocks()
})

const LINUX = { goos: 'linux', goarch: 'amd64' }

describe('wantedToolchain (cmd/go toolchain.Select)', () => {
  it.each([
    ['local', 'go1.26.8', { go: '1.30' }, null],
    ['go1.27.3', 'go1.26.8', undefined, 'go1.27.3'],
    ['go1.26.8', 'go1.26.8', undefined, null],
    ['path', 'go1.26.8', { go: '1.30.0' }, null],
    ['go1.27.0+path', 'go1.26.8', { go: '1.30.0' }, null],
    ['auto', 'go1.26.8', undefined, undefined],
    ['auto', 'go1.26.8', { go: '1.19' }, null],
    ['auto', 'go1.26.8', { go: '1.27.3' }, 'go1.27.3'],
    // A language version from 1.21 on is its first release, .0.
    ['auto', 'go1.26.8', { go: '1.27' }, 'go1.27.0'],
    ['auto', 'go1.26.8', { go: '1.27.1', toolchain: 'go1.27.3' }, 'go1.27.3'],
    ['auto', 'go1.26.8', { go: '1.27.3', toolchain: 'go1.27.1' }, 'go1.27.3'],
    ['auto', 'go1.26.8', { go: '1.21', toolchain: 'default' }, null],
    ['go1.27.3+auto', 'go1.26.8', { go: '1.19' }, 'go1.27.3'],
    ['local+auto', 'go1.26.8', { go: '1.28rc1' }, 'go1.28rc1'],
  ] as const)('GOTOOLCHAIN=%s, local %s, go.mod %j: %s', (gotoolchain, local, file, want) => {
    expect(wantedToolchain(gotoolchain, local, file)).toBe(want)
  })

  it('compares versions as gover does', () => {
    expect(compareGo('1.27.3', '1.27.10')).toBe(-1)
    expect(compareGo('1.28rc1', '1.28.0')).toBe(-1)
    expect(compareGo('1.28beta1', '1.28rc1')).toBe(-1)
    expect(compareGo('1.21', '1.21.0')).toBe(-1)
    expect(compareGo('1.27.3', '1.27.3')).toBe(0)
  })

  it('reads go and toolchain lines, comments and blocks aside', () => {
    expect(readGoLines('module m\n\ngo 1.27.1 // pinned\n\ntoolchain go1.27.3\nrequire x v1\n')).toEqual({
      go: '1.27.1',
      toolchain: 'go1.27.3',
    })
    expect(readGoLines('go 1.22\nuse ./a\n')).toEqual({ go: '1.22' })
  })
})

describe('the toolchain entry', () => {
  const download = join(dir.path, 'download')
  const version = 'v0.0.1-go1.27.3.linux-amd64'
  const lookup = `sumdb/sum.golang.org/lookup/golang.org/toolchain@${version}`
  const old = new Date(Date.now() - 3_600_000)
  const since = Date.now() - 60_000
  const put = (rel: string, text = rel, when?: Date) => {
    mkdirSync(dirname(join(download, rel)), { recursive: true })
    writeFileSync(join(download, rel), text)
    if (when) utimesSync(join(download, rel), when, when)
  }
  put(`golang.org/toolchain/@v/${version}.zip`, 'zip bytes')
  put(`golang.org/toolchain/@v/${version}.ziphash`)
  put(`golang.org/toolchain/@v/${version}.info`)
  put('golang.org/toolchain/@v/v0.0.1-go1.27.3.darwin-arm64.zip')
  put(`sumdb/sum.golang.org/lookup/golang.org/toolchain@v0.0.1-go1.27.3.darwin-arm64`)
  put(lookup)
  put('sumdb/sum.golang.org/tile/8/0/x001/234', 'new tile')
  put('sumdb/sum.golang.org/tile/8/1/005.p/12', 'new partial tile')
  put('sumdb/sum.golang.org/tile/8/0/003', 'a tile from before the job', old)
  put('sumdb/sum.golang.org/lookup/example.com/m@v1.0.0', 'another lookup')
  put('example.com/m/@v/v1.0.0.zip')

  it("holds the platform's toolchain files, its lookup and the tiles written since the job began", async () => {
    expect(await toolchainFiles(download, LINUX, since)).toEqual([
      {
        name: 'go1.27.3',
        files: [
          `golang.org/toolchain/@v/${version}.zip`,
          `golang.org/toolchain/@v/${version}.info`,
          lookup,
          'sumdb/sum.golang.org/tile/8/0/x001/234',
          'sumdb/sum.golang.org/tile/8/1/005.p/12',
        ],
      },
    ])
    // Without its lookup the go command cannot verify a toolchain offline: no entry.
    expect(await toolchainFiles(download, { goos: 'windows', goarch: 'amd64' }, since)).toEqual([])
  })

  it.each([
    [`golang.org/toolchain/@v/${version}.zip`, true],
    [`golang.org/toolchain/@v/${version}.ziphash`, false],
    ['sumdb/sum.golang.org/tile/8/2/x001/x002/003.p/7', true],
    ['sumdb/sum.golang.org/tile/8/data/000', true],
    ['sumdb/sum.golang.org/lookup/example.com/m@v1.0.0', false],
    ['sumdb/sum.golang.org/latest', false],
    ['example.com/m/@v/v1.0.0.zip', false],
    ['sumdb/../tile/8/0/000', false],
  ])('may hold %s: %s', (rel, ok) => {
    expect(isToolchainFile(rel)).toBe(ok)
  })

  it('is saved whole from the download directory, and restored only where files are missing', async () => {
    const stored = new Map<string, string[]>()
    const saves: string[] = []
    const workspace = join(dir.path, 'ws')
    const cache = scripted(download, stored, saves, workspace)
    const key = `${toolchainKeyPrefix('p', LINUX)}go1.27.3`
    const [found] = await toolchainFiles(download, LINUX, since)
    const run = { id: '1', attempt: '1' }
    expect(await saveToolchain(cache, download, key, found?.files ?? [], run)).toMatchObject({
      key,
      reason: 'saved',
    })
    expect(await saveToolchain(cache, download, key, found?.files ?? [], run)).toMatchObject({ key: '' })
    expect(saves).toEqual([key])

    const next = join(dir.path, 'next-download')
    mkdirSync(join(next, 'sumdb/sum.golang.org/tile/8/0/x001'), { recursive: true })
    writeFileSync(join(next, 'sumdb/sum.golang.org/tile/8/0/x001/234'), 'kept')
    const restored = await restoreToolchain(cache, workspace, next, 'p-toolchain-linux-amd64-', [
      'p-toolchain-linux-amd64-',
    ])
    expect(restored).toEqual({ matchedKey: key, files: 4, failed: false })
    expect(readFileSync(join(next, `golang.org/toolchain/@v/${version}.zip`), 'utf8')).toBe('zip bytes')
    expect(readFileSync(join(next, 'sumdb/sum.golang.org/tile/8/0/x001/234'), 'utf8')).toBe('kept')
    expect(existsSync(join(next, `golang.org/toolchain/@v/${version}.ziphash`))).toBe(false)
    expect(existsSync(join(workspace, TOOLCHAIN_ENTRY_PATH))).toBe(false)
  })

  it('never goes into the module entry, which every OS restores', async () => {
    const built = await buildEntry({
      store: download,
      sums: GoSums.parse(''),
      used: [
        { module: 'golang.org/toolchain', version: 'v0.0.1-go1.27.3.linux-amd64', file: 'zip' },
        { module: 'golang.org/toolchain', version: 'v0.0.1-go1.27.3.linux-amd64', file: 'info' },
      ],
    })
    expect(built).toEqual({ files: 0, bytes: 0, paths: [], missing: [], rejected: [] })
  })
})

/** A cache service at the edge: keys to file lists, copied into the workspace path on restore. */
function scripted(
  root: string,
  stored: Map<string, string[]>,
  saves: string[],
  workspace: string,
): CacheProvider {
  return {
    async restore(paths, key, restoreKeys, lookupOnly) {
      const hit = stored.has(key)
        ? key
        : [...stored.keys()].find((k) => restoreKeys.some((p) => k.startsWith(p)))
      if (hit && !lookupOnly) {
        for (const rel of stored.get(hit) ?? []) cpSync(join(root, rel), join(workspace, paths[0] ?? '', rel))
      }
      return { value: hit, failed: false }
    },
    async saveFiles(from, files, _path, key) {
      if (stored.has(key)) return { value: -1, failed: false }
      stored.set(key, files)
      saves.push(key)
      return { value: saves.length, failed: false }
    },
    async reserve() {
      return { value: true, failed: false }
    },
    async available() {
      return true
    },
  }
}
