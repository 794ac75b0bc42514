import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ClientRequest, ClientResult } from './cache-client.js'
import { runProcess, type ProcessResult } from './process.js'
import { buildEnv, type EnvOverrides, type JobContext } from './runner.js'

const here = dirname(fileURLToPath(import.meta.url))
const tsx = join(here, '..', '..', '..', 'node_modules', '.bin', 'tsx')

/** A finished client run: its process result and the parsed RESULT line. */
export interface ClientRun extends ProcessResult {
  result: ClientResult
}

/**
 * Runs the real @actions/cache client (test/support/emul/cache-client.ts) as its own process, in a job
 * context's runner environment, cwd = the workspace.
 */
export async function runCacheClient(
  context: JobContext,
  request: ClientRequest,
  env: EnvOverrides = {},
  timeoutMs = 90_000,
): Promise<ClientRun> {
  const ran = await runProcess(tsx, [join(here, 'cache-client.ts'), JSON.stringify(request)], {
    cwd: context.workspace,
    env: buildEnv(context, env),
    timeoutMs,
    graceMs: 1000,
  })
  const line = ran.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line)
    throw new Error(`the cache client printed no RESULT (code ${ran.code}):\n${ran.stdout}\n${ran.stderr}`)
  return { ...ran, result: JSON.parse(line.slice('RESULT '.length)) as ClientResult }
}
