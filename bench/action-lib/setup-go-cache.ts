/**
 * The baseline: actions/setup-go's cache as it is (v5/v6: src/cache-restore.ts, cache-save.ts,
 * cache-utils.ts). Main asks the go command for GOMODCACHE and GOCACHE, keys on the go.sum hash
 * (@actions/glob's hashFiles, as setup-go; v6.3+ hashes go.mod instead, which changes exactly
 * when go.sum does in every scenario here), restores both with no restore keys; post saves both
 * unless the primary key was hit. Input `modules-only: true` caches GOMODCACHE alone, as the
 * earlier module-only comparison did.
 */
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import * as glob from '@actions/glob'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const STATE_PRIMARY = 'CACHE_KEY'
const STATE_MATCHED = 'CACHE_RESULT'

// setup-go's cacheFolderCommandList: one `go env` call per path.
function cachePaths(): string[] {
  const vars = core.getInput('modules-only') === 'true' ? ['GOMODCACHE'] : ['GOMODCACHE', 'GOCACHE']
  return vars.map((v) => execFileSync('go', ['env', v], { encoding: 'utf8' }).trim()).filter((p) => p !== '')
}

// setup-go's parseGoVersion: the third word of `go version`, without "go".
function goVersion(): string {
  return (execFileSync('go', ['version'], { encoding: 'utf8' }).split(' ')[2] ?? '').slice('go'.length)
}

async function primaryKey(): Promise<string> {
  const fileHash = await glob.hashFiles(join(process.env.GITHUB_WORKSPACE ?? process.cwd(), 'go.sum'))
  if (!fileHash) throw new Error('Some specified paths were not resolved, unable to cache dependencies.')
  const platform = process.env.RUNNER_OS
  const linuxVersion = platform === 'Linux' ? `${process.env.ImageOS}-` : ''
  return `setup-go-${platform}-${process.arch}-${linuxVersion}go-${goVersion()}-${fileHash}`
}

/** setup-go's restore: exact key only, GOMODCACHE and GOCACHE. */
export async function restoreStep(): Promise<void> {
  const key = await primaryKey()
  core.saveState(STATE_PRIMARY, key)
  const matched = await cache.restoreCache(cachePaths(), key)
  core.setOutput('cache-hit', Boolean(matched))
  if (!matched) core.info('Cache is not found')
  else {
    core.saveState(STATE_MATCHED, matched)
    core.info(`Cache restored from key: ${matched}`)
  }
}

/** setup-go's save: skipped on a primary-key hit, else every path that exists. */
export async function saveStep(): Promise<void> {
  const key = core.getState(STATE_PRIMARY)
  const paths = cachePaths()
  if (paths.every((p) => !existsSync(p))) {
    core.warning('There are no cache folders on the disk')
    return
  }
  if (!key) {
    core.info('Primary key was not generated.')
    return
  }
  if (core.getState(STATE_MATCHED) === key) {
    core.info(`Cache hit occurred on the primary key ${key}, not saving cache.`)
    return
  }
  const id = await cache.saveCache(paths, key)
  if (id !== -1) core.info(`Cache saved with the key: ${key}`)
}
