import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The proxy's CLI bundle beside this bundle: dist/main/index.js -> dist/cli/index.js. */
export function cliBundle(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'index.js')
}

/** The GOCACHEPROG program's bundle beside this bundle: dist/main/index.js -> dist/cacheprog/index.js. */
export function cacheprogBundle(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'cacheprog', 'index.js')
}
