import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/proxy/log.js'
import {
  goAuth,
  parseAuthOutput,
  parseGitCredential,
  parseGoAuth,
  responseText,
  splitQuoted,
} from '../../../src/proxy/upstream/goauth.js'
import { createUpstream } from '../../../src/proxy/upstream/upstream.js'
import { startAuthUpstream, type AuthUpstream } from '../../support/helpers/authupstream.js'
import { tempDir } from '../../support/helpers/tempdir.js'
import { startUpstream, type Upstream } from '../../support/helpers/upstream.js'
import { syntheticModules } from '../../support/helpers/modules.js'

const dir = tempDir('gmc-goauth-')
afterAll(() => dir.remove())

function capture(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (message: string) => lines.push(`${level} ${message}`)
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') }
}

const basic = (user: string, pass: string): string =>
  'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64')

/** A GOAUTH command: records each run (its arguments and stdin) and prints `output(url)`. */
function authCommand(name: string, output: string): { command: string; runs: () => string[] } {
  const script = join(dir.path, name)
  const log = join(dir.path, `${name}.log`)
  writeFileSync(
    script,
    `#!/bin/sh\nprintf 'args=%s|stdin=%s\\n' "$*" "$(cat | tr '\\n' '~')" >> '${log}'\ncat <<'EOF'\n${output}EOF\n`,
  )
  chmodSync(script, 0o755)
  return {
    command: script,
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  }
}

