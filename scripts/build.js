// Bundles each entry point with ncc into dist/<name>/index.js (ESM), with its licenses file.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const entries = { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/cli.ts' }
const only = process.argv.slice(2)
for (const [name, file] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`dist/${name}`, { recursive: true, force: true })
  execFileSync('npx', ['ncc', 'build', file, '-o', `dist/${name}`, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  })
}
