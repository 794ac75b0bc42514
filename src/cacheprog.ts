import { serveCacheProg } from './buildcache/prog.js'

// `node dist/cacheprog/index.js <dir> [journal]`: the GOCACHEPROG the action exports (Go 1.24+).
const [dir, journal] = process.argv.slice(2)
if (!dir) {
  process.stderr.write('usage: cacheprog <dir> [journal]\n')
  process.exit(2)
}
await serveCacheProg({ dir, journal, input: process.stdin, output: process.stdout })
