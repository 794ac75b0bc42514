import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { parseProxyList } from '../proxy/index.js'

type Env = Record<string, string | undefined>

/** GOMODCACHE as the go command computes it, without running `go env` (too slow for main). */
export function modCache(env: Env): string {
  if (env.GOMODCACHE) return env.GOMODCACHE
  const first = (env.GOPATH ?? '').split(delimiter).find((p) => p !== '')
  return join(first ?? join(homedir(), 'go'), 'pkg', 'mod')
}

/**
 * The GOPROXY to export: the proxy first, then after `|` (any failure moves on) the upstream list.
 * Credentials in the upstream URLs are for the proxy only: every later step can read GOPROXY, so
 * the exported fallback is rebuilt from the parsed list without them (the go command's own .netrc
 * still applies to https entries). `upstream` is a list the proxy accepted.
 */
export function exportedGoproxy(proxy: string, upstream: string): string {
  const entries = parseProxyList(upstream).map(
    (e) => (e.kind === 'http' ? e.base + e.search : e.base) + (e.next ?? ''),
  )
  return `${proxy}|${entries.join('')}`
}

/** GOFLAGS with -modcacherw added once, so extracted modules stay deletable on persistent machines. */
export function exportedGoflags(goflags: string | undefined): string {
  const flags = (goflags ?? '').trim()
  if (flags.split(/\s+/).some((f) => /^--?modcacherw(=true)?$/.test(f))) return flags
  return flags === '' ? '-modcacherw' : `${flags} -modcacherw`
}

/** True for a pull request from a fork (the event payload at `eventPath` says): it restores, never saves. */
export function isForkPullRequest(eventPath: string): boolean {
  if (!eventPath) return false
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { head?: { repo?: { fork?: unknown } } }
    }
    return event.pull_request?.head?.repo?.fork === true
  } catch {
    return false
  }
}
