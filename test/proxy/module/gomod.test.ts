import { describe, expect, it } from 'vitest'
import { goModModulePath, goModProblem } from '../../../src/proxy/module/gomod.js'

describe('goModModulePath (modfile.ModulePath)', () => {
  it.each([
    ['module example.com/m\n', 'example.com/m'],
    ['// comment\n\nmodule   example.com/m // Deprecated: use v2\n\ngo 1.21\n', 'example.com/m'],
    ['module "example.com/quoted"\n', 'example.com/quoted'],
    ['module `example.com/raw`\n', 'example.com/raw'],
    ['modulex example.com/m\nmodule example.com/second\n', 'example.com/second'],
    ['go 1.21\n', undefined],
    ['module\n', undefined],
    ['module "unterminated\n', undefined],
  ])('%j -> %j', (text, want) => {
    expect(goModModulePath(text)).toBe(want)
  })
})

describe('goModProblem', () => {
  it('takes go.mod files, a proxy-made one, and a fork declaring the path it replaces', () => {
    const good = [
      'module example.com/m\n\ngo 1.21\n\nrequire (\n\texample.com/dep v1.0.0 // indirect\n)\n',
      'module example.com/incompat\n',
      'module example.com/original\n\nretract (\n\t[v1.0.0, v1.0.5]\n\tv1.1.0 // oops\n)\n',
      'module example.com/m\ngodebug (\n\tdefault=go1.21\n)\ntool example.com/t\n',
    ]
    for (const text of good) expect(goModProblem(Buffer.from(text)), text).toBeUndefined()
  })

  it('refuses a page, JSON, binary and a file without a module line', () => {
    expect(goModProblem(Buffer.from('<!DOCTYPE html>\n<html>module x</html>\n'))).toMatch(
      /^go\.mod has a line that is no go\.mod statement: "<!DOCTYPE html>"$/,
    )
    expect(goModProblem(Buffer.from('{"module":"example.com/m"}'))).toMatch(/no go\.mod statement/)
    expect(goModProblem(Buffer.from([0x6d, 0x00, 0xff]))).toBe('go.mod is not UTF-8 text')
    expect(goModProblem(Buffer.from('go 1.21\n'))).toBe('go.mod has no module line')
    expect(goModProblem(Buffer.from(''))).toBe('go.mod has no module line')
  })

  it('says at most 100 characters of a bad line', () => {
    const problem = goModProblem(Buffer.from(`<${'x'.repeat(10_000)}\n`)) ?? ''
    expect(problem.length).toBeLessThan(200)
  })
})
