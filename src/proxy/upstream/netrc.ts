import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** One `machine` (or the `default`, with machine undefined) entry of a .netrc file. */
export interface NetrcEntry {
  machine?: string
  login: string
  password: string
}

/**
 * Parses .netrc text: `machine`, `default`, `login`, `password`, `account` and `macdef`
 * (whose body runs to the next blank line and is skipped). Entries without a login or
 * password are dropped, as curl and cmd/go do.
 */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = []
  let current: Partial<NetrcEntry> & { isEntry?: boolean } = {}
  const flush = () => {
    if (current.isEntry && current.login !== undefined && current.password !== undefined) {
      entries.push({
        ...(current.machine !== undefined ? { machine: current.machine } : {}),
        login: current.login,
        password: current.password,
      })
    }
    current = {}
  }
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const tokens = (lines[i] ?? '').trim().split(/\s+/).filter(Boolean)
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]
      const value = tokens[t + 1]
      if (token === 'machine' && value !== undefined) {
        flush()
        current = { isEntry: true, machine: value }
        t++
      } else if (token === 'default') {
        flush()
        current = { isEntry: true }
      } else if ((token === 'login' || token === 'password') && value !== undefined) {
        current[token] = value
        t++
      } else if (token === 'account' && value !== undefined) {
        t++
      } else if (token === 'macdef') {
        // A macro body is free text up to a blank line; none of it is a token.
        while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') i++
        break
      }
    }
  }
  flush()
  return entries
}

/**
 * The credentials for a host: the first `machine` equal to host:port or to the bare host
 * name, else the `default` entry.
 */
export function netrcLookup(
  entries: NetrcEntry[],
  host: string,
  hostname: string,
): { username: string; password: string } | undefined {
  const match =
    entries.find((e) => e.machine === host) ??
    entries.find((e) => e.machine === hostname) ??
    entries.find((e) => e.machine === undefined)
  return match ? { username: match.login, password: match.password } : undefined
}

/** The .netrc path cmd/go would read: $NETRC, else ~/.netrc (~/_netrc on Windows). */
export function defaultNetrcPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETRC) return env.NETRC
  return path.join(os.homedir(), process.platform === 'win32' ? '_netrc' : '.netrc')
}

/**
 * Reads and parses a .netrc file; undefined when it does not exist (the caller decides whether
 * that matters). Any other read failure is thrown so a broken path is not silently ignored.
 */
export function loadNetrc(file: string): NetrcEntry[] | undefined {
  try {
    return parseNetrc(readFileSync(file, 'utf8'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
