import { createHash } from 'node:crypto'

/** dirhash.Hash1 over named file contents, computed here independently of src/ (for tests). */
export function h1(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort()
    .map(
      (name) =>
        `${createHash('sha256')
          .update(files[name] ?? '')
          .digest('hex')}  ${name}\n`,
    )
  return 'h1:' + createHash('sha256').update(lines.join('')).digest('base64')
}
