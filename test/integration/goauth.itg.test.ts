/**
 * GOAUTH with the real go command as the oracle: an https upstream on 127.0.0.1 that answers 401
 * without Basic credentials. Each GOAUTH form first works for the go command fetching from it
 * directly; then the standalone proxy (`serve`, GOAUTH from its environment) fetches the same
 * modules with the same GOAUTH, and neither its log nor /metrics holds the secret. Go 1.19 knows
 * only .netrc: the other forms run with Go 1.24+.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startAuthUpstream, type AuthUpstream } from '../support/helpers/authupstream.js'
import { GO_BIN, runGo, tempDir, type GoResult } from '../support/helpers/gocmd.js'
import { MODULES, syntheticModules, writeConsumer } from '../support/helpers/modules.js'
import { startUpstream, type Upstream } from '../support/helpers/upstream.js'
import type { Tree } from '../support/helpers/gotools.js'

const ROOT = new URL('../..', import.meta.url).pathname
const USER = 'ci-bot'
const SECRET = 'pa55-goauth-secret'
const BASIC = 'Basic ' + Buffer.from(`${USER}:${SECRET}`).toString('base64')
const SECRETS = [SECRET, BASIC.slice('Basic '.length)]
const REQS = [MODULES.dep, MODULES.app]
const GO_MINOR = Number(
  /go1\.(\d+)/.exec(execFileSync(GO_BIN, ['env', 'GOVERSION'], { encoding: 'utf8' }))?.[1],
)

const dir = tempDir('gmc-goauth-itg-')
let tree: Tree
let up: Upstream
let front: AuthUpstream
const children: ChildProcess[] = []
let stores = 0

beforeAll(async () => {
  tree = await syntheticModules()
  up = await startUpstream({ root: tree.root })
  front = await startAuthUpstream({ target: up.url, header: 'authorization', value: BASIC })
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(async () => {
  await front?.stop()
  await up?.stop()
  dir.remove()
})

/** The GOAUTH forms, each with the files it needs; `since`..`until`: the Go minors that read it. */
function forms(): Array<{
  name: string
  goauth: string
  env: Record<string, string>
  since: number
  until?: number
}> {
  // Go 1.24+ matches a machine against host:port; older Go against the host name alone.
  const netrc = join(dir.path, 'netrc')
  const port = new URL(front.url).port
  writeFileSync(netrc, `machine 127.0.0.1:${port} login ${USER} password ${SECRET}\n`)
  const oldNetrc = join(dir.path, 'netrc-host')
  writeFileSync(oldNetrc, `machine 127.0.0.1 login ${USER} password ${SECRET}\n`)
  const command = join(dir.path, 'auth-command')
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n\\nAuthorization: %s\\n\\n' '${front.url}' '${BASIC}'\n`)
  chmodSync(command, 0o755)
  const repo = join(dir.path, 'repo')
  execFileSync('git', ['init', '-q', repo])
  const helper = `!f() { test "$1" = get && echo username=${USER} && echo password=${SECRET}; }; f`
  execFileSync('git', ['-C', repo, 'config', 'credential.helper', helper])
  return [
    { name: 'netrc (GOAUTH unset), machine host:port', goauth: '', env: { NETRC: netrc }, since: 24 },
    { name: 'netrc, machine host', goauth: '', env: { NETRC: oldNetrc }, since: 13, until: 23 },
    { name: 'a command', goauth: `${command}`, env: {}, since: 24 },
    { name: 'git dir', goauth: `git ${repo}`, env: {}, since: 24 },
    {
      name: 'netrc first (it has nothing), then a command',
      goauth: `netrc;${command}`,
      env: { NETRC: '/dev/null' },
      since: 24,
    },
  ]
}

async function download(goproxy: string, env: Record<string, string>): Promise<GoResult> {
  const consumer = writeConsumer(tree, REQS)
  try {
    const result = await runGo(['mod', 'download', '-x'], {
      cwd: consumer.path,
      goproxy,
      env: { SSL_CERT_FILE: front.certFile, ...env },
      timeoutMs: 60_000,
    })
    result.dirs.remove()
    return result
  } finally {
    consumer.remove()
  }
}

/** `go-mod-cache serve` from source with this environment; its GOPROXY and its output so far. */
async function serve(env: Record<string, string>): Promise<{ goproxy: string; output: () => string }> {
  const store = join(dir.path, `store-${++stores}`)
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'serve',
      '--store',
      store,
      '--upstream',
      front.url,
      '--no-sumdb',
      '--debug',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        GOPROXY: '',
        GOAUTH: '',
        NETRC: '/dev/null',
        NODE_EXTRA_CA_CERTS: front.certFile,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(child)
  let output = ''
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const goproxy = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
    })
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)))
  })
  return { goproxy, output: () => output }
}

describe('GOAUTH: the go command and the proxy find the same credentials', () => {
  it('the upstream refuses a go command without credentials (GOAUTH=off)', async () => {
    const run = await download(front.url, { GOAUTH: 'off', NETRC: '/dev/null' })
    expect(run.code, run.stderr).not.toBe(0)
    expect(run.stderr).toMatch(/401/)
  })

  const names = ['netrc, machine host:port', 'netrc, machine host', 'a command', 'git dir', 'netrc;command']
  for (const [form, name] of names.entries()) {
    it(`${name}: direct for the go command, then through the proxy with the same GOAUTH`, async (ctx) => {
      const f = forms()[form]
      if (f === undefined) throw new Error('no form')
      if (GO_MINOR < f.since || GO_MINOR > (f.until ?? Infinity)) ctx.skip()
      const env = { GOAUTH: f.goauth, ...f.env }
      const direct = await download(front.url, env)
      expect(direct.code, `${f.name}: ${direct.stderr}`).toBe(0)

      const from = front.seen.length
      const proxy = await serve(env)
      const through = await download(proxy.goproxy, { GOAUTH: 'off', NETRC: '/dev/null' })
      expect(through.code, `${f.name}: ${through.stderr}\n${proxy.output()}`).toBe(0)
      expect(front.seen.slice(from).some((s) => s.ok)).toBe(true)
      const metrics = await (await fetch(`${proxy.goproxy}/metrics`)).text()
      for (const secret of SECRETS) {
        expect(proxy.output()).not.toContain(secret)
        expect(metrics).not.toContain(secret)
        expect(through.stderr).not.toContain(secret)
      }
    })
  }
})
