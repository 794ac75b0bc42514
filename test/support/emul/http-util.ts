import type { IncomingMessage, ServerResponse } from 'node:http'

/** Reads a small request body whole; rejects past `limit` bytes. */
export async function readSmallBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new Error(`request body over ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Sends a JSON body with an exact Content-Length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const data = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(data.length),
  })
  res.end(data)
}

// Twirp's error codes for the HTTP statuses this emulation answers with.
const twirpCodes: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  412: 'failed_precondition',
  429: 'resource_exhausted',
  500: 'internal',
  503: 'unavailable',
  504: 'deadline_exceeded',
}

/** A Twirp error: JSON `{code, msg}`, which the client parses even on failure (a non-JSON body would be retried). */
export function sendTwirpError(
  res: ServerResponse,
  status: number,
  msg: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { code: twirpCodes[status] ?? 'unknown', msg }, headers)
}

/** An Azure Storage error: XML body plus the x-ms-error-code header, as the SDK parses them. */
export function sendAzureError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  )
  res.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': String(body.length),
    'x-ms-error-code': code,
  })
  res.end(body)
}

/** An error as the self-hosted server's framework (h3) sends it: the reason as status message and in JSON. */
export function sendServerError(res: ServerResponse, status: number, message: string): void {
  const body = Buffer.from(JSON.stringify({ statusCode: status, statusMessage: message, message }))
  res.writeHead(status, message.replace(/[^\x20-\x7e]/g, '?'), {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
  })
  res.end(body)
}
