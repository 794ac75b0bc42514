import { existsSync } from 'node:fs'

/**
 * The integration tests drive the real go command; they must run, never skip silently. Fail the
 * whole run early, with the install command, when it is missing.
 */
export default function setup(): void {
  const go = process.env.GO_BIN ?? '/usr/lib/go-1.19/bin/go'
  if (!existsSync(go)) {
    throw new Error(`the go command is missing at ${go}: run \`bash scripts/install-test-deps.sh\``)
  }
}
