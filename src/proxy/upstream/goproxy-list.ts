import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** What may follow an entry: `,` moves on only after 404/410, `|` after any failure. */
export type Separator = ',' | '|'

/** One entry of a GOPROXY list, with the separator that follows it (none for the last one). */
export type ProxyEntry =
  | {
      kind: 'http'
      /** The base URL without credentials and without a trailing '/'; safe to log. */
      base: string
      /** http: or https: */
      protocol: 'http:' | 'https:'
      /** host[:port], for .netrc lookups. */
      host: string
      hostname: string
      /** Query string of the entry ('' or '?...'), kept on every request as cmd/go does. */
      search: string
      /** Credentials from the entry's URL userinfo, already percent-decoded. */
      userinfo?: { username: string; password: string }
      next?: Separator
    }
  | { kind: 'file'; base: string; dir: string; next?: Separator }
  | { kind: 'direct'; base: string; next?: Separator }
  | { kind: 'off'; base: string; next?: Separator }

const ACCEPTED =
  'accepted: entries separated by "," or "|", each "direct", "off", or an http://, https:// or file:// URL'

/**
 * Parses a GOPROXY-style list the way cmd/go does: empty entries are skipped, a bare
 * "host/path" gets https://, and nothing after `direct` or `off` can ever be reached.
 * Throws an Error naming the bad entry and the accepted form.
 */
export function parseProxyList(list: string): ProxyEntry[] {
  const entries: ProxyEntry[] = []
  let rest = list
  while (rest !== '') {
    const at = rest.search(/[,|]/)
    const raw = (at >= 0 ? rest.slice(0, at) : rest).trim()
    const next = at >= 0 ? (rest[at] as Separator) : undefined
    rest = at >= 0 ? rest.slice(at + 1) : ''
    if (raw === '') continue
    const entry = parseEntry(raw)
    entries.push(next ? { ...entry, next } : entry)
    // direct and off always answer; entries after them would never be asked.
    if (entry.kind === 'direct' || entry.kind === 'off') break
  }
  const last = entries.at(-1)
  if (last === undefined) throw new Error(`invalid GOPROXY list "${list}": no entries (${ACCEPTED})`)
  delete last.next
  return entries
}

function parseEntry(raw: string): ProxyEntry {
  if (raw === 'direct') return { kind: 'direct', base: raw }
  if (raw === 'off') return { kind: 'off', base: raw }
  // cmd/go: single words are reserved; anything with '.', ':' or '/' but no scheme is https.
  let text = raw
  if (/[.:/]/.test(raw) && !raw.includes(':/') && !path.isAbsolute(raw)) text = 'https://' + raw
  const bad = (why: string) => new Error(`invalid GOPROXY entry "${redactEntry(raw)}": ${why} (${ACCEPTED})`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw bad('not a URL')
  }
  if (url.hash !== '') throw bad('a fragment is not allowed')
  if (url.protocol === 'file:') {
    if (url.username !== '' || url.password !== '') throw bad('file URLs take no credentials')
    if (url.search !== '') throw bad('file URLs take no query')
    let dir: string
    try {
      dir = path.resolve(fileURLToPath(url))
    } catch {
      throw bad('a file URL needs a local absolute path')
    }
    return { kind: 'file', base: 'file://' + url.pathname.replace(/\/+$/, ''), dir }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(`unsupported scheme "${url.protocol}"`)
  if (url.hostname === '') throw bad('no host')
  const userinfo =
    url.username !== '' || url.password !== ''
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : undefined
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
  return {
    kind: 'http',
    base,
    protocol: url.protocol,
    host: url.host,
    hostname: url.hostname,
    search: url.search,
    ...(userinfo ? { userinfo } : {}),
  }
}

/** An entry as it may appear in an error message: userinfo replaced, whatever its form. */
function redactEntry(raw: string): string {
  return raw.replace(/^([^/@]*\/\/)?[^/@]*@/, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`)
}
