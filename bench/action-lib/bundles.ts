/**
 * The bundles the bench runs, built from the current sources into .bench/action-<hash>/
 * (gitignored): this action's main, post, cli and cache (main finds the cli at ../cli/index.js, and
 * both steps @actions/cache at ../cache/index.js, as in dist/), and the setup-go-style baseline's
 * main and post. Building our own copy means the numbers
 * are for the code in the checkout and the bench never races someone rebuilding dist/.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'

/** Paths of the built bundles. */
export interface Bundles {
  main: string
  post: string
  setupGoMain: string
  setupGoPost: string
  actionYml: string
  /** main and post built from another revision (--base), for the 'ours-base' style. */
  base?: { main: string; post: string }
}

/** The baseline's bundles; ours are built as dist/ is, by scripts/build.js. */
const BASELINE: Record<string, string> = {
  'setup-go-main': 'bench/action-lib/setup-go-main.ts',
  'setup-go-post': 'bench/action-lib/setup-go-post.ts',
}

/** Builds (or reuses, when the sources are unchanged) every bundle; takes a minute the first time. */
export function buildBundles(repo: string, log: (line: string) => void): Bundles {
  const hash = createHash('sha256')
  // Only what goes into a bundle: editing the bench's own harness must not force a rebuild.
  const baseline = filesUnder(join(repo, 'bench', 'action-lib')).filter((f) => /setup-go-[^/]*\.ts$/.test(f))
  const sources = filesUnder(join(repo, 'src')).filter((f) => f.endsWith('.ts'))
  const files = [...sources, ...baseline, ...filesUnder(join(repo, 'scripts'))]
  for (const file of [...files, join(repo, 'package-lock.json')]) hash.update(file).update(readFileSync(file))
  const dir = join(repo, '.bench', `action-${hash.digest('hex').slice(0, 12)}`)
  const at = (name: string): string => join(dir, name, 'index.js')
  if (!existsSync(at('setup-go-post'))) {
    const tmp = `${dir}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    // The same bundles as dist/'s (main's light @actions/core stand-in, the proxy's one-byte
    // sources): the bench times what the action ships.
    log('building main, post, cli and cache with scripts/build.js')
    execFileSync(process.execPath, ['scripts/build.js', `--out=${tmp}`], { cwd: repo, stdio: 'inherit' })
    for (const [name, entry] of Object.entries(BASELINE)) {
      log(`building ${entry} with ncc`)
      execFileSync(
        join(repo, 'node_modules', '.bin', 'ncc'),
        ['build', entry, '-o', join(tmp, name), '--quiet'],
        {
          cwd: repo,
          stdio: 'inherit',
        },
      )
    }
    rmSync(dir, { recursive: true, force: true })
    renameSync(tmp, dir)
  }
  return {
    main: at('main'),
    post: at('post'),
    setupGoMain: at('setup-go-main'),
    setupGoPost: at('setup-go-post'),
    actionYml: join(repo, 'action.yml'),
  }
}

/** Every file below `dir`, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/**
 * main, post, cli and cache built from revision `rev` (its sources exported with `git archive`, this
 * checkout's node_modules linked in) into .bench/action-base-<commit>/, reused while it exists.
 */
export function buildBaseBundles(repo: string, rev: string, log: (line: string) => void): Bundles['base'] {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim()
  const commit = git('rev-parse', '--verify', `${rev}^{commit}`)
  const dir = join(repo, '.bench', `action-base-${commit.slice(0, 12)}`)
  const at = (name: string): string => join(dir, name, 'index.js')
  if (!existsSync(at('post'))) {
    const src = `${dir}.src-${process.pid}`
    rmSync(src, { recursive: true, force: true })
    mkdirSync(src, { recursive: true })
    log(`building main, post, cli and cache of ${rev} (${commit.slice(0, 12)})`)
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${src}"`], { cwd: repo })
    symlinkSync(join(repo, 'node_modules'), join(src, 'node_modules'))
    const tmp = `${dir}.tmp-${process.pid}`
    execFileSync(process.execPath, ['scripts/build.js', `--out=${tmp}`], { cwd: src, stdio: 'inherit' })
    rmSync(src, { recursive: true, force: true })
    rmSync(dir, { recursive: true, force: true })
    renameSync(tmp, dir)
  }
  return { main: at('main'), post: at('post') }
}
