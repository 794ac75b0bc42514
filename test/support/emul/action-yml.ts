import { readFile } from 'node:fs/promises'

/**
 * The `default:` of each input in an action.yml, as the runner fills INPUT_* for inputs a
 * workflow leaves out. A small reader, not a YAML parser: it knows the shape action.yml files
 * have (`inputs:` → name → `default:` as a plain or quoted scalar or a `|`/`>` block).
 * Expressions (`${{ ... }}`) are left as an empty string; this emulation evaluates none.
 */
export async function readInputDefaults(file: string): Promise<Record<string, string>> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/)
  const defaults: Record<string, string> = {}
  const start = lines.findIndex((l) => /^inputs:\s*$/.test(l))
  if (start < 0) return defaults
  let input: string | undefined
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (/^\S/.test(line)) break // the next top-level key ends `inputs:`
    const name = /^ {2}([A-Za-z0-9_-][^:]*):\s*$/.exec(line)
    if (name) {
      input = name[1]
      continue
    }
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (!input || !value) continue
    const raw = (value[1] ?? '').replace(/\s+#.*$/, '')
    if (/^[|>][+-]?$/.test(raw)) {
      const block = readBlock(lines, i + 1)
      defaults[input] = foldBlock(block.lines, raw)
      i = block.end - 1
    } else {
      defaults[input] = scalar(raw)
    }
  }
  return defaults
}

function readBlock(lines: string[], from: number): { lines: string[]; end: number } {
  const body: string[] = []
  let i = from
  let indent: number | undefined
  for (; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.trim() === '') {
      body.push('')
      continue
    }
    const own = line.length - line.trimStart().length
    indent ??= own
    if (own < indent || own <= 4) break
    body.push(line.slice(indent))
  }
  while (body.length > 0 && body[body.length - 1] === '') body.pop()
  return { lines: body, end: i }
}

function foldBlock(lines: string[], indicator: string): string {
  const text = indicator.startsWith('>') ? lines.join(' ') : lines.join('\n')
  if (indicator.endsWith('-')) return text
  return text === '' ? '' : `${text}\n`
}

function scalar(raw: string): string {
  if (raw.includes('${{')) return ''
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/''/g, "'")
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) return JSON.parse(raw) as string
  return raw
}
