import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { matchPrefixPatterns } from '../../../src/proxy/module/globs.js'
import { goTool } from '../../support/helpers/gotools.js'

// Go's own table (golang.org/x/mod/module TestMatchPrefixPatterns), then ranges, escapes and
// malformed globs, which path.Match decides and GOPRIVATE lists meet in the wild.
const cases: Array<[string, string, boolean]> = [
  ['', 'rsc.io/quote', false],
  ['/', 'rsc.io/quote', false],
  ['*/quote', 'rsc.io/quote', true],
  ['*/quo', 'rsc.io/quote', false],
  ['*/quo??', 'rsc.io/quote', true],
  ['*/quo*', 'rsc.io/quote', true],
  ['*quo*', 'rsc.io/quote', false],
  ['rsc.io', 'rsc.io/quote', true],
  ['*.io', 'rsc.io/quote', true],
  ['rsc.io/', 'rsc.io/quote', true],
  ['rsc', 'rsc.io/quote', false],
  ['rsc*', 'rsc.io/quote', true],
  ['rsc.io', 'rsc.io/quote/v3', true],
  ['*/quote', 'rsc.io/quote/v3', true],
  ['*/quote/', 'rsc.io/quote/v3', true],
  ['*/quote/*', 'rsc.io/quote/v3', true],
  ['*/quote/*/', 'rsc.io/quote/v3', true],
  ['*/v3', 'rsc.io/quote/v3', false],
  ['*/*/v3', 'rsc.io/quote/v3', true],
  ['*/*/*', 'rsc.io/quote/v3', true],
  ['*/*/*/', 'rsc.io/quote/v3', true],
  ['*/*/*', 'rsc.io/quote', false],
  ['*/*/*/', 'rsc.io/quote', false],
  ['*/*/*,,', 'rsc.io/quote', false],
  ['*/*/*,,*/quote', 'rsc.io/quote', true],
  [',,*/quote', 'rsc.io/quote', true],
  ['*.corp.example.com,rsc.io/private', 'git.corp.example.com/xyzzy', true],
  ['*.corp.example.com,rsc.io/private', 'rsc.io/private/quux', true],
  ['*.corp.example.com,rsc.io/private', 'rsc.io/privateer', false],
  ['*.corp.example.com', 'corp.example.com/x', false],
  ['none', 'rsc.io/quote', false],
  ['github.com/[a-c]*', 'github.com/corp/x', true],
  ['github.com/[a-c]*', 'github.com/dcorp/x', false],
  ['github.com/[^a-c]*', 'github.com/dcorp/x', true],
  ['github.com/[!a]*', 'github.com/!x/y', true],
  ['github.com/c?rp', 'github.com/corp/x', true],
  ['github.com/\\corp', 'github.com/corp/x', true],
  ['github.com/Corp', 'github.com/corp/x', false],
  ['github.com/corp/', 'github.com/corp', true],
  ['github.com/corp//', 'github.com/corp', false],
  ['github.com/[corp', 'github.com/corp/x', false],
  ['github.com/[]', 'github.com/x', false],
  ['github.com/[a-]', 'github.com/a', false],
  ['github.com/corp\\', 'github.com/corp', false],
  ['github.com/x[', 'github.com/corp', false],
  ['github.com/*[', 'github.com/corp', false],
  ['github.com/c*p', 'github.com/corp', true],
  ['github.com/c*p*', 'github.com/corpus/x', true],
  ['*', 'example.com/anything', true],
  ['*/', 'example.com/anything', true],
  ['gopkg.in/yaml.v?', 'gopkg.in/yaml.v3', true],
]

describe('matchPrefixPatterns', () => {
  it.each(cases)('%j matches %j: %s', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want)
  })

  it("agrees with the go command's own matcher (golang.org/x/mod/module) on every case", async () => {
    const bin = await goTool('globs')
    const input = cases.map(([globs, target]) => JSON.stringify([globs, target])).join('\n') + '\n'
    const run = spawnSync(bin, [], { input, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    const answers = run.stdout.trim().split('\n')
    expect(answers).toHaveLength(cases.length)
    const disagree = cases
      .map(([globs, target], i) => ({
        globs,
        target,
        go: answers[i],
        ours: String(matchPrefixPatterns(globs, target)),
      }))
      .filter((c) => c.go !== c.ours)
    expect(disagree).toEqual([])
  }, 120_000)
})
