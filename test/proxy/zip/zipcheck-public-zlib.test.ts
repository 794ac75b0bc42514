// The whole of zipcheck.test.ts again, with entries inflated by Node's public zlib functions:
// the path a Node whose zlib streams lack the handle Inflater drives takes.
import { inflateOptions } from '../../../src/proxy/zip/inflate.js'

inflateOptions.reuseOutput = false
await import('./zipcheck.test.js')
