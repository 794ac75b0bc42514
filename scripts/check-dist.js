// Rebuilds dist/ and fails when the committed bundles differ from what the sources produce.
import { execFileSync } from 'node:child_process'

execFileSync('node', ['scripts/build.js'], { stdio: 'inherit' })
const diff = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' })
if (diff.trim() !== '') {
  console.error('dist/ is not current; run `npm run build` and commit dist/:\n' + diff)
  process.exit(1)
}
console.log('dist/ is current')
