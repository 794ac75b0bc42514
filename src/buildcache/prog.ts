import { createHash, randomBytes } from 'node:crypto'
import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { cacheFile } from './layout.js'

// A GOCACHEPROG program (Go 1.24+, protocol in cmd/go/internal/cacheprog): the go command starts it
// once per invocation and sends JSON lines; a "put" is followed by a line holding its body as a
// base64 JSON string. Objects are kept in the go command's own directory layout, so a build cache
// entry is the same files whichever way it was made, and every object used is written to a journal.

/** A request from the go command; []byte fields arrive as base64. */
interface Request {
  ID: number
  Command: string
  ActionID?: string
  OutputID?: string
  BodySize?: number
}

/** Where the objects live, and where the names of the files this invocation used are appended. */
export interface ProgOptions {
  dir: string
  journal?: string
  input: Readable
  output: Writable
}

/** Serves one go command until it says close or closes our stdin; requests are answered as they finish. */
export async function serveCacheProg(opts: ProgOptions): Promise<void> {
  const used = new Set<string>()
  const pending = new Set<Promise<void>>()
  const reply = (res: object): void => void opts.output.write(JSON.stringify(res) + '\n')
  const start = (id: number, work: () => Promise<object>): void => {
    const p = answer(work, id).then(reply)
    pending.add(p)
    void p.finally(() => pending.delete(p))
  }
  reply({ ID: 0, KnownCommands: ['get', 'put', 'close'] })
  let putting: Request | undefined
  try {
    for await (const line of createInterface({ input: opts.input, crlfDelay: Infinity })) {
      if (line.trim() === '') continue // the go command sends a blank line after each request
      if (putting) {
        const req = putting
        putting = undefined
        start(req.ID, () => put(opts.dir, req, decodeBody(line), used))
        continue
      }
      const req = JSON.parse(line) as Request
      if (req.Command === 'put' && (req.BodySize ?? 0) > 0) putting = req
      else if (req.Command === 'put') start(req.ID, () => put(opts.dir, req, Buffer.alloc(0), used))
      else if (req.Command === 'get') start(req.ID, () => get(opts.dir, req, used))
      else if (req.Command === 'close') {
        await Promise.all(pending)
        reply({ ID: req.ID })
        break
      } else reply({ ID: req.ID, Err: `unknown command ${JSON.stringify(req.Command)}` })
    }
  } finally {
    await Promise.all(pending)
    if (opts.journal && used.size > 0) await appendFile(opts.journal, [...used].join('\n') + '\n')
  }
}

// A failure answers that request with Err; the go command then treats it as a miss or a failed put.
async function answer(work: () => Promise<object>, id: number): Promise<object> {
  try {
    return { ID: id, ...(await work()) }
  } catch (error) {
    return { ID: id, Err: (error as Error).message }
  }
}

function decodeBody(line: string): Buffer {
  return Buffer.from(JSON.parse(line) as string, 'base64')
}

const hex = (b64: string | undefined): string => Buffer.from(b64 ?? '', 'base64').toString('hex')

/** An action entry's text, as the go command's own disk cache writes it. */
export function entryText(action: string, output: string, size: number, timeNs: bigint): string {
  return `v1 ${action} ${output} ${String(size).padStart(20)} ${String(timeNs).padStart(20)}\n`
}

/** An action entry's fields, or undefined when it is not one. */
export function parseEntry(text: string): { output: string; size: number; timeNs: bigint } | undefined {
  const m = /^v1 ([0-9a-f]{64}) ([0-9a-f]{64}) +(\d+) +(\d+)\n$/.exec(text)
  return m ? { output: m[2] as string, size: Number(m[3]), timeNs: BigInt(m[4] as string) } : undefined
}

async function get(dir: string, req: Request, used: Set<string>): Promise<object> {
  const actionRel = cacheFile(hex(req.ActionID), 'a')
  const entry = parseEntry(await readFile(join(dir, actionRel), 'latin1').catch(() => ''))
  if (!entry) return { Miss: true }
  const outputRel = cacheFile(entry.output, 'd')
  const st = await stat(join(dir, outputRel)).catch(() => undefined)
  if (!st?.isFile() || st.size !== entry.size) return { Miss: true }
  used.add(actionRel).add(outputRel)
  const time = new Date(Number(entry.timeNs / 1_000_000n)).toISOString()
  const OutputID = Buffer.from(entry.output, 'hex').toString('base64')
  return { OutputID, Size: entry.size, Time: time, DiskPath: join(dir, outputRel) }
}

async function put(dir: string, req: Request, body: Buffer, used: Set<string>): Promise<object> {
  const output = hex(req.OutputID)
  // The output id is the body's SHA-256: a body that does not match it is never stored.
  if (createHash('sha256').update(body).digest('hex') !== output)
    throw new Error('body does not match OutputID')
  const outputRel = cacheFile(output, 'd')
  const st = await stat(join(dir, outputRel)).catch(() => undefined)
  if (st?.size !== body.length) await writeAtomic(join(dir, outputRel), body)
  const actionRel = cacheFile(hex(req.ActionID), 'a')
  const now = BigInt(Date.now()) * 1_000_000n
  await writeAtomic(join(dir, actionRel), Buffer.from(entryText(hex(req.ActionID), output, body.length, now)))
  used.add(actionRel).add(outputRel)
  return { DiskPath: join(dir, outputRel) }
}

// Temp file + rename: a concurrent go command never reads half an object.
async function writeAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(join(file, '..'), { recursive: true })
  try {
    await writeFile(tmp, data)
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}
