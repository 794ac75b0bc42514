import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultNetrcPath, loadNetrc, netrcLookup, parseNetrc } from '../../../src/proxy/upstream/netrc.js'

const text = `
machine a.example login alice password one
machine b.example:8443
  login bob
  account ignored
  password two
macdef init
  machine evil.example login mallory password three

machine nopass.example login carol
default login anon password guest
`

describe('parseNetrc', () => {
  it('reads machines on one or several lines, skipping macros and incomplete entries', () => {
    expect(parseNetrc(text)).toEqual([
      { machine: 'a.example', login: 'alice', password: 'one' },
      { machine: 'b.example:8443', login: 'bob', password: 'two' },
      { login: 'anon', password: 'guest' },
    ])
  })

  it('handles CRLF line ends and an empty file', () => {
    expect(parseNetrc('machine h\r\nlogin u\r\npassword p\r\n')).toEqual([
      { machine: 'h', login: 'u', password: 'p' },
    ])
    expect(parseNetrc('')).toEqual([])
  })
})

describe('netrcLookup', () => {
  const entries = parseNetrc(text)
  it('prefers host:port, then the host name, then default', () => {
    expect(netrcLookup(entries, 'b.example:8443', 'b.example')).toEqual({ username: 'bob', password: 'two' })
    expect(netrcLookup(entries, 'a.example:443', 'a.example')).toEqual({ username: 'alice', password: 'one' })
    expect(netrcLookup(entries, 'b.example', 'b.example')).toEqual({ username: 'anon', password: 'guest' })
    expect(netrcLookup(entries, 'evil.example', 'evil.example')).toEqual({
      username: 'anon',
      password: 'guest',
    })
  })

  it('finds nothing without a default', () => {
    expect(netrcLookup(parseNetrc('machine x login u password p'), 'y', 'y')).toBeUndefined()
  })
})

describe('loadNetrc and defaultNetrcPath', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netrc-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads a file, and says undefined for a missing one', () => {
    const file = path.join(dir, 'netrc')
    writeFileSync(file, 'machine h login u password p\n')
    expect(loadNetrc(file)).toEqual([{ machine: 'h', login: 'u', password: 'p' }])
    expect(loadNetrc(path.join(dir, 'missing'))).toBeUndefined()
  })

  it('throws for a path that cannot be read as a file', () => {
    expect(() => loadNetrc(dir)).toThrow()
  })

  it('uses $NETRC, else ~/.netrc', () => {
    expect(defaultNetrcPath({ NETRC: '/x/netrc' })).toBe('/x/netrc')
    expect(defaultNetrcPath({})).toBe(path.join(os.homedir(), '.netrc'))
  })
})
