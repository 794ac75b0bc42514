import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'

/** One request's options: the body is sent whole (small JSON, or one upload block). */
export interface Request {
  method: 'GET' | 'POST' | 'PUT'
  headers?: Record<string, string>
  body?: Buffer | string
  /** Aborting destroys the request (and its response body) with the signal's reason. */
  signal?: AbortSignal
}

// Keep-alive: a restore's ranged GETs and a save's blocks go to one host in quick succession. Node
// unrefs idle kept-alive sockets, so they never hold a step's process open.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
}

/** Sends a request; resolves with the response once its headers are in (the body is the caller's). */
export function send(url: string, request: Request): Promise<IncomingMessage> {
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  const client = secure ? https : http
  const agent = agents[secure ? 'https:' : 'http:']
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, ...request.headers }
  if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body))
  return new Promise((resolve, reject) => {
    const { signal } = request
    const req = client.request(target, { method: request.method, headers, agent, signal }, (res) => {
      // The idle timer covers the body too: the caller reads it from this same socket.
      res.on('error', () => undefined)
      resolve(res)
    })
    // Idle time on the socket (connect, headers or body): a hung service never hangs the step.
    req.setTimeout(IDLE_MS, () => {
      req.destroy(Object.assign(new Error('no data for too long'), { code: 'ETIMEDOUT' }))
    })
    req.on('error', reject)
    req.on('socket', guard)
    req.end(request.body)
  })
}

// A server that answers before it has read a whole upload (a 403 to a Put Block) resets the
// connection while the body is still being written; Node can then emit that write's ECONNRESET on
// the socket after the request let go of it. The request reports its own failure; this only keeps
// such a late error from ending the process. Once per socket: kept-alive sockets are reused.
const guarded = new WeakSet<object>()
function guard(socket: Socket): void {
  if (guarded.has(socket)) return
  guarded.add(socket)
  socket.on('error', () => undefined)
}

/** Reads a whole (small) body. */
export async function readBody(res: IncomingMessage, limit = 16 << 20): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      res.destroy()
      throw new Error(`response body over ${limit} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

const USER_AGENT = 'go-mod-cache-action'
const IDLE_MS = 60_000
