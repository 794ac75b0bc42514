/**
 * Proxy benchmark (issue 2, "Bench"): the real go command downloading the Debian corpus (>= 100
 * real modules) from a fixture upstream at simulated latency, directly and through the proxy
 * CLI, cold, warm and with prefetch; prints a markdown table with the targets.
 *
 *   npx tsx bench/proxy.ts [--runs 4] [--latency-ms 50] [--delay-ms 2000] [--cli dist/cli/index.js]
 *
 * Nothing here is asserted by a test: timings on shared machines are for reading, not gating.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { corpus } from '../test/support/helpers/corpus.js'
import { tempDir } from '../test/support/helpers/gocmd.js'
import { startUpstream } from '../test/support/helpers/upstream.js'
import { projectCopy, realUpstream } from '../test/realworld/realworld.js'
import { cliBundle } from './lib/build.js'
import { startGoFileServer, startStaticServer } from './lib/proxyproc.js'
import {
  download,
  emptyStore,
  journalCounts,
  prefetchSeconds,
  proxy,
  removeModCaches,
  stopWithUsage,
  type ProxyUsage,
  waitPrefetch,
  type BenchContext,
} from './lib/scenarios.js'
import { markdownTable, max, median, min } from './lib/stats.js'

const REPO = fileURLToPath(new URL('..', import.meta.url))

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '4' },
    'latency-ms': { type: 'string', default: '50' },
    'delay-ms': { type: 'string', default: '2000' },
    cli: { type: 'string' },
    node: { type: 'string' },
    'node-options': { type: 'string', default: '' },
    'proxy-env': { type: 'string', default: '' },
    'proxy-args': { type: 'string', default: '' },
    'bare-env': { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'a,b,c' },
    'warm-repeats': { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
})
if (flags.help) {
  process.stdout.write(
    'Usage: npx tsx bench/proxy.ts [--runs N] [--latency-ms MS] [--delay-ms MS] [--cli FILE]\n' +
      '  --runs        repetitions of every scenario (default 4: even, so the b floors run on each side equally often)\n' +
      '  --latency-ms  upstream delay before headers, every request (default 50)\n' +
      '  --delay-ms    "checkout/setup" time before the go command in the overlapped prefetch case (default 2000)\n' +
      '  --cli         proxy CLI bundle to run (default: built from HEAD into .bench/)\n' +
      "  --node        node binary for the proxy processes (default: the bench's own; the action runs on node24)\n" +
      '  --scenarios   which of a,b,c,r to run (default a,b,c; the direct baseline runs with a or c;\n' +
      '                r: the test/realworld project against the real module proxy, GOPROXY of the environment)\n' +
      "  --warm-repeats  times the warm runs of b (floors and proxies) repeat on each round's store (default 1)\n" +
      '  --node-options  NODE_OPTIONS for the proxy processes, as --node-options="--max-semi-space-size=1" (default none)\n' +
      '  --proxy-env   more environment for the proxy processes, as --proxy-env=MALLOC_ARENA_MAX=2,K=V (default none)\n' +
      "  --bare-env    run the proxies without the action launcher's memory settings (NODE_OPTIONS, MALLOC_*)\n" +
      '  --proxy-args  more serve flags for the proxy processes, as --proxy-args="--verify-at-start" (default none)\n',
  )
  process.exit(0)
}
const runs = positiveInt('runs', flags.runs)
const latencyMs = positiveInt('latency-ms', flags['latency-ms'], true)
const delayMs = positiveInt('delay-ms', flags['delay-ms'], true)
const warmRepeats = positiveInt('warm-repeats', flags['warm-repeats'])
const only = new Set(flags.scenarios.split(','))
if ([...only].some((x) => !['a', 'b', 'c', 'r'].includes(x))) {
  process.stderr.write(`bench: --scenarios: expected a comma list of a, b, c, r, got ${flags.scenarios}\n`)
  process.exit(2)
}

function positiveInt(name: string, text: string, zero = false): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < (zero ? 0 : 1)) {
    process.stderr.write(`bench: --${name}: expected an integer${zero ? ' >= 0' : ' >= 1'}, got ${text}\n`)
    process.exit(2)
  }
  return n
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const say = (line: string) => process.stderr.write(`${line}\n`)

type Key =
  | 'direct'
  | 'cold'
  | 'file'
  | 'goServer'
  | 'bare'
  | 'warm'
  | 'warmHot'
  | 'warmUnstamped'
  | 'prefetch0'
  | 'prefetch0Go'
  | 'prefetchDelay'
  | 'realDirect'
  | 'realCold'
  | 'realFile'
  | 'realWarm'
const seconds = new Map<Key, number[]>()
type ProxyRun = 'cold' | 'warm' | 'warmUnstamped' | 'prefetch0' | 'prefetchDelay' | 'realCold' | 'realWarm'
/** Per proxy run: peak RSS and CPU at the stop, and VmHWM right after it was ready. */
const usage = new Map<ProxyRun, Array<ProxyUsage & { readyRssMB: number }>>()
const notes: string[] = []
const add = (k: Key, s: number) => seconds.set(k, [...(seconds.get(k) ?? []), s])
/** Peak RSS (MB) of the bare node:http file server in each round's scenario b. */
const staticRss: number[] = []

