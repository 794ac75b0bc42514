/**
 * An https upstream that wants credentials: a self-signed certificate for 127.0.0.1 (openssl), and
 * a front that answers 401 unless the request carries the expected header, then forwards to a
 * plain http upstream (the fixture upstream). Clients trust it through `certFile`: the go command
 * with SSL_CERT_FILE, a Node process with NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { tempDir, type TempDir } from './tempdir.js'

/** A self-signed certificate and key for 127.0.0.1, as PEM files in a temp directory. */
export interface SelfSigned {
  dir: TempDir
  keyFile: string
  certFile: string
  key: string
  cert: string
}

/** Makes a one-day certificate for IP 127.0.0.1 with openssl. */
export function selfSigned(): SelfSigned {
  const dir = tempDir('gmc-tls-')
  const keyFile = join(dir.path, 'key.pem')
  const certFile = join(dir.path, 'cert.pem')
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  )
  return { dir, keyFile, certFile, key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') }
}

/** A running https front: what it was asked, and with which headers. */
export interface AuthUpstream {
  url: string
  certFile: string
  /** Every request: its path and headers; `ok` when it carried the credential. */
  seen: Array<{ path: string; headers: IncomingHttpHeaders; ok: boolean }>
  stop(): Promise<void>
}

/** Starts the front: `header` must have `value` (e.g. authorization: Basic ...), else 401. */
export async function startAuthUpstream(opts: {
  target: string
  header: string
  value: string
}): Promise<AuthUpstream> {
  const tls = selfSigned()
  const seen: AuthUpstream['seen'] = []
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const ok = req.headers[opts.header.toLowerCase()] === opts.value
    seen.push({ path: req.url ?? '', headers: req.headers, ok })
    if (!ok) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="fixture"', 'content-type': 'text/plain' })
      return void res.end('unauthorized\n')
    }
    const forward = http.get(new URL(req.url ?? '/', opts.target), (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    certFile: tls.certFile,
    seen,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      tls.dir.remove()
    },
  }
}
