import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { h1 } from '../support/helpers/h1.js'
import { tempDir } from '../support/helpers/tempdir.js'
import { describe, expect, it } from 'vitest'
import { buildEntry } from '../../src/entry/build.js'
import type { ModuleFile } from '../../src/entry/sumset.js'
import { moveIntoStore } from '../../src/entry/restore.js'
import { GoSums } from '../../src/proxy/module/gosum.js'

/** Writes one module version into a store in GOPROXY layout; returns its go.sum lines. */
async function putModule(store: string, module: string, version: string): Promise<string> {
  const dir = join(store, module, '@v')
  await mkdir(dir, { recursive: true })
  const mod = `module ${module}\n`
  const files = {
    [`${module}@${version}/go.mod`]: mod,
    [`${module}@${version}/a.go`]: `package a // ${version}\n`,
  }
  await writeFile(join(dir, `${version}.mod`), mod)
  await writeFile(
    join(dir, `${version}.info`),
    JSON.stringify({ Version: version, Time: '2020-01-01T00:00:00Z' }),
  )
  const script =
    'import sys,zipfile,json\nz=zipfile.ZipFile(sys.argv[1],"w")\nfor k,v in json.loads(sys.argv[2]).items(): z.writestr(k,v)\nz.close()'
  execFileSync('python3', ['-c', script, join(dir, `${version}.zip`), JSON.stringify(files)])
  return `${module} ${version} ${h1(files)}\n${module} ${version}/go.mod ${h1({ 'go.mod': mod })}\n`
}

/** Module a in an entry, with its .ziphash and, beside it, a .lock and a list that never move. */
async function putEntryModule(entry: string): Promise<void> {
  await putModule(entry, 'example.com/a', 'v1.0.0')
  await writeFile(join(entry, 'example.com/a/@v/v1.0.0.ziphash'), 'h1:x')
  await writeFile(join(entry, 'example.com/a/@v/v1.0.0.lock'), '')
  await writeFile(join(entry, 'example.com/a/@v/list'), 'v1.0.0\n')
}

async function tree(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)))
  }
  return out.sort()
}

