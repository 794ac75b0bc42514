// The parts of undici the upstream client uses, loaded file by file. undici's index.js loads all
// of it (fetch, WebSocket, cache stores, cookies, mocks) and its cookies module reads
// globalThis.Headers, which makes Node load its own second copy of undici as well: together
// several MB of RSS at start in a process meant to stay small (bench/proxy.ts, "RSS when ready").
import type { Dispatcher } from 'undici'
import AgentClass from 'undici/lib/dispatcher/agent.js'
import requestImpl from 'undici/lib/api/api-request.js'
import redirect from 'undici/lib/interceptor/redirect.js'

export const Agent = AgentClass
export const interceptors = { redirect }

/** What undici's top-level request() does with a URL, on the given dispatcher only. */
export function request(
  url: string,
  opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts
  const u = new URL(url)
  return requestImpl.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` })
}
