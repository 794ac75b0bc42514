// `npm run bench`: runs the TypeScript benchmarks through tsx (no build step), passing flags on.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
const script = fileURLToPath(new URL('./proxy.ts', import.meta.url))
const r = spawnSync(tsx, [script, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(r.status ?? 1)
