import { existsSync } from 'node:fs'

/**
 * The integration tests drive the real go command, once per Go version (vitest.config.ts); they
 * must run, never skip silently. Fail the whole run early, with the install command, when one is
 * missing.
 */
export default function setup(): void {
  for (const go of [
    process.env.GO_NEW_BIN ?? '/usr/local/go/bin/go',
    process.env.GO_OLD_BIN ?? '/usr/lib/go-1.19/bin/go',
  ]) {
    if (!existsSync(go)) {
      throw new Error(`the go command is missing at ${go}: run \`bash scripts/install-test-deps.sh\``)
    }
  }
}
