import { describe, expect, it } from 'vitest'
import { whyNotSave } from '../src/run-post.js'
import type { Usage } from '../src/usage.js'
import { partialHitState } from './helpers-action/state.js'

const state = partialHitState

function usage(fetched: number): Usage {
  return {
    fromStore: { files: 0, bytes: 0 },
    fetched: { files: fetched, bytes: fetched * 10, modules: fetched },
    used: [],
    refused: 0,
  }
}

describe('whyNotSave', () => {
  it('saves a new key when the job fetched something, not when it fetched nothing', () => {
    expect(whyNotSave(state, usage(1), true)).toBeUndefined()
    expect(whyNotSave(state, usage(0), true)).toBe('the job fetched nothing new')
  })

  it('saves a new key when the journal may be incomplete: a killed or crashed proxy, or none', () => {
    expect(whyNotSave(state, usage(0), false)).toBeUndefined()
    expect(whyNotSave({ ...state, proxy: null, matchedKey: '' }, undefined, false)).toBeUndefined()
  })

  it('never saves an exact hit, a job not allowed to save, or after the cache service failed', () => {
    for (const journalComplete of [true, false]) {
      expect(whyNotSave({ ...state, matchedKey: state.primaryKey }, usage(1), journalComplete)).toBe(
        'exact hit: the entry exists',
      )
      expect(whyNotSave({ ...state, saveAllowed: false }, usage(1), journalComplete)).toMatch(/saving is off/)
      expect(whyNotSave({ ...state, cacheFailed: true }, usage(1), journalComplete)).toMatch(/failed in main/)
      expect(whyNotSave({ ...state, primaryKey: '' }, usage(1), journalComplete)).toMatch(/no dependency/)
    }
  })

  it('saves a miss with save: always even when nothing was fetched', () => {
    expect(whyNotSave({ ...state, matchedKey: '', saveAlways: true }, usage(0), true)).toBeUndefined()
    expect(whyNotSave({ ...state, saveAlways: true }, usage(0), true)).toBe('the job fetched nothing new')
  })
})
