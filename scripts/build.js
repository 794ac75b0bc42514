// Bundles each entry point with ncc into dist/<name>/index.js (ESM), with its licenses file.
// ncc writes licenses.txt once per chunk, the last one winning: a bundle's third-party packages must
// sit in one chunk (post's lazy chunks: only the save chunk has any, undici). @actions/cache is a
// bundle of its own (dist/cache) for that reason too: as a lazy chunk of main, its licenses were lost.
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { dirname, resolve } from 'node:path'

const entries = { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts', cache: 'src/cache-library.ts' }
const GLOB_CORE = resolve('scripts/glob-core')
const only = process.argv.slice(2)
for (const [name, file] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`dist/${name}`, { recursive: true, force: true })
  // main's only use of @actions/core is @actions/glob's: a light stand-in, found first from glob.
  const standIn = name === 'main' ? 'node_modules/@actions/glob/node_modules/@actions/core' : undefined
  if (standIn) {
    // A link of ours that an interrupted build left goes; a package npm put there (glob shares the
    // top-level one today) is never replaced.
    if (isOurLink(standIn)) rmSync(standIn)
    if (existsSync(standIn)) throw new Error(`${standIn} exists: scripts/build.js expects none`)
    mkdirSync(dirname(standIn), { recursive: true })
    symlinkSync(GLOB_CORE, standIn, 'dir')
  }
  try {
    execFileSync(
      'npx',
      ['ncc', 'build', file, '-o', `dist/${name}`, '--license', 'licenses.txt', '--quiet'],
      {
        stdio: 'inherit',
      },
    )
  } finally {
    if (standIn) {
      rmSync(standIn)
      // The two directories made for it, if nothing else is in them.
      for (const dir of [dirname(standIn), dirname(dirname(standIn))]) {
        if (readdirSync(dir).length === 0) rmdirSync(dir)
      }
    }
  }
}

function isOurLink(path) {
  try {
    return lstatSync(path).isSymbolicLink() && readlinkSync(path) === GLOB_CORE
  } catch {
    return false
  }
}
