import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startExtraction, stopExtraction } from '../../src/action/extract.js'
import { GoSums } from '../../src/proxy/index.js'
import { tempDir } from '../support/helpers/tempdir.js'

const root = tempDir('gmc-action-extract-')
afterAll(() => root.remove())
let said: string[]
beforeEach(() => {
  said = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (said.push(String(chunk)), true))
  return () => vi.restoreAllMocks()
})

const H1 = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
const SUMS = [
  `example.com/a v1.0.0 ${H1}`,
  `example.com/a v1.0.0/go.mod ${H1}`,
  `example.com/Upper v1.1.0 ${H1}`,
  `example.com/gone v1.0.0 ${H1}`,
  `example.com/done v1.0.0 ${H1}`,
  `example.com/modonly v1.0.0/go.mod ${H1}`,
  `golang.org/toolchain v0.0.1-go1.99.0.linux-amd64 ${H1}`,
].join('\n')

let n = 0
/**
 * A job's directories: a store holding the zips named with their .info and .mod (but the files in
 * `lacking`), GOMODCACHE holding the trees named.
 */
function job(zips: string[], trees: string[], lacking: string[] = []) {
  const dir = join(root.path, `job-${n++}`)
  const store = join(dir, 'mod', 'cache', 'download')
  for (const zip of zips) {
    mkdirSync(join(store, zip, '..'), { recursive: true })
    for (const file of ['.info', '.mod', '.zip'].map((ext) => zip.slice(0, -4) + ext))
      if (!lacking.includes(file)) writeFileSync(join(store, file), 'x')
  }
  for (const tree of trees) mkdirSync(join(dir, 'mod', tree), { recursive: true })
  const sumFile = join(dir, 'go.sum')
  writeFileSync(sumFile, SUMS + '\n')
  mkdirSync(join(dir, 'main'))
  return { dir: join(dir, 'main'), store, modCache: join(dir, 'mod'), sumFile, sums: GoSums.parse(SUMS) }
}

/** A go command that writes where and how it ran, then exits. */
function fakeGo(): { bin: string; out: string } {
  const bin = join(root.path, `bin-${n++}`)
  mkdirSync(bin)
  const out = join(bin, 'ran')
  writeFileSync(
    join(bin, 'go'),
    `#!/bin/sh\necho "$PWD|$GOFLAGS|$GOWORK|$GOTOOLCHAIN|$GOPROXY|$GOSUMDB|$*" > "${out}.tmp" && mv "${out}.tmp" "${out}"\n`,
  )
  chmodSync(join(bin, 'go'), 0o755)
  return { bin, out }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25))
  expect(check()).toBe(true)
}

