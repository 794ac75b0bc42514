/** Entry of the setup-go-style baseline's post step (see setup-go-cache.ts). */
import { saveStep } from './setup-go-cache.js'

await saveStep()
process.exit(0)
