// The parts of undici the upstream client uses, loaded file by file, and only on first use.
// undici's index.js loads all of it (fetch, WebSocket, cache stores, cookies, mocks) and its
// cookies module reads globalThis.Headers, which makes Node load its own second copy of undici as
// well: together several MB of RSS at start in a process meant to stay small (bench/proxy.ts,
// "RSS when ready"). Even these parts are 570 kB of bundle (llhttp's wasm among them), about
// 0.1 s of a proxy's start on node24: a proxy serving a restored store may never need them.
import type { Agent as AgentType, Dispatcher, interceptors } from 'undici'

/** undici's Agent, its redirect interceptor, and what its top-level request() does on a dispatcher. */
export interface Undici {
  Agent: typeof AgentType
  redirect: typeof interceptors.redirect
  request(
    url: string,
    opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
  ): Promise<Dispatcher.ResponseData>
}

let loading: Promise<Undici> | undefined

/** Loads the undici parts once; every caller gets the same. */
export function loadUndici(): Promise<Undici> {
  loading ??= import('./undici-load.js').then(({ AgentClass, redirect, requestImpl }) => ({
    Agent: AgentClass,
    redirect,
    request(url, opts) {
      const { dispatcher, ...rest } = opts
      const u = new URL(url)
      return requestImpl.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` })
    },
  }))
  return loading
}
