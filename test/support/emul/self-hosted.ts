/**
 * The rules of the independent v2 server self-hosted fleets run (falcondev-oss/
 * github-actions-cache-server 9.4.7), where they differ from GitHub's service: the emulated
 * service's `flavour: 'self-hosted'` follows them. Written from reading its source, none copied.
 */

/** Its signed upload URL: `<base>/devstoreaccount1/upload/<numeric id>`, no query string. */
export const UPLOAD_PREFIX = '/devstoreaccount1/upload/'
/** Its download URL: `<base>/download/<entry id>`, no query string, no Range support. */
export const DOWNLOAD_PREFIX = '/download/'

/**
 * The id in a path after `prefix`, when the rest is all digits (its path parameter is a number):
 * a client that appended `&comp=block` to a URL without a query gets undefined, a 400.
 */
export function pathId(pathname: string, prefix: string): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined
  const rest = pathname.slice(prefix.length)
  return /^\d+$/.test(rest) ? rest : undefined
}

/**
 * The block's index as that server reads it from a (base64) block id: 48 bytes are the storage
 * SDK's UUID and a zero-padded decimal index; 64 bytes (docker buildx) hold it as a big-endian
 * 32-bit number at byte 16. Any other id is undefined: 400 "Invalid block id".
 */
export function blockIndex(blockId: string): number | undefined {
  const bytes = Buffer.from(blockId, 'base64')
  if (bytes.length === 64) return bytes.readUInt32BE(16)
  if (bytes.length !== 48) return undefined
  const index = Number.parseInt(bytes.toString('utf8').slice(36), 10)
  return Number.isNaN(index) ? undefined : index
}
