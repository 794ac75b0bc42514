import { describe, expect, it } from 'vitest'
import { InputError, isLoopback as inputIsLoopback, readInputs } from '../../src/action/inputs.js'
import { isLoopback, parseArgs, type FlagEnv } from '../../src/serve/flags.js'

const fenv: FlagEnv = { env: {}, home: '/home/u' }

// One listen rule: the action's `listen` input and `serve --listen` accept and refuse the same.
const addresses: Array<[string, boolean]> = [
  ['127.0.0.1:0', true],
  ['0.0.0.0:8181', true],
  ['172.17.0.1:65535', true],
  ['localhost:3000', true],
  ['proxy.internal:80', true],
  ['[::1]:0', true],
  ['[::]:8080', true],
  ['[fe80::1]:1', true],
  ['localhost', false],
  ['127.0.0.1:', false],
  ['127.0.0.1:65536', false],
  ['127.0.0.1:123456', false],
  [':8080', false],
  ['::1:0', false],
  ['[nothex]:1', false],
  ['[127.0.0.1]:1', false],
  ['[::1]', false],
  ['-host:1', false],
  ['host-:1', false],
  ['under_score:1', false],
  ['two words:1', false],
]

describe('listen addresses', () => {
  it.each(addresses)('%j accepted: %s, by the input and the flag alike', (listen, ok) => {
    let inputError: unknown
    try {
      readInputs({ INPUT_LISTEN: listen })
    } catch (error) {
      inputError = error
    }
    // A token, so that only the address itself is judged.
    const flag = parseArgs(['serve', '--listen', listen, '--token', 'x'.repeat(16)], fenv)
    if (ok) {
      expect(inputError).toBeUndefined()
      expect(flag).not.toHaveProperty('error')
    } else {
      expect(inputError).toBeInstanceOf(InputError)
      expect(flag).toHaveProperty(
        'error',
        expect.stringMatching(/^go-mod-cache: --listen: expected HOST:PORT/),
      )
    }
  })

  it.each([
    ['127.0.0.1:0', true],
    ['127.9.9.9:1', true],
    ['localhost:80', true],
    ['[::1]:0', true],
    ['0.0.0.0:0', false],
    ['[::]:0', false],
    ['172.17.0.1:1', false],
    ['localhost.example:1', false],
    ['not an address', false],
  ])('%j is loopback: %s, for the input and the flag alike', (listen, loopback) => {
    expect(isLoopback(listen)).toBe(loopback)
    expect(inputIsLoopback(listen)).toBe(loopback)
    const flag = parseArgs(['serve', '--listen', listen], fenv)
    if (loopback) expect(flag).not.toHaveProperty('error')
    else expect(flag).toHaveProperty('error')
  })
})
