// Bundles each entry point with ncc into dist/<name>/index.js (ESM), with its licenses file.
// ncc writes licenses.txt once per chunk, the last one winning: a bundle's third-party packages must
// sit in one chunk (post's lazy chunks: only the save chunk has any, undici). @actions/cache is a
// bundle of its own (dist/cache) for that reason too: as a lazy chunk of main, its licenses were lost.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const entries = { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts', cache: 'src/cache-library.ts' }
const only = process.argv.slice(2)
for (const [name, file] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`dist/${name}`, { recursive: true, force: true })
  execFileSync('npx', ['ncc', 'build', file, '-o', `dist/${name}`, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  })
}
