import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'
import * as glob from '@actions/glob'
import { layerKeyOf } from './layer.js'

/** The cache key and the restore keys that let a changed go.sum reuse most of the last entry. */
export interface CacheKey {
  primaryKey: string
  restoreKeys: string[]
  /** The sorted, de-duplicated go.sum lines the key hashes: the dependency set. */
  lines: string[]
}

/**
 * The sorted, de-duplicated `module version[/go.mod] h1:hash` lines of go.sum / go.work.sum texts.
 * Content only: file order, paths, blank lines and spacing do not matter, so matrix jobs agree.
 */
export function sumLines(texts: string[]): string[] {
  const lines = new Set<string>()
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const fields = raw.trim().split(/\s+/)
      if (fields.length === 3 && fields[2]?.startsWith('h1:')) lines.add(fields.join(' '))
    }
  }
  return [...lines].sort()
}

/**
 * `${prefix}-${sha256 of the lines}`, and the restore keys: this set's layer (layer.ts), then the
 * newest entry of any set, `${prefix}-`.
 */
export function cacheKey(prefix: string, texts: string[]): CacheKey {
  const lines = sumLines(texts)
  const hash = createHash('sha256')
  for (const line of lines) hash.update(line + '\n')
  const primaryKey = `${prefix}-${hash.digest('hex')}`
  return { primaryKey, restoreKeys: [layerKeyOf(primaryKey), `${prefix}-`], lines }
}

/**
 * The files (absolute, sorted) matching the glob patterns, one pattern a line as action inputs say,
 * except those under `outside`: a module cache inside the workspace (a GOPATH there, or a self-hosted
 * runner's reused workspace) holds the go.sum of every extracted dependency, which would make the
 * key change with the cache's content and the prefetch fetch their dependencies too.
 */
export async function matchFiles(patterns: string[], outside: string[] = []): Promise<string[]> {
  const globber = await glob.create(patterns.join('\n'), { matchDirectories: false })
  const files = await globber.glob()
  const within = (file: string, dir: string): boolean => {
    const rel = relative(dir, file)
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  }
  return [...new Set(files)].filter((file) => !outside.some((dir) => within(file, dir))).sort()
}

/** Reads the matched files and computes the key. */
export async function keyFromFiles(prefix: string, files: string[]): Promise<CacheKey> {
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')))
  return cacheKey(prefix, texts)
}
