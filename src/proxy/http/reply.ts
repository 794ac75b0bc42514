/**
 * What a handler answers, before it becomes HTTP. The server adds Content-Length, a strong ETag
 * and HEAD handling, so handlers never touch the response object.
 */
export interface Reply {
  status: number
  /** Serve this file (an absolute path inside the store); its size gives Content-Length. */
  file?: string
  /** Or serve these bytes (a short text body for errors, small JSON, a list). */
  body?: string | Buffer
  contentType: string
  cacheControl: string
}

/** Cache-Control for files that never change: canonical .mod/.zip/.info, sumdb lookups and full tiles. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Cache-Control for answers that move: lists, @latest, version queries, sumdb /latest. */
export const MUTABLE = 'public, max-age=60'
/** Cache-Control for errors and misses. */
export const NO_STORE = 'no-store'

/** A short text reply, as the go command prints it after "server response:". */
export function textReply(status: number, message: string): Reply {
  return {
    status,
    body: message.endsWith('\n') ? message : message + '\n',
    contentType: 'text/plain; charset=utf-8',
    cacheControl: NO_STORE,
  }
}
