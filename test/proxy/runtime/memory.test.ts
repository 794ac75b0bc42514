import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { jobNodeFlags } from '../../../src/proxy/runtime/memory.js'

describe('jobNodeFlags', () => {
  it('are flags this node starts with (an unknown V8 flag stops node before any code runs)', () => {
    const run = spawnSync(process.execPath, [...jobNodeFlags(), '-e', 'process.stdout.write("ok")'], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('ok')
  })
})
