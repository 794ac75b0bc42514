import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  KNOWN_KEYS,
  openTreeNote,
  parseRecord,
  parseVerifierKey,
  proveRecord,
  tileHashReader,
  tilePath,
} from '../../../src/proxy/sumdb/tlog.js'

const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest()
const leafHash = (text: string): Buffer => sha(Buffer.from([0]), Buffer.from(text))
const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r)

/** RFC 6962's Merkle tree hash, written out plainly: the reference the proof is held to. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)))
}

/** Hash tiles of height 8 over `leaves`, as a log stores them: level L holds 2^(8L)-leaf subtree hashes. */
function tiles(leaves: Buffer[]) {
  return async (level: number, k: number, width: number): Promise<Buffer> => {
    const span = 2 ** (8 * level)
    const hashes = Array.from({ length: width }, (_, i) => {
      const lo = (k * 256 + i) * span
      return mth(leaves.slice(lo, lo + span))
    })
    return Buffer.concat(hashes)
  }
}

/** A key pair for a test database, its verifier key, and a signer of notes. */
function database(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.concat([
    Buffer.from([1]),
    publicKey.export({ format: 'der', type: 'spki' }).subarray(-32),
  ])
  const hash = sha(Buffer.from(`${name}\n`), raw).subarray(0, 4)
  const vkey = `${name}+${hash.toString('hex')}+${raw.toString('base64')}`
  const signNote = (text: string): string => {
    const sig = Buffer.concat([hash, sign(null, Buffer.from(text), privateKey)])
    return `${text}\n\u2014 ${name} ${sig.toString('base64')}\n`
  }
  return { vkey, signNote }
}

describe('verifier keys and signed tree heads', () => {
  it("parses the go command's key for sum.golang.org, and refuses a key whose hash does not match", () => {
    expect(parseVerifierKey(KNOWN_KEYS['sum.golang.org']!).name).toBe('sum.golang.org')
    expect(() => parseVerifierKey(KNOWN_KEYS['sum.golang.org']!.replace('033de0ae', '033de0af'))).toThrow(
      'hash does not match key',
    )
    expect(() => parseVerifierKey('sum.test+nothex+AAAA')).toThrow('malformed')
  })

  it('opens a tree note its key signed, and nothing else', () => {
    const db = database('sum.test')
    const root = sha(Buffer.from('root'))
    const text = `go.sum database tree\n42\n${root.toString('base64')}\n`
    const v = parseVerifierKey(db.vkey)
    expect(openTreeNote(db.signNote(text), v)).toEqual({ n: 42, hash: root })
    expect(() => openTreeNote(db.signNote(text).replace('\n42\n', '\n43\n'), v)).toThrow(
      'not signed by sum.test',
    )
    expect(() => openTreeNote(database('sum.test').signNote(text), v)).toThrow('not signed by sum.test')
    expect(() => openTreeNote(db.signNote('go.sum database tree\n42\n'), v)).toThrow('malformed tree')
  })

  it('splits a lookup answer as tlog.ParseRecord does', () => {
    const msg = '7\nm v1.0.0 h1:a=\nm v1.0.0/go.mod h1:b=\n\ngo.sum database tree\n8\nx\n\n\u2014 s sig\n'
    expect(parseRecord(msg)).toEqual({
      id: 7,
      text: 'm v1.0.0 h1:a=\nm v1.0.0/go.mod h1:b=\n',
      note: 'go.sum database tree\n8\nx\n\n\u2014 s sig\n',
    })
    expect(() => parseRecord('x\ntext\n\nnote')).toThrow('malformed record')
  })
})

describe('proveRecord over hash tiles', () => {
  const texts = Array.from({ length: 700 }, (_, i) => `example.com/m${i} v1.0.0 h1:x=\n`)
  const leaves = texts.map(leafHash)

  it.each([1, 2, 3, 7, 255, 256, 257, 300, 511, 512, 700])(
    'proves every sampled record of a tree of %i',
    async (n) => {
      const tree = { n, hash: mth(leaves.slice(0, n)) }
      const read = tileHashReader(n, tiles(leaves.slice(0, n)))
      for (const id of new Set([0, 1, Math.floor(n / 2), n - 2, n - 1].filter((i) => i >= 0 && i < n))) {
        await expect(proveRecord(tree, id, texts[id]!, read)).resolves.toBeUndefined()
      }
    },
  )

  it('refuses another record text, an id past the tree, and a tile that lies', async () => {
    const n = 300
    const tree = { n, hash: mth(leaves.slice(0, n)) }
    const read = tileHashReader(n, tiles(leaves.slice(0, n)))
    await expect(proveRecord(tree, 5, texts[6]!, read)).rejects.toThrow('does not prove into the signed tree')
    await expect(proveRecord(tree, 300, texts[5]!, read)).rejects.toThrow('is not in a tree of 300')
    const lying = tileHashReader(n, async (l, k, w) => {
      const data = await tiles(leaves.slice(0, n))(l, k, w)
      data[data.length - 1]! ^= 1
      return data
    })
    await expect(proveRecord(tree, 5, texts[5]!, lying)).rejects.toThrow('does not prove')
  })

  it('asks for tiles by the paths the go command uses', () => {
    expect(tilePath(8, 0, 1, 44)).toBe('tile/8/0/001.p/44')
    expect(tilePath(8, 1, 1234, 256)).toBe('tile/8/1/x001/234')
    expect(tilePath(8, -1, 5, 256)).toBe('tile/8/data/005')
  })
})
