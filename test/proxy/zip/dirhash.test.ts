import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { hash1, hashMod, hashZip } from '../../../src/proxy/zip/dirhash.js'
import { escapePath, escapeVersion } from '../../../src/proxy/module/modpath.js'
import { GO_BIN } from '../../support/helpers/gocmd.js'

/** Vectors written by the real x/mod (test/support/fixtures/vectors/gen) and checked there against the go command. */
interface Vector {
  module: string
  version: string
  zip: string
  mod: string
  h1: string
  modH1: string
  files: number
}

const vectorDir = join(import.meta.dirname, '..', '..', 'support', 'fixtures', 'vectors')
const vectors = JSON.parse(readFileSync(join(vectorDir, 'vectors.json'), 'utf8')) as Vector[]
const tmp = mkdtempSync(join(tmpdir(), 'dirhash-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

describe('hashZip and hashMod against x/mod vectors', () => {
  it('has the vectors the generator promises', () => {
    expect(vectors.map((v) => v.module)).toEqual(
      expect.arrayContaining(['github.com/Upper/Case', 'example.com/incompat', 'example.com/nested/v2']),
    )
    expect(vectors.some((v) => v.version.endsWith('+incompatible'))).toBe(true)
  })

  it.each(vectors.map((v) => [`${v.module}@${v.version}`, v] as const))('%s', async (_name, v) => {
    expect(await hashZip(join(vectorDir, v.zip))).toBe(v.h1)
    expect(hashMod(Buffer.from(v.mod))).toBe(v.modH1)
  })
})

describe('hash1', () => {
  it('hashes an empty go.mod to the value cmd/go knows as emptyGoModHash', () => {
    expect(hashMod(Buffer.alloc(0))).toBe('h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=')
  })

  it('sorts names as UTF-8 bytes, as Go does, not as UTF-16 code units', () => {
    // U+FB00 is EF AC 80 in UTF-8 and sorts before U+1D49C (F0 9D 92 9C); in UTF-16 it sorts after.
    const a = { name: 'm@v1.0.0/\u{FB00}', sha256: sha256('a') }
    const b = { name: 'm@v1.0.0/\u{1D49C}', sha256: sha256('b') }
    const summary = `${a.sha256}  ${a.name}\n${b.sha256}  ${b.name}\n`
    const want = 'h1:' + createHash('sha256').update(summary).digest('base64')
    expect(hash1([b, a])).toBe(want)
    expect(hash1([a, b])).toBe(want)
  })

  it('refuses names with newlines, as dirhash does', () => {
    expect(() => hash1([{ name: 'a\nb', sha256: sha256('') }])).toThrow(/newlines/)
  })

  it('rejects a file that is not a zip', async () => {
    const file = join(tmp, 'not.zip')
    writeFileSync(file, 'this is not a zip file at all, just text')
    await expect(hashZip(file)).rejects.toThrow(/end of central directory/)
  })
})

describe('the real go command agrees', () => {
  it('go mod download -json reports the Sum and GoModSum we compute', async () => {
    const v = vectors.find((x) => x.module === 'github.com/Upper/Case') as Vector
    const dir = join(tmp, 'proxy', escapePath(v.module), '@v')
    mkdirSync(dir, { recursive: true })
    const ev = escapeVersion(v.version)
    copyFileSync(join(vectorDir, v.zip), join(dir, `${ev}.zip`))
    writeFileSync(join(dir, `${ev}.mod`), v.mod)
    writeFileSync(
      join(dir, `${ev}.info`),
      JSON.stringify({ Version: v.version, Time: '2022-01-01T00:00:00Z' }),
    )
    const { stdout } = await promisify(execFile)(
      GO_BIN,
      ['mod', 'download', '-json', `${v.module}@${v.version}`],
      {
        cwd: tmp,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: tmp,
          GOPATH: join(tmp, 'gopath'),
          GOMODCACHE: join(tmp, 'gopath', 'mod'),
          GOCACHE: join(tmp, 'gocache'),
          GOTOOLCHAIN: 'local',
          // -modcacherw: a writable module cache, so the temp dir can be removed.
          GOFLAGS: '-mod=mod -modcacherw',
          GO111MODULE: 'on',
          GOPROXY: `file://${join(tmp, 'proxy')}`,
          GOSUMDB: 'off',
        },
      },
    )
    const got = JSON.parse(stdout) as { Sum: string; GoModSum: string; Zip: string }
    expect(got.Sum).toBe(await hashZip(join(vectorDir, v.zip)))
    expect(got.GoModSum).toBe(hashMod(Buffer.from(v.mod)))
    // The zip the go command stored is byte-identical, so this is not a coincidence of inputs.
    expect(sha256(readFileSync(got.Zip))).toBe(sha256(readFileSync(join(vectorDir, v.zip))))
  })
})
