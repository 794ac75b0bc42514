import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startToolchain } from '../../src/action/toolchain.js'
import type { CacheProvider } from '../../src/cache/provider.js'
import { GO_BIN } from '../support/helpers/gocmd.js'
import { tempDir } from '../support/helpers/tempdir.js'

const dir = tempDir('gmc-action-toolchain-')
afterAll(() => dir.remove())
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return () => vi.restoreAllMocks()
})

const host = execFileSync(GO_BIN, ['env', 'GOHOSTOS', 'GOHOSTARCH'], { encoding: 'utf8' }).trim().split('\n')
const PREFIX = `p-toolchain-${host[0]}-${host[1]}-`

/** What main asked the cache service to restore, with the real go command on PATH. */
async function restoresFor(
  files: Record<string, string>,
  env: Record<string, string> = {},
): Promise<string[][]> {
  const workspace = join(dir.path, `ws-${Math.random().toString(36).slice(2)}`)
  mkdirSync(workspace, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text)
  const asked: string[][] = []
  const cache: CacheProvider = {
    restore: async (_paths, key, restoreKeys) => (
      asked.push([key, ...restoreKeys]),
      { value: undefined, failed: false }
    ),
    saveFiles: async () => ({ value: -1, failed: false }),
    reserve: async () => ({ value: false, failed: false }),
    available: async () => true,
  }
  const state = await startToolchain({
    keyPrefix: 'p',
    env: { PATH: `${dirname(GO_BIN)}:/usr/bin:/bin`, HOME: dir.path, GOENV: 'off', ...env },
    workspace,
    dir: dir.path,
    download: join(workspace, 'download'),
    cache,
    read: true,
    saveAllowed: true,
  })
  expect(state?.prefix).toBe(PREFIX)
  return asked
}

describe.runIf(Number(/go1\.(\d+)/.exec(execFileSync(GO_BIN, ['version'], { encoding: 'utf8' }))?.[1]) >= 21)(
  "main's toolchain key, read as the go command picks the toolchain",
  () => {
    it('from a go.mod asking for a newer Go, or GOTOOLCHAIN naming one', async () => {
      expect(await restoresFor({ 'go.mod': 'module m\n\ngo 1.99.1\n' })).toEqual([[`${PREFIX}go1.99.1`]])
      expect(await restoresFor({ 'go.mod': 'module m\n\ngo 1.21\ntoolchain go1.99.2\n' })).toEqual([
        [`${PREFIX}go1.99.2`],
      ])
      expect(await restoresFor({}, { GOTOOLCHAIN: 'go1.99.3' })).toEqual([[`${PREFIX}go1.99.3`]])
      // go.work wins over go.mod, unless GOWORK=off.
      const both = { 'go.work': 'go 1.99.4\n', 'go.mod': 'module m\n\ngo 1.99.5\n' }
      expect(await restoresFor(both)).toEqual([[`${PREFIX}go1.99.4`]])
      expect(await restoresFor(both, { GOWORK: 'off' })).toEqual([[`${PREFIX}go1.99.5`]])
    })

    it('none when no switch will happen; the newest of the platform when it cannot tell', async () => {
      expect(await restoresFor({ 'go.mod': 'module m\n\ngo 1.21\n' })).toEqual([])
      expect(await restoresFor({ 'go.mod': 'module m\n\ngo 1.99.1\n' }, { GOTOOLCHAIN: 'local' })).toEqual([])
      expect(await restoresFor({})).toEqual([[PREFIX, PREFIX]])
    })
  },
)
