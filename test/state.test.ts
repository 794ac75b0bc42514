import { describe, expect, it } from 'vitest'
import { loadState, saveState, type State } from '../src/state.js'

const state: State = {
  primaryKey: 'p-abc',
  matchedKey: 'p-old',
  sumFile: '/tmp/x/go.sum',
  store: '/home/u/go/pkg/mod/cache/download',
  entryPath: '../.go-mod-cache-entry',
  saveAllowed: true,
  saveAlways: false,
  cacheFailed: false,
  restored: { files: 3, modules: 1, bytes: 1234 },
  proxy: { pid: 42, url: 'http://127.0.0.1:1', goproxy: 'http://127.0.0.1:1', log: '/l', journal: '/j' },
  startedAt: 1,
  restoreMs: 2,
}

function roundTrip(value: unknown): State | undefined {
  const saved = new Map<string, string>()
  saveState(value as State, (name, v) => saved.set(name, v))
  return loadState((name) => saved.get(name) ?? '')
}

describe('state', () => {
  it('round-trips', () => {
    expect(roundTrip(state)).toEqual(state)
    expect(roundTrip({ ...state, proxy: null })).toEqual({ ...state, proxy: null })
  })

  it('is undefined when main saved nothing', () => {
    expect(loadState(() => '')).toBeUndefined()
  })

  it('rejects malformed or foreign blobs', () => {
    expect(loadState(() => '{not json')).toBeUndefined()
    expect(loadState(() => '"a string"')).toBeUndefined()
    expect(roundTrip({ ...state, primaryKey: 7 })).toBeUndefined()
    expect(roundTrip({ ...state, restored: { files: 1 } })).toBeUndefined()
    expect(roundTrip({ ...state, proxy: { pid: '42' } })).toBeUndefined()
    const { saveAllowed: _dropped, ...missing } = state
    expect(roundTrip(missing)).toBeUndefined()
  })
})
