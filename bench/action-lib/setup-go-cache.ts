/**
 * The baseline: what actions/setup-go's cache does (its cache-restore.ts / cache-save.ts), for
 * modules only. Main keys on the go.sum hash, restores the whole GOMODCACHE with no restore keys;
 * post saves the whole GOMODCACHE unless the primary key was hit. GOCACHE is left out on purpose
 * (setup-go caches it too): both styles are compared on module caching alone.
 */
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const STATE_PRIMARY = 'CACHE_KEY'
const STATE_MATCHED = 'CACHE_RESULT'

// setup-go asks the go command, not the environment: one `go env` call, as it does per path.
function modCachePath(): string {
  return execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim()
}

function primaryKey(): string {
  const sum = join(process.env.GITHUB_WORKSPACE ?? process.cwd(), 'go.sum')
  const hash = createHash('sha256').update(readFileSync(sum)).digest('hex')
  return `setup-go-${process.env.RUNNER_OS ?? 'Linux'}-go-1.19-${hash}`
}

/** setup-go's restore: exact key only, the full GOMODCACHE. */
export async function restoreStep(): Promise<void> {
  const key = primaryKey()
  core.saveState(STATE_PRIMARY, key)
  const matched = await cache.restoreCache([modCachePath()], key)
  core.setOutput('cache-hit', String(matched === key))
  if (matched === undefined) core.info('Cache is not found')
  else {
    core.saveState(STATE_MATCHED, matched)
    core.info(`Cache restored from key: ${matched}`)
  }
}

/** setup-go's save: skipped on a primary-key hit, else the whole GOMODCACHE. */
export async function saveStep(): Promise<void> {
  const key = core.getState(STATE_PRIMARY)
  if (key !== '' && core.getState(STATE_MATCHED) === key) {
    core.info(`Cache hit occurred on the primary key ${key}, not saving cache.`)
    return
  }
  const path = modCachePath()
  if (!existsSync(path)) {
    core.warning('There are no cache folders on the disk')
    return
  }
  const id = await cache.saveCache([path], key)
  if (id !== -1) core.info(`Cache saved with the key: ${key}`)
}
