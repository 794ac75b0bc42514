// The checksum database's proofs, as cmd/go checks them: a signed tree head (golang.org/x/mod
// sumdb/note, Ed25519), and a lookup's record proved to be in that tree from hash tiles
// (sumdb/tlog, RFC 6962 hashing). Nothing here fetches: tiles come through a reader.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'

/** A verifier key, "<name>+<hash>+<base64 key>", parsed: what signs the database's tree heads. */
export interface NoteVerifier {
  name: string
  hash: number
  key: KeyObject
}

/** The go command's built-in keys for databases GOSUMDB may name without one. */
export const KNOWN_KEYS: Record<string, string> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
}

const ED25519 = 1
// The DER prefix of an Ed25519 SubjectPublicKeyInfo: Node takes raw keys in that wrapping.
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex')

/** Parses a verifier key (note.NewVerifier); throws naming what is wrong. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name = '', hashHex = '', ...rest] = vkey.split('+')
  const raw = Buffer.from(rest.join('+'), 'base64')
  if (!name || !/^[0-9a-f]{8}$/.test(hashHex) || raw.length !== 33 || raw[0] !== ED25519)
    throw new Error(`malformed checksum database key ${JSON.stringify(vkey.slice(0, 200))}`)
  const hash = Number.parseInt(hashHex, 16)
  if (keyHash(name, raw) !== hash) throw new Error(`checksum database key ${name}: hash does not match key`)
  const key = createPublicKey({
    key: Buffer.concat([SPKI_ED25519, raw.subarray(1)]),
    format: 'der',
    type: 'spki',
  })
  return { name, hash, key }
}

function keyHash(name: string, key: Buffer): number {
  return createHash('sha256').update(`${name}\n`).update(key).digest().readUInt32BE(0)
}

/** A tree head: N records, and the root hash over them. */
export interface Tree {
  n: number
  hash: Buffer
}

/** The tree a signed note names, when `v` signed it (note.Open + tlog.ParseTree); else throws. */
export function openTreeNote(msg: string, v: NoteVerifier): Tree {
  const split = msg.lastIndexOf('\n\n')
  if (split < 0) throw new Error('tree note: malformed (no signatures)')
  const text = msg.slice(0, split + 1)
  const signed = msg
    .slice(split + 2)
    .split('\n')
    .some((line) => signedBy(line, text, v))
  if (!signed) throw new Error(`tree note: not signed by ${v.name}`)
  const lines = text.split('\n')
  const n = /^\d{1,15}$/.test(lines[1] ?? '') ? Number(lines[1]) : NaN
  const hash = Buffer.from(lines[2] ?? '', 'base64')
  if (lines[0] !== 'go.sum database tree' || !Number.isSafeInteger(n) || hash.length !== 32)
    throw new Error('tree note: malformed tree')
  return { n, hash }
}

function signedBy(line: string, text: string, v: NoteVerifier): boolean {
  const m = /^\u2014 (\S+) (\S+)$/.exec(line)
  if (!m || m[1] !== v.name) return false
  const sig = Buffer.from(m[2] ?? '', 'base64')
  if (sig.length !== 4 + 64 || sig.readUInt32BE(0) !== v.hash) return false
  return verify(null, Buffer.from(text, 'utf8'), v.key, sig.subarray(4))
}

/** A lookup answer split as tlog.ParseRecord splits it: record id, record text, tree note. */
export function parseRecord(msg: string): { id: number; text: string; note: string } {
  const nl = msg.indexOf('\n')
  const id = /^\d{1,15}$/.test(msg.slice(0, nl)) ? Number(msg.slice(0, nl)) : NaN
  const end = msg.indexOf('\n\n')
  if (nl < 0 || end < nl || !Number.isSafeInteger(id)) throw new Error('lookup: malformed record')
  return { id, text: msg.slice(nl + 1, end + 1), note: msg.slice(end + 2) }
}

