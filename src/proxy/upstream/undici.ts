// undici through its package entry, imported on first use: a proxy serving a restored store may
// never ask upstream, and then never pays for loading the HTTP client.
import type { Agent as AgentType, Dispatcher, interceptors } from 'undici'

/** undici's Agent, its redirect interceptor, and its top-level request(). */
export interface Undici {
  Agent: typeof AgentType
  redirect: typeof interceptors.redirect
  request(
    url: string,
    opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
  ): Promise<Dispatcher.ResponseData>
}

let loading: Promise<Undici> | undefined

/** Loads undici once; every caller gets the same. */
export function loadUndici(): Promise<Undici> {
  loading ??= import('undici').then((undici) => ({
    Agent: undici.Agent,
    redirect: undici.interceptors.redirect,
    request: (url, opts) => undici.request(url, opts),
  }))
  return loading
}
