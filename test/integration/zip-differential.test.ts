// checkZip against the go command's own reading of the same bytes (test/support/fixtures/ziphash: Go's
// archive/zip, x/mod's Unzip and dirhash). Whatever checkZip accepts with an h1, the go command
// must read as the same files: a zip the two read differently would pass the go.sum check here
// with one module's files while the go command extracts others, trusting the .ziphash the proxy
// wrote beside the zip.
import { spawnSync } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkZip, type ZipCheck } from '../../src/proxy/zip/zipcheck.js'
import { goTool } from '../support/helpers/gotools.js'
import { tempDir } from '../support/helpers/tempdir.js'
import { buildZip, endRecord, zip64Locator, type Entry } from '../support/helpers/zipbuild.js'

const M = 'example.com/m'
const V = 'v1.0.0'
const P = `${M}@${V}/`
const legit: Entry[] = [
  { name: P + 'go.mod', data: 'module example.com/m\n', descriptor: 'signed' },
  { name: P + 'm.go', data: 'package m\n\nfunc Answer() int { return 42 }\n', descriptor: 'signed' },
]
const hostile: Entry[] = [
  { name: P + 'go.mod', data: 'module example.com/m\n' },
  { name: P + 'm.go', data: 'package m\n\nfunc init() { panic("hostile") }\n' },
]

const tmp = tempDir('zip-differential-')
afterAll(() => tmp.remove())
let written = 0
function write(zip: Buffer): string {
  const file = join(tmp.path, `z${written++}.zip`)
  writeFileSync(file, zip)
  return file
}

/** The go command's reading of each zip: its HashZip h1 and the h1 of what its Unzip extracts. */
interface GoReading {
  hashZip?: string
  hashZipError?: string
  unzip?: string
  unzipError?: string
}

async function goReads(files: string[]): Promise<GoReading[]> {
  const bin = await goTool('ziphash')
  const input = files.map((f) => `${f}\t${M}\t${V}\n`).join('')
  const run = spawnSync(bin, [], { input, encoding: 'utf8', maxBuffer: 64 << 20 })
  expect(run.status, run.stderr).toBe(0)
  const lines = run.stdout.trim().split('\n')
  expect(lines).toHaveLength(files.length)
  return lines.map((line) => JSON.parse(line) as GoReading)
}

/** Where checkZip and the go command disagree about one zip, or undefined where they agree. */
function disagreement(ours: ZipCheck, go: GoReading): string | undefined {
  if (!ours.ok) return undefined
  if (go.hashZip !== ours.h1)
    return `checkZip accepted ${ours.h1}; go's HashZip gave ${go.hashZip ?? go.hashZipError}`
  if (go.unzipError !== undefined) return `checkZip accepted ${ours.h1}; go's Unzip failed: ${go.unzipError}`
  return undefined
}

const h1Of = async (entries: Entry[]): Promise<string> => {
  const got = await checkZip(write(buildZip(entries)), M, V)
  if (!got.ok) throw new Error(got.reason)
  return got.h1
}

/** The start of each central directory record of a zip buildZip made without a comment. */
function recordStarts(zip: Buffer): { starts: number[]; dirOffset: number; dirEnd: number } {
  const dirEnd = zip.length - 22
  const dirOffset = zip.readUInt32LE(dirEnd + 16)
  const starts: number[] = []
  for (
    let p = dirOffset;
    p < dirEnd;
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32)
  )
    starts.push(p)
  return { starts, dirOffset, dirEnd }
}

/**
 * The legit zip, whose end record's comment is a whole zip of the hostile files and one byte more:
 * Go takes the last end record whose comment fits, the hostile one, and reads its directory (the
 * prepended legit bytes are what Go's reader allows a self-extracting zip).
 */
function endRecordInComment(): Buffer {
  return buildZip(legit, { comment: Buffer.concat([buildZip(hostile), Buffer.from('!')]) })
}

/**
 * The legit zip with a central directory of exactly 0xffff bytes that ends in a zip64 locator:
 * Go compares the directory size with 0xffff and then reads the zip64 record the locator names,
 * here one describing a second directory hidden in the last record's comment.
 */
