/**
 * A private module the go command fetches `direct`, with no network: a local git repository
 * whose module path (`example.com/<name>.git`, a VCS-qualified path, so no go-get lookup) a git
 * `url.<local>.insteadOf https://example.com/` rewrite points at. Its go.sum lines come from the
 * real go command's own direct fetch.
 *
 *   const repo = await gitModule('private', ['v1.0.0', 'v1.1.0'])
 *   repo.gitConfig        // the `git config --global` lines a job step runs
 *   repo.goSum            // every version's go.sum lines
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runGo } from './gocmd.js'
import { tempDir, type TempDir } from './tempdir.js'

export interface GitModule {
  module: string
  versions: string[]
  /** Shell lines that make `https://example.com/` reach the local repositories (run per HOME). */
  gitConfig: string
  goSum: string
  dir: TempDir
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
  })

export async function gitModule(name: string, versions: string[]): Promise<GitModule> {
  const dir = tempDir('gmc-git-')
  const module = `example.com/${name}.git`
  const repo = join(dir.path, name)
  mkdirSync(repo)
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'config', 'user.email', 'test@example.com')
  git(repo, 'config', 'user.name', 'test')
  writeFileSync(join(repo, 'go.mod'), `module ${module}\n\ngo 1.19\n`)
  for (const version of versions) {
    writeFileSync(
      join(repo, `${name}.go`),
      `package ${name}\n\n// Version says which version this is.\nconst Version = "${version}"\n`,
    )
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', version)
    git(repo, 'tag', version)
  }
  const gitConfig =
    `git config --global url."file://${dir.path}/".insteadOf "https://example.com/"\n` +
    'git config --global protocol.file.allow always\n'
  // The go command's own direct fetch of every version gives the go.sum lines.
  const home = join(dir.path, 'home')
  const consumer = join(dir.path, 'consumer')
  mkdirSync(home)
  mkdirSync(consumer)
  execFileSync('bash', ['-c', gitConfig], { env: { PATH: '/usr/bin:/bin', HOME: home } })
  writeFileSync(join(consumer, 'go.mod'), 'module example.com/sums\n\ngo 1.19\n')
  const got = await runGo(['mod', 'download', '-json', ...versions.map((v) => `${module}@${v}`)], {
    cwd: consumer,
    goproxy: 'off',
    timeoutMs: 60_000,
    env: { HOME: home, GOPRIVATE: 'example.com', GOFLAGS: '-mod=mod -modcacherw' },
  })
  got.dirs.remove()
  if (got.code !== 0) throw new Error(`go mod download from the git repository failed: ${got.stderr}`)
  // -json prints one object per version, one after another.
  const goSum = got.stdout
    .split(/\n(?=\{)/)
    .map((text) => JSON.parse(text) as { Path: string; Version: string; Sum: string; GoModSum: string })
    .map((d) => `${d.Path} ${d.Version} ${d.Sum}\n${d.Path} ${d.Version}/go.mod ${d.GoModSum}\n`)
    .join('')
  return { module, versions, gitConfig, goSum, dir }
}
