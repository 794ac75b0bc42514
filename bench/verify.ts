/**
 * Micro-benchmark: the proxy's verification of every corpus zip (checkZip: module zip limits +
 * h1 over the inflated entries), in one process, one zip at a time; compared with reading the
 * same bytes and with a plain sha256 of the zip files. This is what a fresh proxy pays on the
 * first serve of each zip found in its store (a restored cache).
 *
 *   npx tsx bench/verify.ts
 */
import { createHash } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import { inflateRawSync } from 'node:zlib'
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { checkZip } from '../src/proxy/zip/zipcheck.js'
import { unescapePath, unescapeVersion } from '../src/proxy/module/modpath.js'
import { corpus } from '../test/support/helpers/corpus.js'
import { readDirectory } from '../src/proxy/zip/zipread.js'
import { markdownTable } from './lib/stats.js'

/** The floor: the whole zip in memory, each entry inflated in one call and hashed; no checks at all. */
async function rawInflate(file: string): Promise<void> {
  const fh = await open(file, 'r')
  try {
    const data = await readFile(fh)
    const { entries } = await readDirectory(fh, data.length)
    for (const e of entries) {
      const at = e.localHeaderOffset
      const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28)
      const body = data.subarray(start, start + e.compressedSize)
      createHash('sha256')
        .update(e.method === 8 ? inflateRawSync(body) : body)
        .digest('hex')
    }
  } finally {
    await fh.close()
  }
}

function zips(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...zips(p))
    else if (e.name.endsWith('.zip')) out.push(p)
  }
  return out
}

async function main(): Promise<void> {
  const c = await corpus()
  const files = zips(c.root)
  let bytes = 0
  const t0 = performance.now()
  for (const f of files) bytes += (await readFile(f)).length
  const read = (performance.now() - t0) / 1000
  const t1 = performance.now()
  for (const f of files)
    createHash('sha256')
      .update(await readFile(f))
      .digest('hex')
  const sha = (performance.now() - t1) / 1000
  const tr = performance.now()
  for (const f of files) await rawInflate(f)
  const raw = (performance.now() - tr) / 1000
  const cpu0 = process.cpuUsage()
  const t2 = performance.now()
  let entries = 0
  let uncompressed = 0
  let slowest = { file: '', s: 0 }
  for (const f of files) {
    const m = /^(.+)\/@v\/(.+)\.zip$/.exec(relative(c.root, f))
    const module = unescapePath(m?.[1] ?? '')
    const version = unescapeVersion(m?.[2] ?? '')
    if (module === undefined || version === undefined) throw new Error(`bad corpus path ${f}`)
    const s = performance.now()
    const r = await checkZip(f, module, version)
    const took = (performance.now() - s) / 1000
    if (!r.ok) throw new Error(`${module}@${version}: ${r.reason}`)
    entries += r.files
    uncompressed += r.uncompressed
    if (took > slowest.s) slowest = { file: `${module}@${version}`, s: took }
  }
  const check = (performance.now() - t2) / 1000
  const cpu = process.cpuUsage(cpu0)
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`
  process.stdout.write(
    [
      `## Zip verification (${files.length} corpus zips, ${mb(bytes)} compressed, ${mb(uncompressed)} ` +
        `uncompressed, ${entries} files)`,
      '',
      markdownTable(
        ['step', 'seconds', 'MB/s (compressed)'],
        [
          ['read every zip (page cache)', read.toFixed(2), (bytes / 1e6 / read).toFixed(0)],
          ['sha256 of every zip file', sha.toFixed(2), (bytes / 1e6 / sha).toFixed(0)],
          [
            'floor: inflateRawSync + sha256 per entry, zip in memory',
            raw.toFixed(2),
            (bytes / 1e6 / raw).toFixed(0),
          ],
          ['checkZip (limits + inflate + h1)', check.toFixed(2), (bytes / 1e6 / check).toFixed(0)],
        ],
      ),
      '',
      `checkZip CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; slowest zip ${slowest.file} ` +
        `${slowest.s.toFixed(2)} s`,
      '',
    ].join('\n'),
  )
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`verify bench failed: ${String(err)}\n`)
    process.exit(1)
  },
)