describe('buildEntry', () => {
  it('takes exactly the go.sum set plus used extras, verified, no stale modules', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const sum =
      (await putModule(store, 'example.com/a', 'v1.0.0')) +
      (await putModule(store, 'example.com/b', 'v1.2.0'))
    await putModule(store, 'example.com/stale', 'v0.1.0') // in the store, not in go.sum: left out
    await putModule(store, 'example.com/tool', 'v1.5.0') // used by the job beyond go.sum: kept
    // a go.mod-only line: only .mod travels
    const modOnly = await putModule(store, 'example.com/modonly', 'v1.0.0')
    const sums = GoSums.parse(sum + modOnly.split('\n')[1] + '\n')
    const used: ModuleFile[] = [
      { module: 'example.com/tool', version: 'v1.5.0', file: 'zip' },
      { module: 'example.com/tool', version: 'v1.5.0', file: 'mod' },
    ]
    const built = await buildEntry({ store, sums, used })
    expect(built.missing).toEqual([])
    expect(built.rejected).toEqual([])
    expect(built.paths).toEqual([
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.mod',
      'example.com/a/@v/v1.0.0.zip',
      'example.com/a/@v/v1.0.0.ziphash',
      'example.com/b/@v/v1.2.0.info',
      'example.com/b/@v/v1.2.0.mod',
      'example.com/b/@v/v1.2.0.zip',
      'example.com/b/@v/v1.2.0.ziphash',
      'example.com/modonly/@v/v1.0.0.mod',
      'example.com/tool/@v/v1.5.0.mod',
      'example.com/tool/@v/v1.5.0.zip',
      'example.com/tool/@v/v1.5.0.ziphash',
    ])
    expect(built.files).toBe(9)
    // Each zip travels with the h1 it was checked to have, so the go command need not re-hash it.
    const zipLine = sums.zip('example.com/a', 'v1.0.0')
    expect(await readFile(join(store, 'example.com/a/@v/v1.0.0.ziphash'), 'utf8')).toBe(zipLine?.[0])
    // Nothing is written into the store but the entry's .ziphash files, and no temp file is left.
    expect(await tree(store)).toHaveLength(15 + 3)
    expect((await tree(store)).filter((f) => f.endsWith('.ziphash'))).toEqual([
      'example.com/a/@v/v1.0.0.ziphash',
      'example.com/b/@v/v1.2.0.ziphash',
      'example.com/tool/@v/v1.5.0.ziphash',
    ])
  })

  it('replaces a .ziphash go.sum does not list with the checked h1, and keeps one it lists as it is', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const sums = GoSums.parse(
      (await putModule(store, 'example.com/a', 'v1.0.0')) +
        (await putModule(store, 'example.com/b', 'v1.0.0')),
    )
    const good = sums.zip('example.com/a', 'v1.0.0')?.[0] ?? ''
    await writeFile(join(store, 'example.com/a/@v/v1.0.0.ziphash'), `${good}\n`)
    await writeFile(join(store, 'example.com/b/@v/v1.0.0.ziphash'), 'h1:stale')
    const built = await buildEntry({ store, sums, used: [] })
    expect(built.rejected).toEqual([])
    expect(built.paths).toContain('example.com/b/@v/v1.0.0.ziphash')
    expect(await readFile(join(store, 'example.com/a/@v/v1.0.0.ziphash'), 'utf8')).toBe(`${good}\n`)
    expect(await readFile(join(store, 'example.com/b/@v/v1.0.0.ziphash'), 'utf8')).toBe(
      sums.zip('example.com/b', 'v1.0.0')?.[0],
    )
    expect((await readdir(join(store, 'example.com/b/@v'))).sort()).toEqual([
      'v1.0.0.info',
      'v1.0.0.mod',
      'v1.0.0.zip',
      'v1.0.0.ziphash',
    ])
  })

  it('takes a zip without its .ziphash when that cannot be written: the go command hashes it then', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const sums = GoSums.parse(await putModule(store, 'example.com/a', 'v1.0.0'))
    // A directory where the .ziphash would go: unreadable as a hash, and no file can replace it.
    await mkdir(join(store, 'example.com/a/@v/v1.0.0.ziphash'))
    const built = await buildEntry({ store, sums, used: [] })
    expect(built.rejected).toEqual([])
    expect(built.paths).toEqual([
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.mod',
      'example.com/a/@v/v1.0.0.zip',
    ])
    expect(await readdir(join(store, 'example.com/a/@v'))).toHaveLength(4)
  })

  it('completes missing go.sum files through the given fetcher and reports what stays missing', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const upstream = join(root, 'upstream')
    const sum =
      (await putModule(upstream, 'example.com/a', 'v1.0.0')) +
      (await putModule(root + '/nowhere', 'example.com/gone', 'v1.0.0'))
    const asked: string[] = []
    const built = await buildEntry({
      store,
      sums: GoSums.parse(sum),
      used: [],
      complete: async (f) => {
        asked.push(`${f.module}@${f.version}.${f.file}`)
        if (f.module !== 'example.com/a') return false
        const rel = `${f.module}/@v/${f.version}.${f.file}`
        await mkdir(dirname(join(store, rel)), { recursive: true })
        execFileSync('cp', [join(upstream, rel), join(store, rel)])
        return true
      },
    })
    expect(asked.sort()).toEqual([
      'example.com/a@v1.0.0.info',
      'example.com/a@v1.0.0.mod',
      'example.com/a@v1.0.0.zip',
      'example.com/gone@v1.0.0.info',
      'example.com/gone@v1.0.0.mod',
      'example.com/gone@v1.0.0.zip',
    ])
    expect(built.files).toBe(3)
    expect(built.missing.sort()).toEqual([
      'example.com/gone/@v/v1.0.0.info',
      'example.com/gone/@v/v1.0.0.mod',
      'example.com/gone/@v/v1.0.0.zip',
    ])
  })

  it('never completes GONOPROXY modules from upstream: they go in when the go command stored them', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const elsewhere = join(root, 'elsewhere')
    const sum =
      (await putModule(store, 'corp.example/fetched', 'v1.0.0')) + // the go command fetched it direct
      (await putModule(elsewhere, 'corp.example/absent', 'v1.0.0')) +
      (await putModule(elsewhere, 'example.com/public', 'v1.0.0'))
    const asked: string[] = []
    const built = await buildEntry({
      store,
      sums: GoSums.parse(sum),
      used: [],
      noProxy: 'corp.example',
      complete: async (f) => {
        asked.push(`${f.module}@${f.version}.${f.file}`)
        return false
      },
    })
    expect(asked.sort()).toEqual([
      'example.com/public@v1.0.0.info',
      'example.com/public@v1.0.0.mod',
      'example.com/public@v1.0.0.zip',
    ])
    expect(built.files).toBe(3)
    expect(built.paths).toEqual([
      'corp.example/fetched/@v/v1.0.0.info',
      'corp.example/fetched/@v/v1.0.0.mod',
      'corp.example/fetched/@v/v1.0.0.zip',
      'corp.example/fetched/@v/v1.0.0.ziphash',
    ])
    expect(built.missing.sort()).toEqual([
      'example.com/public/@v/v1.0.0.info',
      'example.com/public/@v/v1.0.0.mod',
      'example.com/public/@v/v1.0.0.zip',
    ])
  })

  it('leaves out files that do not match go.sum', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const sum = await putModule(store, 'example.com/a', 'v1.0.0')
    await writeFile(join(store, 'example.com/a/@v/v1.0.0.mod'), 'module tampered\n')
    const built = await buildEntry({
      store,
      sums: GoSums.parse(sum),
      used: [],
    })
    expect(built.rejected).toHaveLength(1)
    expect(built.rejected[0]).toMatch(
      /^example.com\/a\/@v\/v1.0.0.mod: go.mod h1:\S+ does not match go.sum h1:/,
    )
    expect(built.paths).toEqual([
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.zip',
      'example.com/a/@v/v1.0.0.ziphash',
    ])
  })

  it('takes a .ziphash that go.sum lists as is, and re-hashes a zip whose .ziphash it does not', async () => {
    const root = tempDir('entry-').path
    const store = join(root, 'store')
    const sum =
      (await putModule(store, 'example.com/a', 'v1.0.0')) +
      (await putModule(store, 'example.com/b', 'v1.0.0'))
    const sums = GoSums.parse(sum)
    // a: the go command's .ziphash (it hashed the zip when it downloaded it) is trusted, so a
    // later change to the zip bytes is not seen: that is the go command's own trust model.
    await writeFile(
      join(store, 'example.com/a/@v/v1.0.0.ziphash'),
      `${sums.zip('example.com/a', 'v1.0.0')?.[0]}\n`,
    )
    await writeFile(join(store, 'example.com/a/@v/v1.0.0.zip'), 'not a zip')
    // b: a .ziphash go.sum does not list proves nothing: the tampered zip is hashed and refused.
    await writeFile(join(store, 'example.com/b/@v/v1.0.0.ziphash'), 'h1:forged')
    await writeFile(join(store, 'example.com/b/@v/v1.0.0.zip'), 'not a zip either')
    const built = await buildEntry({ store, sums, used: [] })
    expect(built.rejected).toEqual([expect.stringMatching(/^example.com\/b\/@v\/v1.0.0.zip: /)])
    expect(built.paths).toContain('example.com/a/@v/v1.0.0.ziphash')
    expect(built.paths).not.toContain('example.com/b/@v/v1.0.0.ziphash')
  })
})

