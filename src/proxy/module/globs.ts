/**
 * Go's module.MatchPrefixPatterns, the matcher behind GOPRIVATE, GONOPROXY and GONOSUMDB: true
 * when a glob of the comma-separated list (path.Match syntax) matches the target's first path
 * elements, as many as the glob has. A malformed glob matches nothing, as in Go.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (const item of globs.split(',')) {
    const glob = item.endsWith('/') ? item.slice(0, -1) : item
    if (glob === '') continue
    // A glob of N+1 elements is matched against the target's first N+1 elements.
    let n = glob.split('/').length - 1
    let prefix = target
    for (let i = 0; i < target.length; i++) {
      if (target[i] !== '/') continue
      if (n === 0) {
        prefix = target.slice(0, i)
        break
      }
      n--
    }
    if (n > 0) continue
    if (pathMatch(glob, prefix)) return true
  }
  return false
}

/** Go's path.Match, with a syntax error read as no match. */
function pathMatch(pattern: string, name: string): boolean {
  try {
    return match(Array.from(pattern), Array.from(name))
  } catch (error) {
    if (error instanceof BadPattern) return false
    throw error
  }
}

class BadPattern extends Error {}

// A port of Go's path.Match over code points (a literal compares as Go's bytes would in UTF-8).
function match(pattern: string[], name: string[]): boolean {
  next: while (pattern.length > 0) {
    const [star, chunk, rest] = scanChunk(pattern)
    pattern = rest
    if (star && chunk.length === 0) return !name.includes('/')
    const t = matchChunk(chunk, name)
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t
      continue
    }
    if (star) {
      // The star takes 1, 2, ... characters, never a '/'.
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const u = matchChunk(chunk, name.slice(i + 1))
        if (u === undefined || (pattern.length === 0 && u.length > 0)) continue
        name = u
        continue next
      }
    }
    // Go still reports a syntax error in the rest of the pattern.
    while (pattern.length > 0) {
      const [, later, after] = scanChunk(pattern)
      pattern = after
      matchChunk(later, [])
    }
    return false
  }
  return name.length === 0
}

// Splits off the leading stars and the chunk up to the next star outside [...].
function scanChunk(pattern: string[]): [boolean, string[], string[]] {
  let start = 0
  while (start < pattern.length && pattern[start] === '*') start++
  let inRange = false
  let i = start
  for (; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      if (i + 1 < pattern.length) i++
    } else if (c === '[') inRange = true
    else if (c === ']') inRange = false
    else if (c === '*' && !inRange) break
  }
  return [start > 0, pattern.slice(start, i), pattern.slice(i)]
}

// Matches a chunk (no stars) at the start of s: the rest of s, or undefined. Throws BadPattern.
function matchChunk(chunk: string[], s: string[]): string[] | undefined {
  let failed = false
  let c = 0
  let i = 0
  while (c < chunk.length) {
    if (!failed && i >= s.length) failed = true
    const ch = chunk[c] as string
    if (ch === '[') {
      let r = 0
      if (!failed) r = (s[i++] as string).codePointAt(0) ?? 0
      c++
      const negated = chunk[c] === '^'
      if (negated) c++
      let matched = false
      for (let ranges = 0; ; ranges++) {
        if (chunk[c] === ']' && ranges > 0) {
          c++
          break
        }
        let lo: number
        let hi: number
        ;[lo, c] = escaped(chunk, c)
        hi = lo
        if (chunk[c] === '-') [hi, c] = escaped(chunk, c + 1)
        if (lo <= r && r <= hi) matched = true
      }
      if (matched === negated) failed = true
    } else if (ch === '?') {
      if (!failed) failed = s[i++] === '/'
      c++
    } else {
      if (ch === '\\' && ++c >= chunk.length) throw new BadPattern()
      if (!failed) failed = chunk[c] !== s[i++]
      c++
    }
  }
  return failed ? undefined : s.slice(i)
}

// One character of a [...] range, unescaped, and the index after it. Throws BadPattern.
function escaped(chunk: string[], c: number): [number, number] {
  if (c >= chunk.length || chunk[c] === '-' || chunk[c] === ']') throw new BadPattern()
  if (chunk[c] === '\\' && ++c >= chunk.length) throw new BadPattern()
  const r = (chunk[c] as string).codePointAt(0) ?? 0
  if (++c >= chunk.length) throw new BadPattern()
  return [r, c]
}
