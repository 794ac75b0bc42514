// Entry of dist/zipcheck/index.js: the proxy CLI's zip check worker (src/proxy/zipcheck-worker.ts).
// A bundle of its own, so the worker loads a few modules instead of the whole CLI.
import { serveZipChecks } from './proxy/zipcheck-worker.js'

serveZipChecks()
