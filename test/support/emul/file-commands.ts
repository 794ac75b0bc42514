/**
 * Parsers for the runner's file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE and
 * GITHUB_PATH), following actions/runner's FileCommandManager: `name=value` lines and
 * `name<<DELIMITER` heredocs, whichever separator comes first on the line.
 */

// Reads one line from `index`, returning it and the newline that ended it (undefined at EOF).
function readLine(text: string, index: number): { line: string; next: number; newline?: string } | undefined {
  if (index >= text.length) return undefined
  const lf = text.indexOf('\n', index)
  if (lf < 0) return { line: text.slice(index), next: text.length }
  const crlf = lf > index && text[lf - 1] === '\r'
  return { line: text.slice(index, crlf ? lf - 1 : lf), next: lf + 1, newline: crlf ? '\r\n' : '\n' }
}

/** Parses a key/value file command; throws like the runner on a malformed file. */
export function parseKeyValueFile(text: string): Map<string, string> {
  const values = new Map<string, string>()
  let cursor = readLine(text, 0)
  while (cursor) {
    const { line } = cursor
    let next = cursor.next
    if (line !== '') {
      const equals = line.indexOf('=')
      const heredoc = line.indexOf('<<')
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        const name = line.slice(0, equals)
        if (name === '') throw new Error(`Invalid format '${line}': name must not be empty`)
        values.set(name, line.slice(equals + 1))
      } else if (heredoc >= 0) {
        const name = line.slice(0, heredoc)
        const delimiter = line.slice(heredoc + 2)
        if (name === '' || delimiter === '') throw new Error(`Invalid format '${line}'`)
        const body = readHeredoc(text, next, delimiter)
        values.set(name, body.value)
        next = body.next
      } else {
        throw new Error(`Invalid format '${line}'`)
      }
    }
    cursor = readLine(text, next)
  }
  return values
}

function readHeredoc(text: string, start: number, delimiter: string): { value: string; next: number } {
  let end = start
  let cursor = readLine(text, start)
  while (cursor?.line !== delimiter) {
    if (!cursor) throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`)
    if (cursor.newline === undefined) throw new Error('Invalid value. EOF marker missing new line.')
    end = cursor.next - cursor.newline.length
    cursor = readLine(text, cursor.next)
  }
  return { value: end > start ? text.slice(start, end) : '', next: cursor.next }
}

/** Parses GITHUB_PATH: one directory a line, blank lines ignored. */
export function parsePathFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** A workflow command on stdout that the runner turns into an annotation or mask. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
}

/** Annotations (`::warning ...::msg`) and masks (`::add-mask::v`) written to a step's stdout. */
export function parseWorkflowCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = []
  const masks: string[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice|add-mask)(?: [^:]*)?::(.*)$/.exec(line)
    if (!match) continue
    const message = unescapeData(match[2] ?? '')
    if (match[1] === 'add-mask') masks.push(message)
    else annotations.push({ level: match[1] as Annotation['level'], message })
  }
  return { annotations, masks }
}

// @actions/core's escapeData, reversed.
function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