function zip64LocatorAtDirectoryEnd(): Buffer {
  const zip = buildZip(legit)
  const { starts, dirOffset, dirEnd } = recordStarts(zip)
  const last = starts[starts.length - 1] ?? dirOffset
  const commentStart = dirEnd
  const inner = buildZip(hostile)
  const innerDir = recordStarts(inner)
  // The hidden locals and directory, as they are in `inner` (offsets from its start).
  const hidden = inner.subarray(0, innerDir.dirEnd)
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeBigUInt64LE(BigInt(hostile.length), 24)
  record.writeBigUInt64LE(BigInt(hostile.length), 32)
  record.writeBigUInt64LE(BigInt(innerDir.dirEnd - innerDir.dirOffset), 40)
  record.writeBigUInt64LE(BigInt(innerDir.dirOffset), 48)
  const recordAt = commentStart + hidden.length
  const fixed = hidden.length + record.length + 20
  const pad = 0xffff - (dirEnd - dirOffset) - fixed
  expect(pad).toBeGreaterThanOrEqual(0)
  const comment = Buffer.concat([hidden, record, Buffer.alloc(pad), zip64Locator(recordAt)])
  const out = Buffer.concat([zip.subarray(0, dirEnd), comment, endRecord(legit.length, 0xffff, dirOffset)])
  out.writeUInt16LE(comment.length, last + 32)
  return out
}

/** A zip64 zip whose locator says the record is on another disk: Go then ignores it. */
function zip64LocatorForTwoDisks(): Buffer {
  const zip = buildZip(legit, { zip64: true })
  zip.writeUInt32LE(2, zip.length - 22 - 20 + 16)
  return zip
}

describe('checkZip reads what the go command reads', () => {
  it('refuses a zip with a second end record in its comment, which Go reads instead', async () => {
    const want = await h1Of(legit)
    const zip = write(endRecordInComment())
    const [go] = await goReads([zip])
    expect(go?.hashZip).toBe(await h1Of(hostile))
    expect(go?.hashZip).not.toBe(want)
    const ours = await checkZip(zip, M, V)
    expect(ours).toEqual({ ok: false, reason: expect.stringMatching(/end record inside its comment/) })
  }, 60_000)

  it('follows a zip64 locator where Go follows it: at a directory of 0xffff bytes', async () => {
    const zip = write(zip64LocatorAtDirectoryEnd())
    const [go] = await goReads([zip])
    expect(go?.hashZip).toBe(await h1Of(hostile))
    const ours = await checkZip(zip, M, V)
    expect(disagreement(ours, go ?? {})).toBeUndefined()
    expect(ours.ok && ours.h1).not.toBe(await h1Of(legit))
  }, 60_000)

  it('does not follow a zip64 locator for another disk, which Go ignores', async () => {
    const zip = write(zip64LocatorForTwoDisks())
    const [go] = await goReads([zip])
    expect(go?.hashZipError).toBeDefined()
    expect((await checkZip(zip, M, V)).ok).toBe(false)
  }, 60_000)

  it('refuses a data descriptor whose CRC-32 differs, which Go refuses to extract', async () => {
    const bad = legit.map((e, i) => (i === 1 ? { ...e, descriptorCrc: 1234 } : e))
    const zip = write(buildZip(bad))
    const [go] = await goReads([zip])
    expect(go?.unzipError).toMatch(/checksum/)
    expect(await checkZip(zip, M, V)).toEqual({ ok: false, reason: expect.stringMatching(/data descriptor/) })
  }, 60_000)

  it('agrees on well-formed zips: descriptors signed or not, stored files, zip64, a comment', async () => {
    const unsigned = legit.map((e) => ({ ...e, descriptor: 'unsigned' as const }))
    const zips = [
      buildZip(legit),
      buildZip(unsigned),
      buildZip([...hostile, { name: P + 'LICENSE', data: 'MIT\n', method: 0 }]),
      buildZip(legit, { zip64: true }),
      buildZip(legit, { comment: 'built by a test' }),
    ].map(write)
    const go = await goReads(zips)
    for (const [i, zip] of zips.entries()) {
      const ours = await checkZip(zip, M, V)
      expect(ours.ok, JSON.stringify(ours)).toBe(true)
      expect(disagreement(ours, go[i] ?? {})).toBeUndefined()
      expect(go[i]?.unzip).toBe(go[i]?.hashZip)
    }
  }, 60_000)

  // Mutants of the zips above: bits flipped, fields set to edge values, end records inserted,
  // bytes cut or added. Most are refused by one side or both; every one checkZip accepts must be
  // read the same by the go command. ZIP_FUZZ_CASES and ZIP_FUZZ_SEED run a longer campaign;
  // ZIP_FUZZ_KEEP=DIR keeps the zips the two read differently.
  it('agrees on every mutant it accepts', async () => {
    const cases = Number(process.env.ZIP_FUZZ_CASES ?? 1500)
    const seed = Number(process.env.ZIP_FUZZ_SEED ?? 20261202)
    const random = mulberry32(seed)
    const seeds = [
      buildZip(legit),
      buildZip(legit.map((e) => ({ ...e, descriptor: 'unsigned' as const }))),
      buildZip([...hostile, { name: P + 'LICENSE', data: 'MIT\n', method: 0 }]),
      buildZip(legit, { zip64: true }),
      buildZip(legit, { comment: 'PK comment' }),
    ]
    const files: string[] = []
    for (let n = 0; n < cases; n++) {
      let zip: Buffer = Buffer.from(seeds[Math.floor(random() * seeds.length)] ?? Buffer.alloc(0))
      // Mostly one change, sometimes two or three: each one more is one more chance to break the zip.
      const r = random()
      for (let k = r < 0.6 ? 1 : r < 0.9 ? 2 : 3; k > 0; k--) zip = mutate(zip, random)
      files.push(write(zip))
    }
    const go = await goReads(files)
    let accepted = 0
    const disagreements: string[] = []
    for (const [i, file] of files.entries()) {
      const ours = await checkZip(file, M, V)
      if (ours.ok) accepted++
      const why = disagreement(ours, go[i] ?? {})
      if (why) disagreements.push(`case ${i} of seed ${seed}: ${why}`)
      if (why && process.env.ZIP_FUZZ_KEEP)
        copyFileSync(file, join(process.env.ZIP_FUZZ_KEEP, `${seed}-${i}.zip`))
    }
    if (process.env.ZIP_FUZZ_STATS)
      console.log({ cases, accepted, goAccepted: go.filter((g) => g.unzip).length })
    expect(disagreements.slice(0, 5)).toEqual([])
    // Enough of them are accepted for the agreement to mean something.
    expect(accepted).toBeGreaterThan(cases / 40)
  }, 120_000)
})

