import { describe, expect, it } from 'vitest'
import { loadState, saveState, type State } from '../../src/action/state.js'
import { partialHitState } from '../support/action/state.js'

const state = partialHitState

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

  it("carries the build cache's mark in GOCACHE, a string or nothing", () => {
    const build = {
      gocache: '/home/runner/.cache/go-build',
      prefix: 'go-mod-cache-v1-build-linux-amd64-go1.26.8-',
      mode: 'dir',
      journal: '/tmp/j',
      since: 1,
      version: 'go1.26.8',
      saveAllowed: true,
      matchedKey: '',
      restoredList: '/tmp/r.json',
      restoredBytes: 0,
    }
    expect(roundTrip({ ...state, build })).toEqual({ ...state, build })
    const marked = { ...build, mark: '1800000000000-0123456789ab-01234567' }
    expect(roundTrip({ ...state, build: marked })).toEqual({ ...state, build: marked })
    expect(roundTrip({ ...state, build: { ...build, mark: 7 } })).toBeUndefined()
  })
})
