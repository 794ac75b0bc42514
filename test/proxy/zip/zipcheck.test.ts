import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { hash1, hashZip } from '../../../src/proxy/zip/dirhash.js'
import { checkZip, MODULE_ZIP_LIMITS } from '../../../src/proxy/zip/zipcheck.js'
import { buildZip, type Entry } from '../../support/helpers/zipbuild.js'

const tmp = mkdtempSync(join(tmpdir(), 'zipcheck-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let counter = 0
function write(data: Buffer): string {
  const file = join(tmp, `z${counter++}.zip`)
  writeFileSync(file, data)
  return file
}

const M = 'example.com/m'
const V = 'v1.0.0'
const P = `${M}@${V}/`
const good: Entry[] = [
  { name: P + 'go.mod', data: 'module example.com/m\n' },
  { name: P + 'LICENSE', data: 'MIT\n', method: 0 },
  { name: P + 'a/b/c.go', data: 'package b\n'.repeat(100) },
]

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

async function reasonFor(entries: Entry[] | Buffer, module = M, version = V): Promise<string> {
  const file = write(Buffer.isBuffer(entries) ? entries : buildZip(entries))
  const got = await checkZip(file, module, version)
  expect(got.ok, JSON.stringify(got)).toBe(false)
  return got.ok ? '' : got.reason
}

describe('checkZip accepts', () => {
  it('a well-formed module zip, with the h1 Hash1 gives over its files', async () => {
    const file = write(buildZip(good))
    const want = hash1(good.map((e) => ({ name: e.name, sha256: sha256(e.data ?? '') })))
    expect(await checkZip(file, M, V)).toEqual({ ok: true, h1: want, files: 3, uncompressed: 4 + 21 + 1000 })
    expect(await hashZip(file)).toBe(want)
  })

  it('every x/mod vector, with the h1 the real x/mod computed', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'support', 'fixtures', 'vectors')
    const vectors = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8')) as Array<{
      module: string
      version: string
      zip: string
      h1: string
      files: number
    }>
    for (const v of vectors) {
      const got = await checkZip(join(dir, v.zip), v.module, v.version)
      expect(got, `${v.module}@${v.version}`).toMatchObject({ ok: true, h1: v.h1, files: v.files })
    }
  })

  it('a large entry, inflated as a stream', async () => {
    // Incompressible and over the one-shot thresholds, so the streaming path runs.
    const big = Buffer.alloc(3 << 20)
    for (let i = 0; i < big.length; i += 32) createHash('sha256').update(String(i)).digest().copy(big, i)
    const entries = [...good, { name: P + 'big.bin', data: big }]
    const got = await checkZip(write(buildZip(entries)), M, V)
    const want = hash1(entries.map((e) => ({ name: e.name, sha256: sha256(e.data ?? '') })))
    expect(got).toMatchObject({ ok: true, h1: want, files: 4 })
  })

  it('many entries across read-buffer refills, stored and deflated, and a stored entry over 1 MiB', async () => {
    // Incompressible bodies so the entries straddle the 1 MiB sequential read buffer's edges.
    const noise = (seed: number, n: number): Buffer => {
      const out = Buffer.alloc(n)
      for (let i = 0; i < n; i += 32) createHash('sha256').update(`${seed}:${i}`).digest().copy(out, i)
      return out
    }
    const entries: Entry[] = [
      ...good,
      { name: P + 'stored.bin', data: noise(0, (1 << 20) + 12345), method: 0 },
    ]
    for (let i = 0; i < 400; i++) {
      entries.push({ name: `${P}f/${i}.txt`, data: noise(i + 1, 3000 + i * 7), method: i % 3 === 0 ? 0 : 8 })
    }
    const file = write(buildZip(entries))
    const want = hash1(entries.map((e) => ({ name: e.name, sha256: sha256(e.data ?? '') })))
    expect(await checkZip(file, M, V)).toMatchObject({ ok: true, h1: want, files: entries.length })
    expect(await hashZip(file)).toBe(want)
  })

  it('directory entries, upper-case module paths as written in the zip, and a trailing comment', async () => {
    const m = 'github.com/Upper/Case'
    const p = `${m}@v1.2.3/`
    const entries = [{ name: p }, { name: p + 'sub/' }, { name: p + 'sub/x.go', data: 'package sub\n' }]
    const got = await checkZip(write(buildZip(entries, { comment: 'made by a test' })), m, 'v1.2.3')
    expect(got).toMatchObject({ ok: true, files: 1, uncompressed: 12 })
  })
})