const INTERESTING = [0, 1, 0x7f, 0xff, 0xffff, 0xfffe, 0x10000, 0xffffffff, 0x06054b50, 0x07064b50, 8, 0x800]

/** One random change to a zip. */
function mutate(zip: Buffer, random: () => number): Buffer {
  const at = (span = zip.length): number => Math.floor(random() * Math.max(1, span))
  // Structure lives at the end (directory, end records) more than anywhere: aim there half the time.
  const pos = (): number => (random() < 0.5 ? zip.length - 1 - at(Math.min(zip.length, 160)) : at())
  switch (Math.floor(random() * 6)) {
    case 0: {
      const p = pos()
      zip[p] = (zip[p] ?? 0) ^ (1 << Math.floor(random() * 8))
      return zip
    }
    case 1: {
      const p = Math.max(0, Math.min(zip.length - 4, pos()))
      const v = INTERESTING[Math.floor(random() * INTERESTING.length)] ?? 0
      if (random() < 0.5) zip.writeUInt16LE(v & 0xffff, p)
      else zip.writeUInt32LE(v >>> 0, p)
      return zip
    }
    case 2: {
      // An end record (of random fields) somewhere in the last bytes.
      const rec = Buffer.alloc(22)
      for (let i = 4; i < 22; i++) rec[i] = Math.floor(random() * 256)
      rec.writeUInt32LE(0x06054b50, 0)
      if (random() < 0.7) rec.writeUInt16LE(Math.floor(random() * 4), 20)
      const p = pos()
      return Buffer.concat([zip.subarray(0, p), rec, zip.subarray(p)])
    }
    case 3:
      return zip.subarray(0, zip.length - 1 - at(Math.min(zip.length - 1, 40)))
    case 4: {
      const extra = Buffer.alloc(1 + at(24))
      for (let i = 0; i < extra.length; i++) extra[i] = Math.floor(random() * 256)
      return Buffer.concat([zip, extra])
    }
    default: {
      // A piece of the zip copied over another place: headers land where data was, and back.
      const len = 4 + at(40)
      const from = at(zip.length - len)
      const to = at(zip.length - len)
      Buffer.from(zip.subarray(from, from + len)).copy(zip, to)
      return zip
    }
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
