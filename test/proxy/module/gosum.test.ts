import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GoSums } from '../../../src/proxy/module/gosum.js'

const h = (c: string): string => `h1:${c.repeat(43)}=`
const tmp = mkdtempSync(join(tmpdir(), 'gosum-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const goSum = [
  `github.com/BurntSushi/toml v1.2.1 ${h('a')}`,
  `github.com/BurntSushi/toml v1.2.1/go.mod ${h('b')}`,
  '',
  `golang.org/x/mod v0.7.0/go.mod ${h('c')}`,
  `example.com/m v2.0.0+incompatible ${h('d')}`,
  `example.com/m v0.0.0-20220101000000-abcdefabcdef/go.mod ${h('e')}`,
  '   ',
].join('\n')

describe('GoSums.parse', () => {
  it('keeps zip and go.mod hashes apart', () => {
    const sums = GoSums.parse(goSum)
    expect(sums.zip('github.com/BurntSushi/toml', 'v1.2.1')).toEqual([h('a')])
    expect(sums.mod('github.com/BurntSushi/toml', 'v1.2.1')).toEqual([h('b')])
    expect(sums.zip('golang.org/x/mod', 'v0.7.0')).toBeUndefined()
    expect(sums.mod('golang.org/x/mod', 'v0.7.0')).toEqual([h('c')])
    expect(sums.zip('example.com/m', 'v2.0.0+incompatible')).toEqual([h('d')])
    expect(sums.mod('example.com/nope', 'v1.0.0')).toBeUndefined()
  })

  it('lists each module version once, sorted, marking which have a full line', () => {
    expect(GoSums.parse(goSum).versions()).toEqual([
      { module: 'example.com/m', version: 'v0.0.0-20220101000000-abcdefabcdef', zip: false },
      { module: 'example.com/m', version: 'v2.0.0+incompatible', zip: true },
      { module: 'github.com/BurntSushi/toml', version: 'v1.2.1', zip: true },
      { module: 'golang.org/x/mod', version: 'v0.7.0', zip: false },
    ])
    expect(GoSums.parse(goSum).size).toBe(4)
    expect(GoSums.parse('').size).toBe(0)
  })

  it('merges into an existing set, allowing several hashes for one file without repeats', () => {
    const sums = GoSums.parse(goSum)
    GoSums.parse(
      `github.com/BurntSushi/toml v1.2.1 ${h('z')}\ngithub.com/BurntSushi/toml v1.2.1 ${h('a')}\n`,
      sums,
    )
    expect(sums.zip('github.com/BurntSushi/toml', 'v1.2.1')).toEqual([h('a'), h('z')])
    expect(sums.size).toBe(4)
  })

  it('drops the empty-go.mod hash old go commands wrote by mistake, as cmd/go does', () => {
    const sums = GoSums.parse('example.com/x v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n')
    expect(sums.size).toBe(0)
  })

  it('accepts CRLF line endings and tabs', () => {
    const sums = GoSums.parse(`example.com/x\tv1.0.0 ${h('a')}\r\nexample.com/x v1.0.0/go.mod ${h('b')}\r\n`)
    expect(sums.versions()).toEqual([{ module: 'example.com/x', version: 'v1.0.0', zip: true }])
  })

  it.each([
    ['example.com/x v1.0.0', /wrong number of fields/],
    [`example.com/x v1.0.0 ${h('a')} extra`, /wrong number of fields/],
    [`example.com/x v1.0 ${h('a')}`, /not canonical/],
    [`example.com/x master ${h('a')}`, /not canonical/],
    [`Example.com/x v1.0.0 ${h('a')}`, /malformed module path/],
    ['example.com/x v1.0.0 h1:short=', /not an h1 hash/],
    [`example.com/x v1.0.0 h2:${'a'.repeat(43)}=`, /not an h1 hash/],
  ])('refuses %j naming the file and line', (line, why) => {
    const text = `example.com/ok v1.0.0 ${h('a')}\n\n${line}\n`
    expect(() => GoSums.parse(text, undefined, 'sub/go.sum')).toThrow(why)
    expect(() => GoSums.parse(text, undefined, 'sub/go.sum')).toThrow(/sub\/go\.sum:3:/)
  })
})

describe('GoSums.load', () => {
  it('merges several files, e.g. go.sum and go.work.sum', async () => {
    const a = join(tmp, 'go.sum')
    const b = join(tmp, 'go.work.sum')
    writeFileSync(a, goSum)
    writeFileSync(b, `example.com/w v1.0.0 ${h('w')}\n`)
    const sums = await GoSums.load([a, b])
    expect(sums.size).toBe(5)
    expect(sums.zip('example.com/w', 'v1.0.0')).toEqual([h('w')])
  })

  it('names a missing file', async () => {
    const missing = join(tmp, 'nope', 'go.sum')
    await expect(GoSums.load([missing])).rejects.toThrow(missing)
  })

  it('names the file and line of a malformed line', async () => {
    const bad = join(tmp, 'bad.sum')
    writeFileSync(bad, `example.com/ok v1.0.0 ${h('a')}\nbroken\n`)
    await expect(GoSums.load([bad])).rejects.toThrow(`${bad}:2:`)
  })

  it('loads nothing from no files', async () => {
    expect((await GoSums.load([])).size).toBe(0)
  })
})
