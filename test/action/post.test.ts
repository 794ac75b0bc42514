import { describe, expect, it } from 'vitest'
import { whyNotSave } from '../../src/action/post.js'
import { partialHitState } from '../support/action/state.js'

const state = partialHitState

describe('whyNotSave', () => {
  it('saves a new key when the job fetched something, not when it fetched nothing', () => {
    expect(whyNotSave(state, 1, true)).toBeUndefined()
    expect(whyNotSave(state, 0, true)).toBe('the job fetched nothing new')
  })

  it('saves a new key when the journal may be incomplete: a killed or crashed proxy, or none', () => {
    expect(whyNotSave(state, 0, false)).toBeUndefined()
    expect(whyNotSave({ ...state, proxy: null, matchedKey: '' }, 0, false)).toBeUndefined()
  })

  it('never saves an exact hit, a job not allowed to save, or after the cache service failed', () => {
    for (const journalComplete of [true, false]) {
      expect(whyNotSave({ ...state, matchedKey: state.primaryKey }, 1, journalComplete)).toBe(
        'exact hit: the entry exists',
      )
      // This set's layer restored with its base is this set's entry too; without the base it is not.
      const layer = { ...state, matchedKey: 'p-layer-abc' }
      expect(whyNotSave({ ...layer, base: { key: 'p-old', files: '/b' } }, 1, journalComplete)).toBe(
        'exact hit: the entry exists',
      )
      expect(whyNotSave(layer, 1, journalComplete)).toBeUndefined()
      expect(whyNotSave({ ...state, saveAllowed: false }, 1, journalComplete)).toMatch(/saving is off/)
      expect(whyNotSave({ ...state, cacheFailed: true }, 1, journalComplete)).toMatch(/failed in main/)
      expect(whyNotSave({ ...state, primaryKey: '' }, 1, journalComplete)).toMatch(/no dependency/)
    }
  })

  it('saves a miss with save: always even when nothing was fetched', () => {
    expect(whyNotSave({ ...state, matchedKey: '', saveAlways: true }, 0, true)).toBeUndefined()
    expect(whyNotSave({ ...state, saveAlways: true }, 0, true)).toBe('the job fetched nothing new')
  })
})