describe('parseGoAuth', () => {
  it('reads the list as cmd/go does, netrc by default', () => {
    expect(parseGoAuth(undefined)).toEqual([{ kind: 'netrc' }])
    expect(parseGoAuth(' ')).toEqual([{ kind: 'netrc' }])
    expect(parseGoAuth('off')).toEqual([])
    expect(parseGoAuth(`netrc; git ${dir.path} ;my-auth --realm "a b"`)).toEqual([
      { kind: 'netrc' },
      { kind: 'git', dir: dir.path },
      { kind: 'command', words: ['my-auth', '--realm', 'a b'] },
    ])
  })

  it.each([
    ['netrc;;x', /empty command/],
    ['off;netrc', /cannot be combined/],
    ['git', /absolute path/],
    ['git relative/dir', /absolute path/],
    ['git /no/such/dir', /absolute path/],
    ['cmd "unterminated', /unterminated/],
  ])('refuses %j', (value, message) => {
    expect(() => parseGoAuth(value)).toThrow(message)
  })

  it('splits a command as cmd/internal/quoted does', () => {
    expect(splitQuoted(`a  "b c" 'd "e"' f`)).toEqual(['a', 'b c', 'd "e"', 'f'])
    expect(() => splitQuoted(`a 'b`)).toThrow(/unterminated ' string/)
  })
})

describe('parseAuthOutput (cmd/go userauth_test.go cases)', () => {
  it('maps each URL of a block to its headers, without https://', () => {
    const data =
      'https://example.com\n\nAuthorization: Basic YWxh\nAuthorization: Basic jpvc\n\n' +
      'https://hello.com\nhttps://other.example/api/\n\nAuthorization: Basic GVuc\nData: Test567\n\n'
    const got = parseAuthOutput(data)
    expect(Object.fromEntries(got)).toEqual({
      'example.com': { Authorization: ['Basic YWxh', 'Basic jpvc'] },
      'hello.com': { Authorization: ['Basic GVuc'], Data: ['Test567'] },
      'other.example/api/': { Authorization: ['Basic GVuc'], Data: ['Test567'] },
    })
    expect(parseAuthOutput('').size).toBe(0)
  })

  it.each([
    'https://example.com\nAuthorization: Basic AVuc\n\n',
    'Authorization: Basic AVuc\n\n',
    'https://example.com\n\nAuthorization: Basic YWxh\n\nAuthorization: Basic GVuc\nData: Test567\n\n',
    'https://example.com\n',
    'https://example.com\n\n',
    'https://example.com\n\nAuthorization: Basic YWxh\nhttps://hello.com\n\nData: x\n\n',
    'https://example.com\n\nAuthorization: Basic YWxh\n Authorization: Basic jpvc\n',
    ' https://example.com\n\nAuthorization: Basic YWxh\n',
    'https://example.com\n\n\nAuthorization: Basic YWxh\n',
  ])('refuses %j', (data) => {
    expect(() => parseAuthOutput(data)).toThrow(/invalid format|could not parse URL/)
  })
})

describe('parseGitCredential and responseText', () => {
  it('makes the prefix from protocol, host and path, or url', () => {
    expect(parseGitCredential('protocol=https\nhost=h:8443\npath=p/q\nusername=u\npassword=p\n')).toEqual({
      prefix: 'https://h:8443/p/q',
      username: 'u',
      password: 'p',
    })
    expect(parseGitCredential('url=https://h/x\nprotocol=https\nhost=g\nusername=u\n').prefix).toBe(
      'https://h/x',
    )
    expect(parseGitCredential('username=u\npassword=p\n').prefix).toBe('')
  })

  it('writes the 4xx answer as cmd/go writes it to a command', () => {
    expect(responseText({ status: 401, headers: { 'www-authenticate': 'Basic', 'x-a': ['1', '2'] } })).toBe(
      'HTTP/1.1 401 Unauthorized\nWww-Authenticate: Basic\nX-A: 1, 2\n\n',
    )
  })
})

describe('goAuth', () => {
  it('runs each command once without arguments, then again with the URL after a 4xx', async () => {
    const cmd = authCommand('once', 'https://h.example/p\n\nX-Token: t1\n\n')
    const creds = goAuth(parseGoAuth(cmd.command), { log: capture() })
    expect(await creds.headers('https://h.example/p/m/@v/list')).toEqual({ 'X-Token': ['t1'] })
    expect(await creds.headers('https://h.example/q')).toBeUndefined()
    expect(cmd.runs()).toEqual(['args=|stdin='])
    await creds.refresh('https://h.example/q', { status: 403, headers: { 'content-length': '0' } })
    expect(cmd.runs()).toEqual([
      'args=|stdin=',
      'args=https://h.example/q|stdin=HTTP/1.1 403 Forbidden~Content-Length: 0~~',
    ])
  })

  it('takes the first scheme that has credentials for a prefix; a longer prefix wins', async () => {
    const netrc = join(dir.path, 'order.netrc')
    writeFileSync(netrc, 'machine h.example login n password from-netrc\n')
    const a = authCommand('a', 'https://h.example/deep\n\nAuthorization: A-deep\n\n')
    const b = authCommand('b', 'https://h.example\n\nAuthorization: B\n\n')
    const headers = (goauth: string, url: string) =>
      goAuth(parseGoAuth(goauth), { log: capture(), netrc }).headers(url)
    expect(await headers(`${b.command};netrc`, 'https://h.example/x')).toEqual({ Authorization: ['B'] })
    expect(await headers(`netrc;${b.command}`, 'https://h.example/x')).toEqual({
      Authorization: [basic('n', 'from-netrc')],
    })
    expect(await headers(`netrc;${a.command}`, 'https://h.example/deep/m')).toEqual({
      Authorization: ['A-deep'],
    })
    expect(await headers('off', 'https://h.example/x')).toBeUndefined()
  })

  it('runs git credential fill in the given directory, with the URL, never prompting', async () => {
    const repo = join(dir.path, 'repo')
    execFileSync('git', ['init', '-q', repo])
    execFileSync('git', [
      '-C',
      repo,
      'config',
      'credential.helper',
      '!f() { test "$1" = get && echo username=gituser && echo password=git-secret; }; f',
    ])
    const creds = goAuth(parseGoAuth(`git ${repo}`), { log: capture() })
    // Nothing before a URL is known: git credential cannot list what it has.
    expect(await creds.headers('https://g.example/m')).toBeUndefined()
    await creds.refresh('https://g.example/m/@v/list', { status: 401, headers: {} })
    expect(await creds.headers('https://g.example/m/@v/list')).toEqual({
      Authorization: [basic('gituser', 'git-secret')],
    })
    // Without a helper git would prompt; the proxy has no terminal, so it fails at once.
    const bare = join(dir.path, 'bare')
    execFileSync('git', ['init', '-q', bare])
    const log = capture()
    const none = goAuth(parseGoAuth(`git ${bare}`), { log })
    await none.refresh('https://g.example/m', { status: 401, headers: {} })
    expect(await none.headers('https://g.example/m')).toBeUndefined()
  })
})

describe('an upstream that wants credentials (https on 127.0.0.1)', () => {
  let up: Upstream
  let front: AuthUpstream
  let agent: Agent
  const SECRET = 'tok-5ecret-value'
  beforeAll(async () => {
    const tree = await syntheticModules()
    up = await startUpstream({ root: tree.root })
    front = await startAuthUpstream({ target: up.url, header: 'x-token', value: SECRET })
    agent = new Agent({ connect: { ca: readFileSync(front.certFile, 'utf8') } })
  })
  afterAll(async () => {
    await agent?.close()
    await front?.stop()
    await up?.stop()
  })

  const get = async (goauth: string) => {
    const log = capture()
    const client = createUpstream({
      list: front.url,
      goauth,
      log,
      netrc: '/dev/null',
      dispatcher: agent,
      retries: 0,
    })
    try {
      const outcome = await client.get('example.com/dep/@v/list', async (b) => (await b.toArray()).join(''), {
        maxBytes: 1 << 20,
      })
      return { outcome, log }
    } finally {
      await client.close()
    }
  }

  it('sends the header a command gives, and never logs it', async () => {
    const cmd = authCommand('front', `${front.url}\n\nX-Token: ${SECRET}\n\n`)
    const from = front.seen.length
    const { outcome, log } = await get(cmd.command)
    expect(outcome.kind).toBe('found')
    expect(front.seen.slice(from).map((s) => s.ok)).toEqual([true])
    expect(JSON.stringify(outcome) + log.lines.join('\n')).not.toContain(SECRET)
    expect(log.lines).toContain(`debug sending credentials from GOAUTH to ${front.url}`)
  })

  it('after a 401, runs the command with the URL and the answer, and asks once more', async () => {
    // Credentials only for the URL it is asked about, as a token service scoped by URL would.
    const script = join(dir.path, 'scoped')
    writeFileSync(
      script,
      `#!/bin/sh\n[ -n "$1" ] || exit 0\ngrep -q '^HTTP/1.1 401 Unauthorized$' || exit 3\nprintf '%s\\n\\nX-Token: ${SECRET}\\n\\n' "$1"\n`,
    )
    chmodSync(script, 0o755)
    const from = front.seen.length
    const { outcome, log } = await get(script)
    expect(outcome.kind).toBe('found')
    expect(front.seen.slice(from).map((s) => s.ok)).toEqual([false, true])
    expect(log.lines.join('\n')).not.toContain(SECRET)
  })

  it('fails as the go command would when no scheme has credentials (GOAUTH=off)', async () => {
    const from = front.seen.length
    const { outcome } = await get('off')
    expect(outcome).toMatchObject({ kind: 'error' })
    expect(front.seen.slice(from).map((s) => s.ok)).toEqual([false])
  })
})