describe('checkZip reads', () => {
  it('zip64 end records and extra fields', async () => {
    const want = hash1(good.map((e) => ({ name: e.name, sha256: sha256(e.data ?? '') })))
    const file = write(buildZip(good, { zip64: true }))
    expect(await checkZip(file, M, V)).toMatchObject({ ok: true, h1: want, files: 3 })
    expect(await hashZip(file)).toBe(want)
  })

  it("data descriptors, with their signature or without, as Go's writer streams entries", async () => {
    const want = hash1(good.map((e) => ({ name: e.name, sha256: sha256(e.data ?? '') })))
    for (const descriptor of ['signed', 'unsigned'] as const) {
      const file = write(buildZip(good.map((e) => ({ ...e, descriptor }))))
      expect(await checkZip(file, M, V)).toMatchObject({ ok: true, h1: want, files: 3 })
    }
  })

  it('an empty module zip, as x/mod does (check_zip/empty.txt)', async () => {
    expect(await checkZip(write(buildZip([])), 'example.com/empty', V)).toEqual({
      ok: true,
      h1: hash1([]),
      files: 0,
      uncompressed: 0,
    })
  })
})

describe('checkZip refuses', () => {
  // x/mod zip/testdata/check_zip/various.txt, one invalid entry at a time beside a valid one.
  const various = 'example.com/various@v1.0.0/'
  it.each([
    ['noprefix', /path does not have prefix "example.com\/various@v1.0.0\/"/],
    [various + 'not/../clean', /file path is not clean/],
    [various + "invalid.go'", /malformed file path "invalid.go'": invalid char/],
    [various + 'GO.MOD', /go.mod files must have lowercase names/],
    [various + 'valid.go', /multiple entries for file "valid.go"/],
  ])('%s (x/mod check_zip/various)', async (name, why) => {
    const entries = [
      { name: various + 'valid.go', data: '' },
      { name, data: 'duplicate' },
    ]
    expect(await reasonFor(entries, 'example.com/various', 'v1.0.0')).toMatch(why)
  })

  it('all of check_zip/various at once, naming the first problems', async () => {
    const names = ['noprefix', 'valid.go', 'not/../clean', "invalid.go'", 'GO.MOD', 'valid.go']
    const entries = names.map((n, i) => ({
      name: n === 'noprefix' ? n : various + n,
      data: i === 5 ? 'duplicate' : '',
    }))
    const reason = await reasonFor(entries, 'example.com/various', 'v1.0.0')
    expect(reason).toMatch(/^invalid module zip: "noprefix": path does not have prefix/)
    expect(reason).toMatch(/\(and 2 more\)$/)
  })

  it('a truncated file', async () => {
    const zip = buildZip(good)
    for (const cut of [zip.length - 1, zip.length - 30, Math.floor(zip.length / 2), 10, 0]) {
      expect(await reasonFor(zip.subarray(0, cut))).toMatch(/end of central directory|too small|truncated/)
    }
  })

  it('trailing garbage after the end record, or a file cut before it', async () => {
    const zip = buildZip(good)
    expect(await reasonFor(Buffer.concat([zip, Buffer.from('garbage')]))).toMatch(/end of central directory/)
  })

  it('bytes inserted before the central directory', async () => {
    const zip = buildZip(good)
    const dirStart = zip.readUInt32LE(zip.length - 6)
    const shifted = Buffer.concat([zip.subarray(0, dirStart), Buffer.from('xx'), zip.subarray(dirStart)])
    expect(await reasonFor(shifted)).toMatch(/central directory/)
  })

  it('names differing only in case', async () => {
    const reason = await reasonFor([...good, { name: P + 'A/B/C.go', data: 'x' }])
    expect(reason).toMatch(/case-insensitive file name collision: "a\/b\/c.go" and "A\/B\/C.go"/)
    expect(await reasonFor([...good, { name: P + 'license', data: 'x' }])).toMatch(/collision/)
  })

  it('names equal under Unicode simple folding, as Go folds them', async () => {
    // The Kelvin sign folds to k, the long s to s; sharp s stays itself, so "ß" and "ss" differ.
    expect(
      await reasonFor([...good, { name: P + 'k.go', data: 'x' }, { name: P + '\u212a.go', data: 'x' }]),
    ).toMatch(/collision: "k.go" and "\u212a.go"/)
    expect(
      await reasonFor([...good, { name: P + '\u017f.go', data: 'x' }, { name: P + 'S.go', data: 'x' }]),
    ).toMatch(/collision/)
    const sharp = write(
      buildZip([...good, { name: P + '\u00df.go', data: 'x' }, { name: P + 'ss.go', data: 'x' }]),
    )
    expect(await checkZip(sharp, M, V)).toMatchObject({ ok: true, files: 5 })
  })

  it('a directory named again in another case, below a directory seen before', async () => {
    const entries = [...good, { name: P + 'a/x/y.go', data: 'x' }, { name: P + 'A/x/z.go', data: 'x' }]
    expect(await reasonFor(entries)).toMatch(/collision: "a\/x" and "A\/x"/)
    const below = [...good, { name: P + 'a/b/d/e.go', data: 'x' }, { name: P + 'a/b/D/f.go', data: 'x' }]
    expect(await reasonFor(below)).toMatch(/collision: "a\/b\/d" and "a\/b\/D"/)
  })

  it('the same file twice, and a name that is both a file and a directory', async () => {
    expect(await reasonFor([...good, { name: P + 'a/b/c.go', data: 'x' }])).toMatch(/multiple entries/)
    expect(await reasonFor([...good, { name: P + 'a/b', data: 'x' }])).toMatch(/both a file and a directory/)
  })

  // Each of these Go's reader reads otherwise, or refuses: test/zip-differential.test.ts has the
  // go command's own reading of them.
  it('an end record inside the comment of the last one, whose comment Go would take as the end', async () => {
    const inner = buildZip([{ name: P + 'go.mod', data: 'module example.com/m\n' }])
    const zip = buildZip(good, { comment: Buffer.concat([inner, Buffer.from('!')]) })
    expect(await reasonFor(zip)).toMatch(/end record inside its comment/)
  })

  it('a data descriptor whose CRC-32 differs from the directory', async () => {
    const entries = good.map((e, i) => ({
      ...e,
      descriptor: 'signed' as const,
      descriptorCrc: i === 2 ? 7 : undefined,
    }))
    expect(await reasonFor(entries)).toMatch(
      /"example.com\/m@v1.0.0\/a\/b\/c.go" has a data descriptor whose CRC-32/,
    )
  })

  it('a zip64 extra field longer than the extra data, which Go does not read', async () => {
    const zip = buildZip(good, { zip64: true })
    // The first central record's zip64 field claims 4 bytes more than the record holds.
    const dirOffset = Number(zip.readBigUInt64LE(zip.length - 22 - 20 - 56 + 48))
    zip.writeUInt16LE(28, dirOffset + 46 + Buffer.byteLength(good[0]?.name ?? '') + 2)
    expect(await reasonFor(zip)).toMatch(/missing zip64 extra field/)
  })

  it('a name outside module@version/', async () => {
    expect(await reasonFor([...good, { name: 'example.com/m@v1.0.1/x.go', data: 'x' }])).toMatch(/prefix/)
    expect(await reasonFor([...good, { name: 'x.go', data: 'x' }])).toMatch(/prefix/)
    expect(await reasonFor(good, 'example.com/other')).toMatch(/prefix/)
  })

  it('unclean and invalid file paths', async () => {
    expect(await reasonFor([...good, { name: P + '../evil', data: 'x' }])).toMatch(
      /not clean|invalid path element/,
    )
    expect(await reasonFor([...good, { name: P + 'a//b', data: 'x' }])).toMatch(/not clean/)
    expect(await reasonFor([...good, { name: P + 'a/./b', data: 'x' }])).toMatch(/not clean/)
    expect(await reasonFor([...good, { name: P + 'a\\b', data: 'x' }])).toMatch(/invalid char/)
    expect(await reasonFor([...good, { name: P + 'aux.go', data: 'x' }])).toMatch(/Windows/)
    expect(await reasonFor([...good, { name: P + 'a:b', data: 'x' }])).toMatch(/invalid char/)
  })

  it('go.mod anywhere but the root, or not lower case', async () => {
    expect(await reasonFor([...good, { name: P + 'sub/go.mod', data: 'x' }])).toMatch(/not in module root/)
    expect(await reasonFor([good[1] as Entry, { name: P + 'GO.MOD', data: 'x' }])).toMatch(/lowercase/)
  })

  it('declared sizes over the limits, before inflating anything', async () => {
    const over = MODULE_ZIP_LIMITS.maxGoMod + 1
    expect(await reasonFor([{ name: P + 'go.mod', data: 'x', declaredSize: over }])).toMatch(
      /go.mod file too large/,
    )
    expect(await reasonFor([{ name: P + 'LICENSE', data: 'x', declaredSize: over }])).toMatch(
      /LICENSE file too large/,
    )
    const half = 300 << 20
    const huge = [
      { name: P + 'a', data: 'x', declaredSize: half },
      { name: P + 'b', data: 'x', declaredSize: half },
    ]
    expect(await reasonFor(huge)).toMatch(/total uncompressed size/)
  })

  it('content whose inflated size differs from the declared size', async () => {
    expect(await reasonFor([...good, { name: P + 'x', data: 'hello', declaredSize: 4 }])).toMatch(
      /more than its declared/,
    )
    expect(await reasonFor([...good, { name: P + 'x', data: 'hello', declaredSize: 6 }])).toMatch(
      /declared size is 6/,
    )
  })

  it('a central directory entry pointing at the local header of another entry', async () => {
    const zip = buildZip(good)
    const dirStart = zip.readUInt32LE(zip.length - 6)
    // Point the second central record (after the first: 46 + name) at the first local header.
    const second = dirStart + 46 + Buffer.byteLength(P + 'go.mod')
    zip.writeUInt32LE(0, second + 42)
    expect(await reasonFor(zip)).toMatch(/local header name differs|overlaps/)
  })

  it('a wrong CRC-32', async () => {
    expect(await reasonFor([...good, { name: P + 'x', data: 'hello', crc: 1234 }])).toMatch(/CRC-32/)
  })

  it('corrupted deflate data', async () => {
    const raw = deflateRawSync(Buffer.from('hello hello hello'))
    const bad = Buffer.from(raw)
    bad[0] = 0xff
    expect(await reasonFor([...good, { name: P + 'x', data: 'hello hello hello', raw: bad }])).toMatch(
      /corrupt deflate/,
    )
    const cut = raw.subarray(0, raw.length - 2)
    expect(await reasonFor([...good, { name: P + 'x', data: 'hello hello hello', raw: cut }])).toMatch(
      /corrupt deflate|declared size/,
    )
    // A deflated entry of no bytes at all is an unfinished stream, even for empty content.
    expect(await reasonFor([...good, { name: P + 'x', data: '', raw: Buffer.alloc(0) }])).toMatch(
      /corrupt deflate data: unexpected end of file/,
    )
  })

  it('a directory entry that carries data', async () => {
    expect(await reasonFor([...good, { name: P + 'd/', data: 'x' }])).toMatch(/directory entry has content/)
  })

  it('unsupported compression methods', async () => {
    expect(await reasonFor([...good, { name: P + 'x', data: 'x', method: 12 }])).toMatch(
      /compression method 12/,
    )
  })

  it('a non-canonical or mismatched version, without reading the file', async () => {
    expect(await reasonFor(good, M, 'v1.0')).toMatch(/not canonical/)
    expect(await reasonFor(good, M, 'v2.0.0')).toMatch(/should be v0 or v1/)
  })

  it('a missing file, with a reason instead of a throw', async () => {
    const got = await checkZip(join(tmp, 'missing.zip'), M, V)
    expect(got.ok).toBe(false)
  })
})
