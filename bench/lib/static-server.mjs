// Reference point for the proxy's memory: a bare node:http file server (no verification, no
// upstream, no journal) serving a GOPROXY tree. bench/proxy.ts times the same warm download
// through it and reads its peak RSS, which is Node's floor for serving this load.
//
//   node bench/lib/static-server.mjs DIR   -> prints http://127.0.0.1:PORT, serves until killed
import { createReadStream, stat } from 'node:fs'
import { createServer } from 'node:http'
import { join, resolve, sep } from 'node:path'

const root = resolve(process.argv[2] ?? '.')
const server = createServer((req, res) => {
  let rel
  try {
    rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  } catch {
    rel = '\0'
  }
  const file = join(root, rel)
  if (!file.startsWith(root + sep) || rel.includes('\0')) return void res.writeHead(400).end('bad path\n')
  stat(file, (err, st) => {
    if (err || !st.isFile()) return void res.writeHead(404).end('not found\n')
    res.writeHead(200, { 'Content-Length': st.size })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file).pipe(res)
  })
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`)
})
