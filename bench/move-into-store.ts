/**
 * The restore's last step alone: moveIntoStore of a restored entry the size of the corpus (every
 * corpus file hard-linked into a fresh entry directory, with the .ziphash an entry carries beside
 * each zip) into an empty store, on one filesystem; without and with the go.sum check main makes
 * (every .mod hashed, every .ziphash read), runs alternating.
 *
 *   npx tsx bench/move-into-store.ts [--runs 7]
 *
 * Prints each run's milliseconds and the medians. A table for reading, not a gate.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GoSums } from '../src/proxy/module/gosum.js'
import { escapePath, escapeVersion } from '../src/proxy/module/modpath.js'
import { moveIntoStore } from '../src/entry/restore.js'
import { corpus } from '../test/support/helpers/corpus.js'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7
const c = await corpus()
const text = readFileSync(c.goSumAll, 'utf8')
const sums = GoSums.parse(text)
const rows: Array<{ check: boolean; ms: number; files: number; modules: number; contradicted: number }> = []
for (let i = 0; i < runs * 2; i++) {
  const check = i % 2 === 1
  const work = mkdtempSync(join(tmpdir(), 'gmc-bench-move-'))
  try {
    const entry = join(work, 'entry')
    execFileSync('cp', ['-al', c.root, entry])
    for (const v of sums.versions().filter((v) => v.zip)) {
      const h1 = sums.zip(v.module, v.version)?.[0] ?? ''
      writeFileSync(join(entry, escapePath(v.module), '@v', `${escapeVersion(v.version)}.ziphash`), h1)
    }
    const started = performance.now()
    const r = await moveIntoStore(entry, join(work, 'store'), check ? { sums } : {})
    rows.push({ check, ms: performance.now() - started, ...r })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
const median = (check: boolean): string => {
  const sorted = rows
    .filter((r) => r.check === check)
    .map((r) => r.ms)
    .sort((a, b) => a - b)
  return `${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)})`
}
console.log(`moveIntoStore, ${c.modules.length}-module corpus, ${runs} runs each, node ${process.version}\n`)
console.log('| run | go.sum check | ms | files | modules | contradicted |')
console.log('| --- | --- | --- | --- | --- | --- |')
rows.forEach((r, i) =>
  console.log(
    `| ${i + 1} | ${r.check ? 'yes' : 'no'} | ${r.ms.toFixed(0)} | ${r.files} | ${r.modules} | ${r.contradicted} |`,
  ),
)
console.log(`\nmedian without the check ${median(false)}, with it ${median(true)}`)