describe('startExtraction', () => {
  it("runs `go mod download` of the go.sum's zips the store has and GOMODCACHE lacks, in a module of its own", async () => {
    const j = job(
      [
        'example.com/a/@v/v1.0.0.zip',
        'example.com/!upper/@v/v1.1.0.zip',
        'example.com/done/@v/v1.0.0.zip',
        'golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.zip',
      ],
      ['example.com/done@v1.0.0'],
    )
    const go = fakeGo()
    const env = { PATH: `${go.bin}:/usr/bin:/bin`, GOPROXY: 'http://127.0.0.1:1', GOFLAGS: '-mod=vendor' }
    const state = await startExtraction({ ...j, env })
    expect(state).toMatchObject({ modules: 2, listed: false })
    await until(() => existsSync(go.out))
    const module = join(j.dir, 'extract')
    expect(readFileSync(go.out, 'utf8').trim()).toBe(
      `${module}|-modcacherw|off|local|off|off|mod download example.com/Upper@v1.1.0 example.com/a@v1.0.0`,
    )
    expect(readFileSync(join(module, 'go.mod'), 'utf8')).toBe('module go-mod-cache/extract\n')
    expect(readFileSync(join(module, 'go.sum'), 'utf8')).toBe(SUMS + '\n')
    expect(said.join('')).toContain('Extracting 2 restored modules into')
  })

  it('takes only the zips the restored entry lists, when it lists any', async () => {
    const j = job(['example.com/a/@v/v1.0.0.zip', 'example.com/!upper/@v/v1.1.0.zip'], [])
    const go = fakeGo()
    const only = new Set(['example.com/a/@v/v1.0.0.zip', 'example.com/gone/@v/v1.0.0.zip'])
    const state = await startExtraction({ ...j, only, env: { PATH: `${go.bin}:/usr/bin:/bin` } })
    expect(state).toMatchObject({ modules: 1, listed: true })
    await until(() => existsSync(go.out))
    expect(readFileSync(go.out, 'utf8').trim()).toMatch(/\|mod download example\.com\/a@v1\.0\.0$/)
  })

  it('leaves out a zip whose .mod or .info the store lacks: it runs offline', async () => {
    const zips = [
      'example.com/a/@v/v1.0.0.zip',
      'example.com/!upper/@v/v1.1.0.zip',
      'example.com/gone/@v/v1.0.0.zip',
    ]
    const j = job(zips, [], ['example.com/!upper/@v/v1.1.0.mod', 'example.com/gone/@v/v1.0.0.info'])
    const go = fakeGo()
    expect(await startExtraction({ ...j, env: { PATH: `${go.bin}:/usr/bin:/bin` } })).toMatchObject({
      modules: 1,
    })
    await until(() => existsSync(go.out))
    expect(readFileSync(go.out, 'utf8').trim()).toMatch(/\|mod download example\.com\/a@v1\.0\.0$/)
  })

  it('starts nothing when every restored module is extracted already', async () => {
    const j = job(['example.com/a/@v/v1.0.0.zip'], ['example.com/a@v1.0.0'])
    const go = fakeGo()
    expect(await startExtraction({ ...j, env: { PATH: `${go.bin}:/usr/bin:/bin` } })).toBeUndefined()
    await new Promise((r) => setTimeout(r, 200))
    expect(existsSync(go.out)).toBe(false)
  })

  it('says so in a line when there is no go command', async () => {
    const j = job(['example.com/a/@v/v1.0.0.zip'], [])
    const empty = join(root.path, `empty-${n++}`)
    mkdirSync(empty)
    expect(await startExtraction({ ...j, env: { PATH: empty } })).toBeUndefined()
    expect(said.join('')).toContain('Modules are not extracted ahead: no go command on PATH')
  })
})

describe('stopExtraction', () => {
  it('ends an extraction still running, with what it started, and says what it printed', async () => {
    const dir = join(root.path, `main-${n++}`)
    mkdirSync(join(dir, 'extract'), { recursive: true })
    const log = join(dir, 'extract.log')
    writeFileSync(log, 'go: something went wrong\n')
    const child = spawn('sh', ['-c', 'sleep 30 & sleep 30'], {
      cwd: join(dir, 'extract'),
      detached: true,
      stdio: 'ignore',
    })
    const pid = child.pid!
    const gone = new Promise((r) => child.on('exit', r))
    await stopExtraction({ pid, modules: 1, log, listed: false })
    await gone
    // The whole group: the background sleep too.
    await until(() => {
      try {
        process.kill(-pid, 0)
        return false
      } catch {
        return true
      }
    })
    expect(said.join('')).toContain('The background extraction said: go: something went wrong')
  })

  it("leaves alone a process that took the pid over: it runs elsewhere than the extraction's module", async () => {
    const log = join(root.path, `extract-${n++}.log`)
    writeFileSync(log, '')
    const other = spawn('sleep', ['30'], { cwd: root.path, detached: true, stdio: 'ignore' })
    try {
      await stopExtraction({ pid: other.pid!, modules: 1, log, listed: false })
      await new Promise((r) => setTimeout(r, 200))
      expect(other.exitCode).toBeNull()
      expect(other.signalCode).toBeNull()
    } finally {
      other.kill()
    }
  })

  it('is quiet about an extraction that ended and printed nothing', async () => {
    const log = join(root.path, `extract-${n++}.log`)
    writeFileSync(log, '')
    await stopExtraction({ pid: 2 ** 22 + 1, modules: 1, log, listed: false })
    expect(said.join('')).not.toContain('The background extraction said')
  })
})
