import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/helpers/tempdir.js'
import {
  alive,
  healthStatus,
  launchProxy,
  proxyEnv,
  scrubEnv,
  stopProxy,
  type LaunchConfig,
} from '../../src/action/launcher.js'
import { DEFAULTS } from '../../src/proxy/config.js'

// A stand-in for the proxy CLI: records what it was given, serves /healthz, writes the ready file.
const FAKE_CLI = `
import { createServer } from 'node:http'
import { writeFileSync, renameSync } from 'node:fs'
const mode = process.env.FAKE_MODE ?? 'ok'
let input = ''
process.stdin.on('data', (c) => (input += c))
process.stdin.on('end', () => {
  writeFileSync(process.env.FAKE_RECORD, JSON.stringify({ argv: process.argv.slice(2), env: process.env, config: JSON.parse(input) }))
  if (mode === 'crash') { console.error('fake: bad config'); process.exit(3) }
  if (mode === 'stubborn') process.on('SIGTERM', () => console.error('ignoring SIGTERM'))
  else process.on('SIGTERM', () => process.exit(0))
  if (mode === 'silent') { setInterval(() => {}, 1000); return }
  const server = createServer((req, res) => res.end(req.url === '/healthz' ? 'ok' : 'no'))
  server.listen(0, '127.0.0.1', () => {
    const port = server.address().port
    const ready = process.argv[process.argv.indexOf('--ready-file') + 1]
    writeFileSync(ready + '.tmp', JSON.stringify({ url: 'http://127.0.0.1:' + port, goproxy: 'http://127.0.0.1:' + port, port, pid: process.pid }))
    renameSync(ready + '.tmp', ready)
  })
})
`

const config: LaunchConfig = {
  ...DEFAULTS,
  concurrency: { ...DEFAULTS.concurrency },
  goSum: [],
  store: '/tmp/store',
  upstream: 'https://proxy.golang.org,direct',
  token: 'secret-token-0123456789',
}

const started: number[] = []
afterEach(async () => {
  for (const pid of started.splice(0)) await stopProxy(pid, 2000)
})

async function setup(mode: string) {
  const dir = tempDir('launcher-').path
  const cli = join(dir, 'fake-cli.mjs')
  await writeFile(cli, FAKE_CLI)
  const record = join(dir, 'record.json')
  const env = {
    ...process.env,
    FAKE_MODE: mode,
    FAKE_RECORD: record,
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    ACTIONS_RESULTS_URL: 'http://results/',
    GITHUB_TOKEN: 'gh-token',
  }
  const spawned: ChildProcess[] = []
  const recordingSpawn = (command: string, args: string[], options: SpawnOptions) => {
    const child = spawn(command, args, options)
    spawned.push(child)
    if (child.pid) started.push(child.pid)
    return child
  }
  return { dir, cli, record, env, spawned, spawn: recordingSpawn }
}

describe('scrubEnv', () => {
  it('drops the runner tokens and URLs, keeps the rest', () => {
    const clean = scrubEnv({
      PATH: '/bin',
      ACTIONS_RUNTIME_TOKEN: 't',
      ACTIONS_RESULTS_URL: 'u',
      ACTIONS_CACHE_URL: 'c',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'i',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'j',
      GITHUB_TOKEN: 'g',
      INPUT_TOKEN: 'x',
      GOPROXY: 'off',
    })
    expect(clean).toEqual({ PATH: '/bin', GOPROXY: 'off' })
  })
})

describe('launchProxy', () => {
  it('starts detached with config on stdin, no secret in argv or env, healthy, and stops on SIGTERM', async () => {
    const s = await setup('ok')
    const launched = await launchProxy({ config, cli: s.cli, dir: s.dir, env: s.env, spawn: s.spawn })
    expect(await healthStatus(launched.url)).toBe(200)
    expect(alive(launched.pid)).toBe(true)
    const record = JSON.parse(await readFile(s.record, 'utf8')) as {
      argv: string[]
      env: Record<string, string>
      config: LaunchConfig
    }
    expect(record.config).toEqual(config)
    expect(record.argv).toEqual(['serve', '--config-stdin', '--ready-file', join(s.dir, 'ready.json')])
    expect(JSON.stringify(record.argv)).not.toContain('secret-token')
    expect(record.env.ACTIONS_RUNTIME_TOKEN).toBeUndefined()
    expect(record.env.ACTIONS_RESULTS_URL).toBeUndefined()
    expect(record.env.GITHUB_TOKEN).toBeUndefined()
    expect(record.env.FAKE_MODE).toBe('ok')
    expect(record.env.MALLOC_ARENA_MAX).toBe('2')
    expect(record.env.NODE_OPTIONS).toContain('--max-semi-space-size=1')
    // No V8 flags: a Node release that dropped one would stop the proxy from starting.
    expect(s.spawned[0]?.spawnargs.slice(0, 2)).toEqual([process.execPath, s.cli])
    expect(await stopProxy(launched.pid)).toBe('stopped')
    expect(alive(launched.pid)).toBe(false)
    expect(await stopProxy(launched.pid)).toBe('gone')
  })

  it('fails with the log tail when the proxy exits before it is ready', async () => {
    const s = await setup('crash')
    await expect(launchProxy({ config, cli: s.cli, dir: s.dir, env: s.env, spawn: s.spawn })).rejects.toThrow(
      /exited with 3 before it was ready\n.*fake: bad config/,
    )
  })

  it('fails at the deadline and kills a proxy that never gets ready', async () => {
    const s = await setup('silent')
    await expect(
      launchProxy({ config, cli: s.cli, dir: s.dir, env: s.env, spawn: s.spawn, deadlineMs: 500 }),
    ).rejects.toThrow(/not ready within the deadline/)
    const pid = s.spawned[0]?.pid ?? -1
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false)
  })
})

describe('stopProxy', () => {
  it('kills a proxy that ignores SIGTERM after the wait', async () => {
    const s = await setup('stubborn')
    const launched = await launchProxy({ config, cli: s.cli, dir: s.dir, env: s.env, spawn: s.spawn })
    expect(await stopProxy(launched.pid, 300)).toBe('killed')
    await expect.poll(() => alive(launched.pid), { timeout: 5000 }).toBe(false)
  })
})

describe('proxyEnv', () => {
  it('adds the memory settings, keeping what the environment already says', () => {
    expect(proxyEnv({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      NODE_OPTIONS: '--max-semi-space-size=1',
    })
    const mine = proxyEnv({ MALLOC_ARENA_MAX: '8', NODE_OPTIONS: '--max-semi-space-size=4 --trace-gc' })
    expect(mine.MALLOC_ARENA_MAX).toBe('8')
    expect(mine.NODE_OPTIONS).toBe('--max-semi-space-size=4 --trace-gc')
    expect(proxyEnv({ NODE_OPTIONS: '--enable-source-maps' }).NODE_OPTIONS).toBe(
      '--enable-source-maps --max-semi-space-size=1',
    )
  })
})
