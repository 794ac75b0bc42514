/**
 * The restore's last step alone: moveIntoStore of a restored entry the size of the corpus (every
 * corpus file, hard-linked into a fresh entry directory) into an empty store, on one filesystem.
 *
 *   npx tsx bench/move-into-store.ts [--runs 7]
 *
 * Prints each run's milliseconds and the median. A table for reading, not a gate.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { moveIntoStore } from '../src/restore.js'
import { corpus } from '../test/helpers/corpus.js'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7
const c = await corpus()
const rows: Array<{ ms: number; files: number; modules: number }> = []
for (let i = 0; i < runs; i++) {
  const work = mkdtempSync(join(tmpdir(), 'gmc-bench-move-'))
  try {
    execFileSync('cp', ['-al', c.root, join(work, 'entry')])
    const started = performance.now()
    const r = await moveIntoStore(join(work, 'entry'), join(work, 'store'))
    rows.push({ ms: performance.now() - started, files: r.files, modules: r.modules })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
const sorted = rows.map((r) => r.ms).sort((a, b) => a - b)
console.log(`moveIntoStore, ${c.modules.length}-module corpus, ${runs} runs, node ${process.version}\n`)
console.log('| run | ms | files | modules |')
console.log('| --- | --- | --- | --- |')
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.ms.toFixed(0)} | ${r.files} | ${r.modules} |`))
console.log(
  `\nmedian ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms`,
)
