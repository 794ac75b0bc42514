import { describe, expect, it } from 'vitest'
import { parseProxyList } from '../../../src/proxy/upstream/goproxy-list.js'

describe('parseProxyList', () => {
  it('keeps the separator that follows each entry', () => {
    const list = parseProxyList('https://a.example,http://b.example:8080/p|direct')
    expect(list.map((e) => [e.kind, e.base, e.next])).toEqual([
      ['http', 'https://a.example', ','],
      ['http', 'http://b.example:8080/p', '|'],
      ['direct', 'direct', undefined],
    ])
  })

  it('skips empty entries and trims spaces', () => {
    const list = parseProxyList(' ,https://a.example/ ,, off ')
    expect(list.map((e) => [e.kind, e.base, e.next])).toEqual([
      ['http', 'https://a.example', ','],
      ['off', 'off', undefined],
    ])
  })

  it('ignores what follows direct or off, as the go command never reaches it', () => {
    expect(parseProxyList('off,https://a.example').map((e) => e.kind)).toEqual(['off'])
    expect(parseProxyList('direct|https://a.example').map((e) => e.kind)).toEqual(['direct'])
  })

  it('adds https:// to a bare host, as cmd/go does', () => {
    const [entry] = parseProxyList('goproxy.example/sub')
    expect(entry).toMatchObject({ kind: 'http', protocol: 'https:', base: 'https://goproxy.example/sub' })
  })

  it('takes credentials out of the URL', () => {
    const [entry] = parseProxyList('https://al%40ice:s%3Acret@a.example:8443/x?k=v')
    expect(entry).toMatchObject({
      kind: 'http',
      base: 'https://a.example:8443/x',
      host: 'a.example:8443',
      hostname: 'a.example',
      search: '?k=v',
      userinfo: { username: 'al@ice', password: 's:cret' },
    })
    expect(JSON.stringify(entry?.base)).not.toContain('cret')
  })

  it('reads file:// entries as a directory', () => {
    const [entry] = parseProxyList('file:///srv/goproxy/')
    expect(entry).toMatchObject({ kind: 'file', dir: '/srv/goproxy', base: 'file:///srv/goproxy' })
  })

  it.each([
    ['', 'no entries'],
    [' , | ', 'no entries'],
    ['ftp://a.example', 'unsupported scheme "ftp:"'],
    ['https://', 'not a URL'],
    ['https://a.example/#frag', 'fragment'],
    ['file://u:p@/srv', 'not a URL'],
    ['file://remote.example/srv', 'local absolute path'],
    ['gopher', 'not a URL'],
  ])('rejects %j naming the entry and the accepted form', (list, why) => {
    expect(() => parseProxyList(list)).toThrow(why)
    expect(() => parseProxyList(list)).toThrow(/accepted: entries separated by "," or "\|"/)
  })

  it('never puts a password into its error message', () => {
    let message = ''
    try {
      parseProxyList('ftp://user:hunter2@a.example')
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('ftp://***@a.example')
    expect(message).not.toContain('hunter2')
  })
})
