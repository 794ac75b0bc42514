// The undici modules the upstream client uses, in one module of their own: http.ts imports it only
// when the first upstream request is made, so bundles put it in a chunk of its own.
import AgentClass from 'undici/lib/dispatcher/agent.js'
import requestImpl from 'undici/lib/api/api-request.js'
import redirect from 'undici/lib/interceptor/redirect.js'

export { AgentClass, redirect, requestImpl }