/** Reads the stored hash at `level`, `index` of a tree of `size` records (from hash tiles). */
export type HashReader = (level: number, index: number) => Promise<Buffer>

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest()
}
const recordHash = (data: Buffer): Buffer => sha256(Buffer.from([0]), data)
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right)

/**
 * Throws unless record `id` with `text` is in `tree`: the root is rebuilt from the record's hash
 * and the sibling subtree hashes `read` gives, so a tile that lies cannot make it match.
 */
export async function proveRecord(tree: Tree, id: number, text: string, read: HashReader): Promise<void> {
  if (id >= tree.n) throw new Error(`lookup: record ${id} is not in a tree of ${tree.n}`)
  const leaf = recordHash(Buffer.from(text, 'utf8'))
  // RFC 6962's split: the largest power of two below the range's size.
  const split = (n: number): number => 2 ** Math.floor(Math.log2(n - 1))
  // A range off the record's path: one stored hash when complete (aligned, a power of two).
  const complete = async (lo: number, hi: number): Promise<Buffer> => {
    const n = hi - lo
    const level = Math.log2(n)
    if (Number.isInteger(level)) return read(level, lo / n)
    const k = split(n)
    return nodeHash(await complete(lo, lo + k), await complete(lo + k, hi))
  }
  const withLeaf = async (lo: number, hi: number): Promise<Buffer> => {
    if (hi - lo === 1) return leaf
    const k = split(hi - lo)
    return id < lo + k
      ? nodeHash(await withLeaf(lo, lo + k), await complete(lo + k, hi))
      : nodeHash(await complete(lo, lo + k), await withLeaf(lo + k, hi))
  }
  const root = await withLeaf(0, tree.n)
  if (!root.equals(tree.hash)) throw new Error(`lookup: record ${id} does not prove into the signed tree`)
}

/** The tile height cmd/go asks sum.golang.org for. */
export const TILE_HEIGHT = 8

/**
 * A HashReader over hash tiles of height TILE_HEIGHT: the hash at (level, index) is folded from
 * the tile below it; `tile(level, k, width)` gives that tile's bytes (width hashes of 32 bytes).
 */
export function tileHashReader(
  size: number,
  tile: (tileLevel: number, k: number, width: number) => Promise<Buffer>,
): HashReader {
  const H = TILE_HEIGHT
  return async (level, index) => {
    const tl = Math.floor(level / H)
    const span = 2 ** (level - tl * H) // base hashes under this one, at level tl*H
    const first = index * span
    const k = Math.floor(first / 2 ** H)
    const width = Math.min(2 ** H, Math.floor(size / 2 ** (tl * H)) - k * 2 ** H)
    const data = await tile(tl, k, width)
    const from = first - k * 2 ** H
    if (data.length !== width * 32 || from + span > width) throw new Error(`tile ${tl}/${k}: malformed`)
    let hashes = Array.from({ length: span }, (_, i) => data.subarray((from + i) * 32, (from + i + 1) * 32))
    while (hashes.length > 1) {
      hashes = Array.from({ length: hashes.length / 2 }, (_, i) =>
        nodeHash(hashes[2 * i]!, hashes[2 * i + 1]!),
      )
    }
    return hashes[0]!
  }
}

export const PATH_BASE = 1000

/** tlog's Tile.Path: tile/H/L/NNN[.p/W], the index in groups of three digits; L -1 is data. */
export function tilePath(h: number, l: number, n: number, w: number): string {
  let rest = n
  let nStr = String(rest % PATH_BASE).padStart(3, '0')
  while (rest >= PATH_BASE) {
    rest = Math.floor(rest / PATH_BASE)
    nStr = `x${String(rest % PATH_BASE).padStart(3, '0')}/${nStr}`
  }
  const p = w !== 2 ** h ? `.p/${w}` : ''
  return `tile/${h}/${l === -1 ? 'data' : l}/${nStr}${p}`
}
