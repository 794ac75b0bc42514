// Types for the three undici modules src/proxy/http.ts loads directly (undici has no exports
// map, so its files can be imported one by one; their types are the public ones).
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici'
  const AgentClass: typeof Agent
  export default AgentClass
}

declare module 'undici/lib/interceptor/redirect.js' {
  import type { interceptors } from 'undici'
  const redirect: typeof interceptors.redirect
  export default redirect
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici'
  function request(this: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>
  export default request
}
