/**
 * The real @actions/cache client as a separate process, for proving the emulated service:
 * `tsx test/support/emul/cache-client.ts '<json request>'`. It prints the client's own log lines
 * (workflow commands on stdout, as an action would) and finally one `RESULT <json>` line.
 */
import * as cache from '@actions/cache'

/** What the script is asked to do. */
export interface ClientRequest {
  op: 'save' | 'restore'
  paths: string[]
  key: string
  restoreKeys?: string[]
  lookupOnly?: boolean
  crossOs?: boolean
}

/** What it prints after `RESULT `. */
export type ClientResult =
  { ok: true; value: string | number | null } | { ok: false; name: string; message: string }

async function main(): Promise<ClientResult> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ClientRequest
  try {
    if (request.op === 'save') {
      const id = await cache.saveCache(request.paths, request.key, undefined, request.crossOs ?? false)
      return { ok: true, value: id }
    }
    const matched = await cache.restoreCache(
      request.paths,
      request.key,
      request.restoreKeys,
      { lookupOnly: request.lookupOnly ?? false },
      request.crossOs ?? false,
    )
    return { ok: true, value: matched ?? null }
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err))
    return { ok: false, name: error.name, message: error.message }
  }
}

const result = await main()
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
// Like actions/cache: open keep-alive sockets must not hold the process.
process.exit(0)
