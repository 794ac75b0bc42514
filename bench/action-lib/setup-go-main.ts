/** Entry of the setup-go-style baseline's main step (see setup-go-cache.ts). */
import { restoreStep } from './setup-go-cache.js'

await restoreStep()
process.exit(0)
