import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createModuleFiles } from '../../../src/proxy/core/files.js'
import { nullJournal } from '../../../src/proxy/core/journal.js'
import { Spill } from '../../../src/proxy/core/spill.js'
import { GoSums } from '../../../src/proxy/module/gosum.js'
import { Store, type StoreEntry } from '../../../src/proxy/store/store.js'
import { createUpstream } from '../../../src/proxy/upstream/upstream.js'
import { silentLogger } from '../../../src/proxy/log.js'
import { MODULES, syntheticModules } from '../../support/helpers/modules.js'
import { tempDir, type TempDir } from '../../support/helpers/tempdir.js'
import { startUpstream, type Upstream as FixtureUpstream } from '../../support/helpers/upstream.js'
import type { Tree } from '../../support/helpers/gotools.js'

/**
 * A store on a full disk: a real full file system needs a loop mount (root tools), so the test
 * injects ENOSPC at the store's one write door once the body is spent, as a full disk fails a write.
 */
class FullStore extends Store {
  override write(rel: string, fill: (tmp: string) => Promise<void>): Promise<StoreEntry> {
    return super.write(rel, async (tmp) => {
      await fill(tmp)
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' })
    })
  }
}

describe('a full store', () => {
  let tree: Tree
  let up: FixtureUpstream
  const dirs: TempDir[] = []
  beforeAll(async () => {
    tree = await syntheticModules()
    up = await startUpstream({ root: tree.root })
  })
  afterAll(async () => {
    await up.stop()
    for (const d of dirs) d.remove()
  })

  it('serves the verified file from outside the store, asks again once, and says so once', async () => {
    const dir = tempDir('gmc-full-')
    dirs.push(dir)
    const warnings: string[] = []
    let unstored = 0
    const log = { ...silentLogger, warn: (m: string) => void warnings.push(m) }
    const spill = new Spill(log, () => unstored++, dir.path)
    const upstream = createUpstream({ list: up.url, log: silentLogger, netrc: '/dev/null' })
    const files = createModuleFiles({
      store: new FullStore(join(dir.path, 'store')),
      upstream,
      sums: GoSums.parse(tree.goSum),
      journal: nullJournal,
      log,
      offline: false,
      mutableTtlMs: 60_000,
      spill,
    })
    const { module, version } = MODULES.dep
    const zip = `${module}/@v/${version}.zip`
    const from = up.requests.length
    const got = await files.ensure(module, version, 'zip', 'request')
    expect(got).toMatchObject({ kind: 'found', source: 'upstream' })
    const path = (got as { path: string }).path
    expect(readFileSync(path).equals(readFileSync(join(tree.root, zip)))).toBe(true)
    expect(up.requests.slice(from).map((r) => r.path)).toEqual([`/${zip}`, `/${zip}`])
    expect(await files.ensure(module, version, 'mod', 'request')).toMatchObject({ kind: 'found' })
    expect(unstored).toBe(2)
    expect(warnings.filter((w) => w.startsWith('the store cannot be written (ENOSPC'))).toHaveLength(1)
    expect(existsSync(join(dir.path, 'store', zip))).toBe(false)
    // A file that fails verification is refused from the spill too.
    up.setFault(`${module}/@v/${version}.mod`, { kind: 'corrupt' })
    const other = await createModuleFiles({
      store: new FullStore(join(dir.path, 'store')),
      upstream,
      sums: GoSums.parse(tree.goSum),
      journal: nullJournal,
      log,
      offline: false,
      mutableTtlMs: 60_000,
      spill,
    }).ensure(module, version, 'mod', 'request')
    up.clearFaults()
    expect(other).toMatchObject({ kind: 'error', status: 502 })
    await spill.close()
    await upstream.close()
    expect(readdirSync(dir.path).filter((n) => n.startsWith('go-mod-cache-unstored-'))).toEqual([])
  })
})
