import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger, type Logger } from '../../../src/proxy/log.js'
import { Store } from '../../../src/proxy/store/store.js'
import { sweepTempFiles } from '../../../src/proxy/store/sweep.js'
import { createCore } from '../../../src/proxy/core/core.js'
import { testProxyConfig } from '../../support/helpers/proxyconfig.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sweep-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** The pid of a process that ran and exited: no process has it now (barring reuse). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(r.stdout.toString())
}

const HOUR_AGO = new Date(Date.now() - 60 * 60_000)

async function put(rel: string, old = true): Promise<string> {
  const file = path.join(root, rel)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, 'partial')
  if (old) await utimes(file, HOUR_AGO, HOUR_AGO)
  return file
}

async function files(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort()
}

describe('sweepTempFiles', () => {
  it("removes a dead process's temp files, never a live sharer's, a store file or a fresh one", async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      const dead = deadPid()
      await put(`example.com/m/@v/v1.0.0.zip.tmp-${dead}-0123456789ab`)
      await put(`.stamps/example.com/m/@v/v1.0.0.zip.stamp.tmp-${dead}-abcdef012345`)
      await put(`example.com/m/@v/v1.0.0.mod.tmp-${dead}`) // entry/restore.ts's name
      await put(`example.com/m/@v/v1.1.0.zip.tmp-${live.pid}-0123456789ab`)
      await put(`example.com/m/@v/v1.2.0.zip.tmp-${process.pid}-0123456789ab`)
      await put(`example.com/m/@v/v1.3.0.zip.tmp-${dead}-feedfeedfeed`, false) // written just now
      await put('example.com/m/@v/v1.0.0.zip')
      await put('example.com/tmp-1/@v/list')
      const lines: string[] = []
      const log: Logger = { ...silentLogger, info: (m) => lines.push(m) }
      expect(await sweepTempFiles(new Store(root), log)).toBe(3)
      expect(await files()).toEqual([
        'example.com/m/@v/v1.0.0.zip',
        `example.com/m/@v/v1.1.0.zip.tmp-${live.pid}-0123456789ab`,
        `example.com/m/@v/v1.2.0.zip.tmp-${process.pid}-0123456789ab`,
        `example.com/m/@v/v1.3.0.zip.tmp-${dead}-feedfeedfeed`,
        'example.com/tmp-1/@v/list',
      ])
      expect(lines).toEqual(['removed 3 temp files left in the store by processes that no longer run'])
    } finally {
      live.kill()
    }
  })

  it('removes a temp file whose name holds no pid only once it is old', async () => {
    await put('example.com/m/@v/v1.0.0.zip.tmp-', false)
    const store = new Store(root)
    expect(await sweepTempFiles(store, silentLogger)).toBe(0)
    expect(await sweepTempFiles(store, silentLogger, { now: () => Date.now() + 25 * 60 * 60_000 })).toBe(1)
    expect(await files()).toEqual([])
  })

  it('says nothing and removes nothing in a store that does not exist yet', async () => {
    expect(await sweepTempFiles(new Store(path.join(root, 'absent')), silentLogger)).toBe(0)
  })

  it('runs when a core starts', async () => {
    await put(`example.com/m/@v/v1.0.0.zip.tmp-${deadPid()}-0123456789ab`)
    const core = await createCore(testProxyConfig({ store: root, upstream: 'off' }))
    await core.close()
    expect(await files()).toEqual([])
  })
})