describe('moveIntoStore', () => {
  it('keeps each file its mtime, on another filesystem (/dev/shm) too', async () => {
    const root = tempDir('entry-').path
    const other = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'entry-store-'))
    const old = new Date('2024-01-02T03:04:05Z')
    try {
      for (const store of [join(root, 'store'), join(other, 'store')]) {
        const entry = join(root, 'entry')
        await putModule(entry, 'example.com/a', 'v1.0.0')
        for (const ext of ['info', 'mod', 'zip'])
          await utimes(join(entry, `example.com/a/@v/v1.0.0.${ext}`), old, old)
        expect((await moveIntoStore(entry, store)).modules).toBe(1)
        for (const ext of ['info', 'mod', 'zip'])
          expect((await stat(join(store, `example.com/a/@v/v1.0.0.${ext}`))).mtime).toEqual(old)
      }
    } finally {
      // Outside tempDir's root: a failed assertion must not leave it in /dev/shm (RAM).
      await rm(other, { recursive: true, force: true })
    }
  })

  it('leaves a store that is a symlink to an empty directory a symlink, and moves the files through it', async () => {
    const root = tempDir('entry-').path
    const entry = join(root, 'entry')
    const disk = join(root, 'disk')
    const store = join(root, 'store')
    await mkdir(disk)
    await symlink(disk, store)
    await putModule(entry, 'example.com/a', 'v1.0.0')
    const restored = await moveIntoStore(entry, store)
    expect(restored.modules).toBe(1)
    expect((await lstat(store)).isSymbolicLink()).toBe(true)
    expect(await tree(disk)).toEqual([
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.mod',
      'example.com/a/@v/v1.0.0.zip',
    ])
  })

  it('moves absent files only, a .ziphash only with its own zip, skips .lock/lists/dot dirs, removes the entry dir', async () => {
    const root = tempDir('entry-').path
    const entry = join(root, 'entry')
    const store = join(root, 'store')
    await putEntryModule(entry)
    await mkdir(join(store, 'example.com/a/@v'), { recursive: true })
    await writeFile(join(store, 'example.com/a/@v/v1.0.0.info'), 'already here')
    // b's zip is already in the store: the entry's hash describes another copy, so it stays out.
    await putModule(entry, 'example.com/b', 'v1.0.0')
    await writeFile(join(entry, 'example.com/b/@v/v1.0.0.ziphash'), 'h1:y')
    await putModule(store, 'example.com/b', 'v1.0.0')
    // The proxy's own records never come from an entry, whatever they are named.
    await putModule(join(entry, '.stamps'), 'example.com/c', 'v1.0.0')
    const restored = await moveIntoStore(entry, store)
    expect(restored.files).toBe(3)
    expect(restored.modules).toBe(1)
    expect(await tree(store)).toEqual([
      'example.com/a/@v/v1.0.0.info',
      'example.com/a/@v/v1.0.0.mod',
      'example.com/a/@v/v1.0.0.zip',
      'example.com/a/@v/v1.0.0.ziphash',
      'example.com/b/@v/v1.0.0.info',
      'example.com/b/@v/v1.0.0.mod',
      'example.com/b/@v/v1.0.0.zip',
    ])
    expect(execFileSync('cat', [join(store, 'example.com/a/@v/v1.0.0.info')]).toString()).toBe('already here')
    await expect(stat(entry)).rejects.toThrow()
  })

  it('leaves out what go.sum contradicts, in an empty store and in one it adds to, and can leave out every .ziphash', async () => {
    for (const into of ['empty', 'existing'] as const) {
      const root = tempDir('entry-').path
      const entry = join(root, 'entry')
      const store = join(root, 'store')
      if (into === 'existing') await putModule(store, 'example.com/other', 'v1.0.0')
      // a: all agrees. b: its .mod and its zip's recorded hash are other than go.sum's (a tag that
      // moved, or a tampered entry). c: go.sum does not name it, so nothing contradicts it.
      const sums =
        (await putModule(entry, 'example.com/a', 'v1.0.0')) +
        (await putModule(entry, 'example.com/b', 'v1.0.0'))
      await putModule(entry, 'example.com/c', 'v1.0.0')
      const h1 = (module: string, suffix = ''): string =>
        sums
          .split('\n')
          .find((l) => l.startsWith(`${module} v1.0.0${suffix} `))
          ?.split(' ')[2] ?? ''
      await writeFile(join(entry, 'example.com/a/@v/v1.0.0.ziphash'), h1('example.com/a'))
      await writeFile(
        join(entry, 'example.com/b/@v/v1.0.0.ziphash'),
        'h1:moved+tag+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      )
      await writeFile(join(entry, 'example.com/b/@v/v1.0.0.mod'), 'module example.com/b // moved\n')
      await writeFile(join(entry, 'example.com/c/@v/v1.0.0.ziphash'), 'h1:anything')
      const restored = await moveIntoStore(entry, store, { sums: GoSums.parse(sums) })
      expect(restored.contradicted).toBe(3)
      const own = (await tree(store)).filter((f) => !f.startsWith('example.com/other/'))
      expect(own).toEqual([
        ...['info', 'mod', 'zip', 'ziphash'].map((x) => `example.com/a/@v/v1.0.0.${x}`),
        'example.com/b/@v/v1.0.0.info',
        ...['info', 'mod', 'zip', 'ziphash'].map((x) => `example.com/c/@v/v1.0.0.${x}`),
      ])
    }
    const root = tempDir('entry-').path
    await putEntryModule(join(root, 'entry'))
    await moveIntoStore(join(root, 'entry'), join(root, 'store'), { zipHashes: false })
    expect((await tree(join(root, 'store'))).filter((f) => f.endsWith('.ziphash'))).toEqual([])
  })

  it.each(['an empty', 'a missing'])(
    'takes the whole entry in one rename into %s store, holding only what would have moved',
    async (kind) => {
      const root = tempDir('entry-').path
      const entry = join(root, 'entry')
      const store = join(root, 'cache', 'store')
      if (kind === 'an empty') await mkdir(store, { recursive: true })
      await putEntryModule(entry)
      // A .ziphash without its zip, a symlink out of the entry and the proxy's own records stay out.
      await mkdir(join(entry, 'example.com/b/@v'), { recursive: true })
      await writeFile(join(entry, 'example.com/b/@v/v1.0.0.ziphash'), 'h1:y')
      await symlink('/etc/passwd', join(entry, 'example.com/b/@v/v1.0.0.zip'))
      await putModule(join(entry, '.stamps'), 'example.com/c', 'v1.0.0')
      const entryInode = (await stat(entry)).ino
      const restored = await moveIntoStore(entry, store)
      // The entry directory itself became the store.
      expect((await stat(store)).ino).toBe(entryInode)
      expect(restored).toEqual({
        contradicted: 0,
        files: 4,
        modules: 1,
        bytes: (
          await Promise.all(
            ['info', 'mod', 'zip', 'ziphash'].map((x) => stat(join(store, `example.com/a/@v/v1.0.0.${x}`))),
          )
        ).reduce((n, s) => n + s.size, 0),
      })
      const everything = await readdir(store, { recursive: true, withFileTypes: true })
      expect(
        everything
          .filter((e) => !e.isDirectory())
          .map((e) => relative(store, join(e.parentPath, e.name)))
          .sort(),
      ).toEqual([
        'example.com/a/@v/v1.0.0.info',
        'example.com/a/@v/v1.0.0.mod',
        'example.com/a/@v/v1.0.0.zip',
        'example.com/a/@v/v1.0.0.ziphash',
      ])
      expect(everything.some((e) => e.name.startsWith('.'))).toBe(false)
      await expect(stat(entry)).rejects.toThrow()
    },
  )
})
