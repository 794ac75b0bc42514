// What a go.mod declares itself to be: its module line, read as golang.org/x/mod/modfile's
// ModulePath reads it. The proxy holds a fetched .mod to it before storing it.
import { isUtf8 } from 'node:buffer'

/** The path a go.mod's first `module` line names, or undefined when it has none (modfile.ModulePath). */
export function goModModulePath(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const comment = raw.indexOf('//')
    const line = (comment < 0 ? raw : raw.slice(0, comment)).trim()
    if (!line.startsWith('module')) continue
    const rest = line.slice('module'.length)
    const value = rest.trim()
    // "modulex" is another word, and "module" alone (or a block) names nothing here.
    if (value.length === rest.length || value === '') continue
    return value.startsWith('"') || value.startsWith('`') ? unquote(value) : value
  }
  return undefined
}

/**
 * Why bytes served as a .mod are not a go.mod, or undefined: UTF-8 text whose lines read as
 * go.mod statements, with a module line. The path it names may differ from the one asked: a fork
 * used through a replace directive declares the path it replaces, and the go command accepts it.
 */
export function goModProblem(data: Buffer): string | undefined {
  if (data.includes(0) || !isUtf8(data)) return 'go.mod is not UTF-8 text'
  const text = data.toString('utf8')
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    // A statement starts with a word, a path, a quote, a paren or a retract range: never '<' or '{'.
    if (line !== '' && !line.startsWith('//') && !STATEMENT_START.test(line))
      return `go.mod has a line that is no go.mod statement: ${bounded(line)}`
  }
  return goModModulePath(text) ? undefined : 'go.mod has no module line'
}

const STATEMENT_START = /^[\p{L}\p{N}_."`()[\]/-]/u

/** A quoted module path as strconv.Unquote reads it; undefined when malformed. */
function unquote(value: string): string | undefined {
  if (value.startsWith('`')) {
    return value.length >= 2 && value.endsWith('`') && !value.slice(1, -1).includes('`')
      ? value.slice(1, -1)
      : undefined
  }
  try {
    const parsed: unknown = JSON.parse(value)
    return typeof parsed === 'string' ? parsed : undefined
  } catch {
    return undefined
  }
}

/** At most 100 characters of what upstream said, JSON-quoted: one bounded log line. */
function bounded(s: string): string {
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}...` : s)
}
