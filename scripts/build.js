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
  readFileSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, resolve } from 'node:path'

const entries = {
  main: 'src/main.ts',
  post: 'src/post.ts',
  cli: 'src/cli.ts',
  cache: 'src/cache/library.ts',
  cacheprog: 'src/cacheprog.ts',
}
const GLOB_CORE = resolve('scripts/glob-core')
// Characters beyond Latin-1 (latin1Comments).
// eslint-disable-next-line no-control-regex -- the Latin-1 range starts at U+0000
const WIDE = /[^\u0000-\u00ff]/
const WIDE_ALL = new RegExp(WIDE.source, 'g')
// `node scripts/build.js [--out=DIR] [name...]`: the bundles named (default all) into DIR (dist).
const args = process.argv.slice(2)
const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist'
const only = args.filter((a) => !a.startsWith('--out='))
for (const [name, file] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`${out}/${name}`, { recursive: true, force: true })
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
      ['ncc', 'build', file, '-o', `${out}/${name}`, '--license', 'licenses.txt', '--quiet'],
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
  // The proxy's bundles: the CLI, and post's save path (undici).
  if (name === 'cli' || name === 'post') {
    for (const file of readdirSync(`${out}/${name}`)) {
      if (file.endsWith('.js')) latin1Comments(`${out}/${name}/${file}`)
    }
  }
}

// V8 keeps a script's source in memory as long as its functions live, at two bytes a character
// when a single character is beyond Latin-1: one curly quote in a comment doubled the proxy's
// 560 kB undici chunk in its heap. Such characters in comment lines become \u escapes (inert
// there); any left elsewhere are named, since escaping them in code could change a raw string.
function latin1Comments(file) {
  const text = readFileSync(file, 'utf8')
  if (!WIDE.test(text)) return
  const lines = text.split('\n').map((line) => {
    const start = line.trimStart()
    const comment = start.startsWith('//') || start.startsWith('*') || start.startsWith('/*')
    if (!comment) return line
    return line.replace(WIDE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  })
  const left = lines.filter((line) => WIDE.test(line)).length
  if (left > 0)
    console.warn(`${file}: ${left} line(s) of code with characters beyond Latin-1 (two-byte source)`)
  writeFileSync(file, lines.join('\n'))
}

function isOurLink(path) {
  try {
    return lstatSync(path).isSymbolicLink() && readlinkSync(path) === GLOB_CORE
  } catch {
    return false
  }
}
