/**
 * The proxy CLI bundle the bench runs. By default it is built as dist/cli is (scripts/build.js)
 * from the committed sources (`git archive HEAD`) into .bench/cli-<commit>/ (gitignored): the
 * numbers are for a known commit, never for someone's half-edited working file, and the bench
 * never races a rebuild of dist/. A second run at the same commit reuses the bundle.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'

/** A CLI bundle and the commit it was built from. */
export interface CliBundle {
  path: string
  commit: string
}

/** Returns the CLI bundle of `repo`'s HEAD (building it when needed). */
export function cliBundle(repo: string): CliBundle {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim()
  const commit = git('rev-parse', 'HEAD')
  const dir = join(repo, '.bench', `cli-${commit.slice(0, 12)}`)
  const path = join(dir, 'index.js')
  if (existsSync(path)) return { path, commit }
  const src = join(repo, '.bench', `src-${process.pid}`)
  rmSync(src, { recursive: true, force: true })
  mkdirSync(src, { recursive: true })
  try {
    const tar = execFileSync('git', ['archive', commit, 'src', 'scripts', 'package.json', 'tsconfig.json'], {
      cwd: repo,
      maxBuffer: 256 * 1024 * 1024,
    })
    execFileSync('tar', ['-x', '-C', src], { input: tar })
    symlinkSync(join(repo, 'node_modules'), join(src, 'node_modules'))
    // The same build as dist/cli's (scripts/build.js: its post-processing included).
    execFileSync(process.execPath, ['scripts/build.js', 'cli'], { cwd: src, stdio: 'inherit' })
    renameSync(join(src, 'dist', 'cli'), dir)
  } finally {
    rmSync(src, { recursive: true, force: true })
  }
  return { path, commit }
}
