import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readContext } from '../../src/action/context.js'
import { InputError } from '../../src/action/inputs.js'

describe('readContext', () => {
  it('reads the Go variables as the go command does', () => {
    const { go } = readContext({
      GOPRIVATE: 'corp.example/*',
      GONOSUMDB: 'other.example',
      GOSUMDB: 'off',
      GOMODCACHE: '/m',
      GOFLAGS: '-mod=mod',
      GOAUTH: 'git /repo;netrc',
    })
    expect(go).toEqual({
      goflags: '-mod=mod',
      modCache: '/m',
      noProxy: 'corp.example/*',
      noSumdb: 'other.example',
      sumdb: null,
      goauth: 'git /repo;netrc',
    })
    expect(readContext({ GOPATH: '/g' }).go).toMatchObject({
      goflags: '',
      goauth: 'netrc',
      modCache: join('/g', 'pkg', 'mod'),
      sumdb: { name: 'sum.golang.org', url: 'https://sum.golang.org' },
    })
  })

  it('reads the runner and cache service variables, with the runner defaults', () => {
    const { runner } = readContext({
      GITHUB_WORKSPACE: '/ws',
      RUNNER_TEMP: '/t',
      GITHUB_RUN_ID: '7',
      ACTIONS_CACHE_MODE: 'read',
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_RUNTIME_TOKEN: 'tok',
      HTTPS_PROXY: 'http://squid:3128',
      PATH: '/bin',
      GITHUB_OUTPUT: '/f/out',
      GITHUB_STATE: '/f/state',
      RUNNER_DEBUG: '1',
      'STATE_go-mod-cache': '{}',
    })
    expect(runner).toEqual({
      workspace: resolve('/ws'),
      temp: '/t',
      eventPath: '',
      run: { id: '7', attempt: '1' },
      cache: {
        mode: { read: true, write: false },
        serviceV2: true,
        resultsUrl: 'https://results.example/',
        runtimeToken: 'tok',
        serverUrl: 'https://github.com',
        httpProxy: true,
        path: '/bin',
        workspace: resolve('/ws'),
        uploadBlockBytes: '',
      },
      channel: {
        files: { OUTPUT: '/f/out', ENV: '', STATE: '/f/state', STEP_SUMMARY: '' },
        debug: true,
        states: { 'go-mod-cache': '{}' },
      },
    })
    expect(readContext({}).runner.workspace).toBe(process.cwd())
  })

  it('holds a bad input as its error, so post can read the context all the same', () => {
    const context = readContext({ INPUT_SAVE: 'sometimes', GOPROXY: 'https://p.example' })
    expect(context.inputs).toBeInstanceOf(InputError)
    expect((context.inputs as InputError).message).toMatch(/^input save: /)
    expect(readContext({ GOPROXY: 'https://p.example' }).inputs).toMatchObject({
      upstream: 'https://p.example',
    })
  })

  it('keeps its own copy of the environment for the proxy process', () => {
    const env: Record<string, string | undefined> = { GOPROXY: 'https://p.example' }
    const context = readContext(env)
    env.GOPROXY = 'changed'
    expect(context.env).toEqual({ GOPROXY: 'https://p.example' })
  })
})