/** Starts a proxy for `run` (`at`: its round, or round.repeat) and returns it with a stop that records its usage. */
async function proxyFor(
  ctx: BenchContext,
  run: ProxyRun,
  at: number | string,
  store: string,
  goSum: boolean,
) {
  const p = await proxy(ctx, store, `${run}-${at}`, goSum)
  const readyRssMB = ((p.peakRssKiB() ?? NaN) * 1024) / 1e6
  const stop = async (): Promise<void> => {
    const u = await stopWithUsage(p)
    usage.set(run, [...(usage.get(run) ?? []), { ...u, readyRssMB }])
  }
  return { p, stop }
}

async function main(): Promise<void> {
  const benchStarted = performance.now()
  say('bench: building or reusing the corpus and the proxy CLI ...')
  const c = await corpus()
  const built = flags.cli === undefined ? cliBundle(REPO) : undefined
  const cli = flags.cli ?? built?.path ?? ''
  const upstream = await startUpstream({ root: c.root, latencyMs })
  const cwd = tempDir('gmc-bench-cwd-')
  const logDir = join(REPO, '.bench', 'logs')
  rmSync(logDir, { recursive: true, force: true })
  mkdirSync(logDir, { recursive: true })
  const ctx: BenchContext = {
    cli,
    upstreamUrl: upstream.url,
    goSumAll: c.goSumAll,
    downloadArgs: c.downloadArgs,
    cwd: cwd.path,
    logDir,
    goTimeoutMs: 120_000,
    nodeOptions: flags['node-options'],
    proxyEnv: Object.fromEntries(
      flags['proxy-env']
        .split(',')
        .filter((kv) => kv.includes('='))
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
    proxyArgs: flags['proxy-args'].split(/\s+/).filter(Boolean),
    bareEnv: flags['bare-env'],
    // Absolute: proxies are spawned from their own working directories.
    node: flags.node === undefined ? undefined : resolve(flags.node),
  }
  try {
    for (let i = 1; i <= runs; i++) await oneRound(ctx, i)
  } finally {
    await upstream.stop()
    removeModCaches()
    cwd.remove()
  }
  const total = (performance.now() - benchStarted) / 1000
  const what = built === undefined ? cli : `built from commit ${built.commit.slice(0, 12)}`
  report(c.modules.length, c.goSum.split('\n').filter((l) => l !== '').length, what, total)
}

/** One repetition of every scenario, interleaved so drift hits them all alike. */
async function oneRound(ctx: BenchContext, round: number): Promise<void> {
  const step = (name: string, s: number) => say(`bench: round ${round}: ${name}: ${s.toFixed(2)} s`)

  // a. cold: straight from the upstream, then through a proxy with an empty store.
  if (only.has('a') || only.has('c')) {
    const direct = await download(ctx, ctx.upstreamUrl)
    add('direct', direct)
    step('direct', direct)
  }
  if (only.has('a') || only.has('b')) await coldAndWarm(ctx, round, step)
  if (only.has('c')) await withPrefetch(ctx, round, step)
  if (only.has('r')) await realWorld(ctx, round, step)
}

/**
 * r: the test/realworld project (30+ real modules) against the real module proxy: cold straight
 * from it vs through a proxy with an empty store, then warm file:// of that store vs a fresh proxy
 * process on it (without --go-sum: the store holds what the cold run fetched, and a prefetch of the
 * rest of go.sum would be timed). Each pair's order alternates by round.
 */
async function realWorld(ctx: BenchContext, round: number, step: (name: string, s: number) => void) {
  const project = projectCopy()
  const store = emptyStore()
  const real: BenchContext = { ...ctx, upstreamUrl: realUpstream(), cwd: project.path, downloadArgs: [] }
  const first = round % 2 === 1
  try {
    const direct = async (): Promise<void> => {
      const s = await download(real, real.upstreamUrl)
      add('realDirect', s)
      step('r. direct from the module proxy', s)
    }
    if (first) await direct()
    const { p, stop } = await proxyFor(real, 'realCold', round, store.path, false)
    // Stopped on a failed download too: a real upstream can fail, and the bench then throws.
    const cold = await download(real, p.goproxy).finally(stop)
    add('realCold', cold)
    step('r. cold via proxy', cold)
    if (!first) await direct()
    const file = async (): Promise<void> => {
      const s = await download(real, `file://${store.path}`)
      add('realFile', s)
      step('r. file://', s)
    }
    if (first) await file()
    const { p: w, stop: stopWarm } = await proxyFor(real, 'realWarm', round, store.path, false)
    const warm = await download(real, w.goproxy).finally(stopWarm)
    add('realWarm', warm)
    step('r. warm via proxy', warm)
    if (!first) await file()
  } finally {
    store.remove()
    project.remove()
  }
}

/** a (through the proxy) and b: the cold run fills the store the warm runs read. */
async function coldAndWarm(ctx: BenchContext, round: number, step: (name: string, s: number) => void) {
  const store = emptyStore()
  try {
    const { p, stop } = await proxyFor(ctx, 'cold', round, store.path, false)
    const cold = await download(ctx, p.goproxy)
    await stop()
    add('cold', cold)
    step('cold via proxy', cold)
    if (!only.has('b')) return

    // b. warm. First the store is completed to the whole go.sum set, as a cache entry holds it
    // (the cold go run fetched only the .mod files it needed): untimed, or a warm proxy's
    // prefetch would be fetching the rest from upstream while it is timed.
    const fill = await proxy(ctx, store.path, `fill-${round}`, true)
    if (!(await waitPrefetch(join(ctx.logDir, `fill-${round}.log`), 120_000))) {
      throw new Error(`round ${round}: completing the store to the go.sum set took over 120 s`)
    }
    await stopWithUsage(fill)
    for (let k = 1; k <= warmRepeats; k++) {
      // Floors first on every other warm run, counted across rounds and repeats alike.
      const floorsFirst = ((round - 1) * warmRepeats + k) % 2 === 1
      const at = warmRepeats === 1 ? `${round}` : `${round}.${k}`
      await warmRuns(ctx, store.path, at, floorsFirst, (name, s) =>
        step(warmRepeats === 1 ? name : `${name} (${k})`, s),
      )
    }
  } finally {
    store.remove()
  }
}

/**
 * b's warm runs on a complete store: the floors, then the proxies, or the other way round.
 * The floors are the same files as file://, through Go's own file server (sendfile: what HTTP
 * costs the go command) and through a bare node:http one (what Node costs). Their order alternates:
 * the disk is still settling after the cold run and the fill, and whichever ran first would pay for
 * it every time. Each call adds one sample to every warm key, so samples pair up by index.
 */
async function warmRuns(
  ctx: BenchContext,
  store: string,
  at: string,
  floorsFirst: boolean,
  step: (name: string, s: number) => void,
): Promise<void> {
  const floors = async (): Promise<void> => {
    const file = await download(ctx, `file://${store}`)
    add('file', file)
    step('file://', file)
    const go = await startGoFileServer(store, 30_000)
    const viaGo = await download(ctx, go.url)
    await go.stop()
    add('goServer', viaGo)
    step('Go net/http file server', viaGo)
    const bare = await startStaticServer(store, 30_000, ctx.node)
    const viaBare = await download(ctx, bare.url)
    const kib = await bare.stop()
    add('bare', viaBare)
    staticRss.push(((kib ?? NaN) * 1024) / 1e6)
    step('bare node:http file server', viaBare)
  }
  if (floorsFirst) await floors()
  // A new proxy process on that store (the standalone proxy's next start: zips stamped by the
  // proxies that checked them), then the same process again.
  const { p: w, stop: stopWarm } = await proxyFor(ctx, 'warm', at, store, true)
  const warm = await download(ctx, w.goproxy)
  add('warm', warm)
  step('warm via proxy', warm)
  const hot = await download(ctx, w.goproxy)
  add('warmHot', hot)
  step('warm via proxy, files verified already', hot)
  await stopWarm()
  // As after a cache restore: no stamps, so every zip is checked in full before its first serve.
  // That proxy stamps them again, so a next repeat starts from the same store.
  rmSync(join(store, '.stamps'), { recursive: true, force: true })
  const { p: r, stop: stopRestored } = await proxyFor(ctx, 'warmUnstamped', at, store, true)
  const restored = await download(ctx, r.goproxy)
  await stopRestored()
  add('warmUnstamped', restored)
  step('warm via proxy, unstamped store', restored)
  if (!floorsFirst) await floors()
}

/** c: cold with prefetch, with and without other job steps overlapping it. */
async function withPrefetch(ctx: BenchContext, round: number, step: (name: string, s: number) => void) {
  // Cold with prefetch: go starts the moment the proxy is ready (no overlap) ...
  const s0 = emptyStore()
  try {
    const { p, stop } = await proxyFor(ctx, 'prefetch0', round, s0.path, true)
    const readyWall = Date.now()
    const goStarted = performance.now()
    const go = await download(ctx, p.goproxy)
    // download() also removes the module cache afterwards: add its own time, not the wall clock.
    const ready = (p.readyAt - p.spawnedAt) / 1000
    const total = ready + (goStarted - p.readyAt) / 1000 + go
    const logFile = join(ctx.logDir, `prefetch0-${round}.log`)
    if (!(await waitPrefetch(logFile, 60_000))) notes.push(`round ${round}: prefetch not done 60 s after go`)
    await stop()
    add('prefetch0', total)
    add('prefetch0Go', go)
    step('cold+prefetch, no overlap (spawn to go exit)', total)
    const pf = prefetchSeconds(logFile, readyWall)
    const j = journalCounts(join(ctx.logDir, `prefetch0-${round}.journal`))
    notes.push(
      `round ${round} cold+prefetch: proxy ready ${ready.toFixed(2)} s after spawn; go ran ${go.toFixed(2)} s ` +
        `(started ${((goStarted - p.readyAt) / 1000).toFixed(2)} s after ready); prefetch finished ` +
        `${pf.toFixed(2)} s after ready; journal ${JSON.stringify(j)}`,
    )
  } finally {
    s0.remove()
  }

  // ... and go starts after `delayMs` of other job steps (checkout, setup-go) overlap the prefetch.
  const s2 = emptyStore()
  try {
    const { p, stop } = await proxyFor(ctx, 'prefetchDelay', round, s2.path, true)
    await sleep(delayMs)
    const go = await download(ctx, p.goproxy)
    await waitPrefetch(join(ctx.logDir, `prefetchDelay-${round}.log`), 60_000)
    await stop()
    add('prefetchDelay', go)
    step(`cold+prefetch, go after ${delayMs} ms`, go)
  } finally {
    s2.remove()
  }
}

function report(modules: number, sumLines: number, cli: string, total: number): void {
  const get = (k: Key) => seconds.get(k) ?? []
  const sec = (n: number) => n.toFixed(2)
  // Paired: each run's value over its own round's (or warm repeat's) baseline, then the median, so
  // load that drifts between rounds (other processes on the machine) cancels out as far as it can.
  const ratios = (k: Key, base: Key) => {
    const b = get(base)
    return get(k).map((v, i) => v / (b[i] ?? NaN))
  }
  const row = (name: string, k: Key, base: Key, target: string, limit?: number): string[] => {
    const med = median(get(k))
    const each = ratios(k, base)
    const ratio = median(each)
    const met = limit === undefined ? '-' : ratio <= limit ? 'yes' : 'NO'
    // The spread says how far one pair's noise reaches; nothing for a baseline (all 1.00).
    const spread =
      k === base || each.length < 2 || each.some(Number.isNaN)
        ? '-'
        : `${min(each).toFixed(2)}-${max(each).toFixed(2)}x`
    const shown = Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`
    return [name, sec(med), sec(min(get(k))), shown, spread, target, met]
  }
  const rssOf = (run: ProxyRun) => (usage.get(run) ?? []).map((u) => u.rssMB)
  const rssRow = (name: string, values: number[]): string[] => [
    name,
    `${median(values).toFixed(1)} MB`,
    `${min(values).toFixed(1)} MB (max ${max(values).toFixed(1)})`,
    '-',
    '-',
    '<= 150 MB (max, node24)',
    max(values) <= 150 ? 'yes' : 'NO',
  ]
  const rows = [
    row('a. cold, direct from upstream (baseline)', 'direct', 'direct', 'baseline'),
    row('a. cold, through the proxy', 'cold', 'direct', 'info (vs direct)'),
    row('b. warm, GOPROXY=file:// (floor)', 'file', 'file', 'baseline'),
    row("b. warm, Go net/http file server, sendfile (HTTP's floor)", 'goServer', 'file', 'info (vs file://)'),
    row("b. warm, bare node:http file server (Node's floor)", 'bare', 'file', 'info (vs file://)'),
    row('b. warm, through the proxy (fresh process, its own store)', 'warm', 'file', '<= 1.1x file://', 1.1),
    row('b. warm, through the proxy (same process again)', 'warmHot', 'file', 'info (vs file://)'),
    row(
      'b. warm, through the proxy (fresh process, store without stamps, as restored)',
      'warmUnstamped',
      'file',
      'info (vs file://)',
    ),
    row('c. cold+prefetch, go at once (spawn to go exit)', 'prefetch0', 'direct', '<= 0.5x direct', 0.5),
    row('c. cold+prefetch, go at once (go only)', 'prefetch0Go', 'direct', 'info (vs direct)'),
    row(
      `c. cold+prefetch, go after ${delayMs / 1000} s setup (go only)`,
      'prefetchDelay',
      'direct',
      '<= 0.5x direct',
      0.5,
    ),
    row('r. real module proxy: cold, direct (baseline)', 'realDirect', 'realDirect', 'baseline'),
    row('r. real module proxy: cold, through the proxy', 'realCold', 'realDirect', 'info (vs direct)'),
    row('r. real module proxy: warm, GOPROXY=file:// (floor)', 'realFile', 'realFile', 'baseline'),
    row(
      'r. real module proxy: warm, through the proxy (fresh process)',
      'realWarm',
      'realFile',
      'info (vs file://)',
    ),
    rssRow('d. proxy peak RSS (VmHWM), cold run a', rssOf('cold')),
    rssRow('d. proxy peak RSS (VmHWM), cold+prefetch run c', rssOf('prefetch0')),
    rssRow('d. proxy peak RSS (VmHWM), warm fresh process b', rssOf('warm')),
    [
      "d. bare node:http file server, warm download b (Node's floor)",
      `${median(staticRss).toFixed(1)} MB`,
      `${min(staticRss).toFixed(1)} MB (max ${max(staticRss).toFixed(1)})`,
      '-',
      '-',
      'info (reference)',
      '-',
    ],
  ]
  const out = [
    '## Proxy benchmark',
    '',
    `machine: nproc ${availableParallelism()}, node ${process.version}, ${process.platform}/${process.arch}` +
      // The proxies' own node, when it is another one: memory and times belong to its release.
      (flags.node === undefined
        ? ''
        : `, proxies on node ${execFileSync(resolve(flags.node), ['--version'], { encoding: 'utf8' }).trim()}`),
    `parameters: corpus ${modules} modules (${sumLines} go.sum lines), \`go mod download M@V...\` x${modules}, ` +
      `upstream latency ${latencyMs} ms before headers per request, runs ${runs}, warm repeats ${warmRepeats}, ` +
      `setup delay ${delayMs} ms, ` +
      `go at its default parallelism, GOSUMDB=off, proxy CLI ${cli}` +
      (flags['node-options'] ? `, proxy NODE_OPTIONS ${flags['node-options']}` : '') +
      (flags['bare-env'] ? ', bare proxy env' : ", proxy env as the action's launcher sets it") +
      (flags['proxy-env'] ? `, proxy env ${flags['proxy-env']}` : '') +
      (flags['proxy-args'] ? `, proxy flags ${flags['proxy-args']}` : ''),
    `bench wall time: ${total.toFixed(0)} s`,
    '',
    markdownTable(
      [
        'scenario',
        'median s',
        'min s',
        'ratio vs baseline (paired median)',
        'paired ratios, min-max',
        'target',
        'met?',
      ],
      // Scenarios left out with --scenarios have no samples.
      rows.filter((r) => !(r[1] ?? '').startsWith('NaN')),
    ),
    '',
    'Proxy processes (medians over rounds): peak RSS when ready and at the end, CPU seconds used.',
    '',
    markdownTable(
      ['proxy run', 'RSS when ready', 'peak RSS', 'CPU s'],
      [...usage].map(([run, list]) => [
        run,
        `${median(list.map((u) => u.readyRssMB)).toFixed(1)} MB`,
        `${median(list.map((u) => u.rssMB)).toFixed(1)} MB`,
        median(list.map((u) => u.cpuSeconds)).toFixed(2),
      ]),
    ),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ]
  process.stdout.write(out.join('\n'))
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
