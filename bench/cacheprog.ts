/**
 * Bench: what GOCACHEPROG itself costs (Go 1.24+), no action involved. The same warm GOCACHE is
 * used as a directory by the go command, or through our GOCACHEPROG program (dist/cacheprog) over
 * that directory, as `build-cache: gocacheprog` exports it:
 *
 *   npx tsx bench/cacheprog.ts [--runs 5] [--loop 20] [--node FILE] [--cacheprog FILE]
 *
 * Rows: a warm `go build ./...` and a warm `go test ./...` of the action bench's project (every
 * output and test result in the cache), and `--loop` small invocations in a row (`go list -export`
 * and `go vet` of one package), where the program's start-up per go invocation shows. Each row
 * runs --runs times, the two modes in alternating order; median, min, and prog/dir paired ratios.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { GO_BIN, goDirs, runGo, type GoDirs } from '../test/support/helpers/gocmd.js'
import { prepareProject, writeFiles } from './action-lib/project.js'
import { median } from './action-lib/table.js'

const repo = fileURLToPath(new URL('..', import.meta.url))
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    loop: { type: 'string', default: '20' },
    node: { type: 'string' },
    cacheprog: { type: 'string', default: join(repo, 'dist', 'cacheprog', 'index.js') },
  },
})
const runs = Number(flags.runs)
const loop = Number(flags.loop)
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(loop) || loop < 1) {
  process.stderr.write(
    'usage: tsx bench/cacheprog.ts [--runs N] [--loop N] [--node FILE] [--cacheprog FILE]\n',
  )
  process.exit(2)
}
const node = flags.node ? resolve(flags.node) : process.execPath
const prog = resolve(flags.cacheprog)
const log = (line: string): void => void process.stderr.write(`${line}\n`)
const goVersion = execFileSync(GO_BIN, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
const load = (): string =>
  execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ')
const loads = [load()]
const work = mkdtempSync(join(tmpdir(), 'gmc-bench-cacheprog-'))
const started = Date.now()

type Mode = 'dir' | 'prog'
const ROWS: Array<{ name: string; args: string[]; times: number }> = [
  { name: 'warm go build ./...', args: ['build', './...'], times: 1 },
  { name: 'warm go test ./... (all cached)', args: ['test', './...'], times: 1 },
  { name: `${loop} x go list -export ./p00`, args: ['list', '-export', './p00'], times: loop },
  { name: `${loop} x go vet ./p00`, args: ['vet', './p00'], times: loop },
]

// Runs `go args` `times` times in a row; the wall time of all of them, in ms.
async function timed(mode: Mode, args: string[], times: number, ws: string, dirs: GoDirs): Promise<number> {
  const journal = join(work, 'journal')
  const env: Record<string, string> =
    mode === 'prog' ? { GOCACHEPROG: `${node} ${prog} ${dirs.gocache} ${journal}` } : {}
  const t0 = performance.now()
  for (let i = 0; i < times; i++) {
    const r = await runGo(args, { cwd: ws, goproxy: 'off', dirs, env, timeoutMs: 600_000 })
    if (r.code !== 0) throw new Error(`go ${args.join(' ')} (${mode}) failed: ${r.stderr.slice(-1500)}`)
  }
  const ms = performance.now() - t0
  rmSync(journal, { force: true })
  return ms
}

const dirs = goDirs(true)
try {
  log(`preparing the project, ${goVersion}`)
  const project = await prepareProject(join(work, 'scratch'), 1)
  const v = project.variants[0]
  if (v === undefined) throw new Error('no project variant')
  const ws = join(work, 'ws')
  writeFiles(ws, { 'go.mod': v.goMod, 'go.sum': v.goSum, ...v.files })
  const cold = await runGo(['mod', 'download', ...v.downloadArgs], {
    cwd: ws,
    goproxy: `file://${project.corpus.root}`,
    dirs,
    timeoutMs: 600_000,
  })
  if (cold.code !== 0) throw new Error(`go mod download failed: ${cold.stderr.slice(-1500)}`)
  log('filling GOCACHE (cold build and test, untimed)')
  await timed('dir', ['test', './...'], 1, ws, dirs)
  const ms = new Map<string, Record<Mode, number[]>>(ROWS.map((r) => [r.name, { dir: [], prog: [] }]))
  for (let r = 0; r < runs; r++) {
    loads.push(load())
    const modes: Mode[] = r % 2 === 0 ? ['dir', 'prog'] : ['prog', 'dir']
    for (const row of ROWS)
      for (const mode of modes) {
        const t = await timed(mode, row.args, row.times, ws, dirs)
        ms.get(row.name)?.[mode].push(t)
        log(`r${r} ${row.name.padEnd(34)} ${mode.padEnd(4)} ${(t / 1000).toFixed(2)} s (load ${load()})`)
      }
  }
  loads.push(load())
  const s = (v: number): string => (v / 1000).toFixed(2)
  const out = [
    `## GOCACHEPROG (dist/cacheprog on node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}) vs GOCACHE as a directory, ${goVersion}`,
    '',
    `${runs} runs per row, modes alternating; times in seconds; load average ${loads.join(' -> ')}.`,
    '',
    '| row | dir median | dir min | prog median | prog min | prog / dir (paired median) | paired range | prog - dir per go invocation, ms (median) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const row of ROWS) {
    const m = ms.get(row.name) ?? { dir: [], prog: [] }
    const ratios = m.prog.map((p, i) => p / (m.dir[i] ?? NaN))
    const extra = m.prog.map((p, i) => (p - (m.dir[i] ?? NaN)) / row.times)
    out.push(
      `| ${row.name} | ${s(median(m.dir))} | ${s(Math.min(...m.dir))} | ${s(median(m.prog))} | ${s(Math.min(...m.prog))} | ` +
        `${median(ratios).toFixed(2)}x | ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x | ${median(extra).toFixed(0)} |`,
    )
  }
  out.push('', `bench wall time ${s(Date.now() - started)} s`)
  process.stdout.write(out.join('\n') + '\n')
} finally {
  dirs.remove()
  execFileSync('chmod', ['-R', 'u+w', work])
  rmSync(work, { recursive: true, force: true, maxRetries: 3 })
}
