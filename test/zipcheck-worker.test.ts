/**
 * The zip check worker as the CLI runs it: the built dist/zipcheck bundle on a real worker thread,
 * giving the same verdicts as checkZip on this thread, and falling back to this thread when the
 * worker dies.
 */
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '../src/proxy/log.js'
import { checkZip } from '../src/proxy/zipcheck.js'
import { workerZipChecker } from '../src/proxy/zipcheck-worker.js'
import { DIST, ensureDist } from './helpers-action/job.js'
import type { Tree } from './helpers/gotools.js'
import { syntheticModules } from './helpers/modules.js'
import { tempDir, type TempDir } from './helpers/tempdir.js'

let tree: Tree
let dir: TempDir
const good = { module: 'example.com/dep', version: 'v1.0.0' }
let goodZip: string
let badZip: string

beforeAll(async () => {
  await ensureDist()
  tree = await syntheticModules()
  dir = tempDir('gmc-zipcheck-worker-')
  goodZip = join(tree.root, 'example.com/dep/@v/v1.0.0.zip')
  badZip = join(dir.path, 'bad.zip')
  copyFileSync(goodZip, badZip)
  writeFileSync(badZip, Buffer.from('not a zip at all'), { flag: 'r+' })
})
afterAll(() => dir.remove())

function capture(): Logger & { lines: string[] } {
  const lines: string[] = []
  const add = (line: string): void => void lines.push(line)
  return { lines, debug: add, info: add, warn: add, error: add }
}

describe('workerZipChecker', () => {
  it('gives the same verdicts as checkZip on this thread', async () => {
    const log = capture()
    const checker = workerZipChecker(DIST.zipcheck, log)
    try {
      const [a, b] = await Promise.all([
        checker.check(goodZip, good.module, good.version),
        checker.check(badZip, good.module, good.version),
      ])
      expect(a).toEqual(await checkZip(goodZip, good.module, good.version))
      expect(a.ok).toBe(true)
      expect(b).toEqual(await checkZip(badZip, good.module, good.version))
      expect(b.ok).toBe(false)
      expect(log.lines).toEqual([])
    } finally {
      await checker.close()
    }
  })

  it('checks on this thread, with one warning, when the worker dies', async () => {
    const script = join(dir.path, 'dies.mjs')
    writeFileSync(script, 'process.exit(3)\n')
    const log = capture()
    const checker = workerZipChecker(script, log)
    try {
      const first = await checker.check(goodZip, good.module, good.version)
      const second = await checker.check(badZip, good.module, good.version)
      expect(first).toEqual(await checkZip(goodZip, good.module, good.version))
      expect(second.ok).toBe(false)
      expect(log.lines).toEqual([expect.stringMatching(/zip check worker stopped \(exit 3\)/)])
    } finally {
      await checker.close()
    }
  })
})
