// What @actions/glob uses of @actions/core, written as @actions/core writes it (src/workflow.ts
// writes the same lines for our own code). The real package imports @actions/http-client and
// undici at load, for OIDC tokens, which cost the main step about 0.1 s of its start on every
// job only for glob's debug lines. scripts/build.js bundles main with this package in its place
// under @actions/glob; every other bundle, and the tests of src/, get the real one.
import { EOL } from 'node:os'

/** A line shown only when the run has debug logging on. */
export function debug(message) {
  const data = String(message).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  process.stdout.write(`::debug::${data}${EOL}`)
}

/** A log line. */
export function info(message) {
  process.stdout.write(String(message) + EOL)
}
