// go.sum / go.work.sum files: the h1 hashes every .zip and .mod must match, and the set of module
// versions to prefetch. Several files merge into one set.
import { readFile } from 'node:fs/promises'
import { checkPath, compareVersions, isCanonicalVersion } from './modpath.js'

// The h1 of an empty go.mod: old go commands wrote it by mistake, and cmd/go drops such lines.
const emptyGoModHash = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY='
const h1Pattern = /^h1:[A-Za-z0-9+/]{43}=$/

interface Entry {
  module: string
  version: string
  zip: string[]
  mod: string[]
}

/** The h1 hashes of a set of go.sum files, keyed by module version. */
export class GoSums {
  private readonly entries = new Map<string, Entry>()

  /** Parses go.sum text into a new set (or into `into`); a malformed line throws naming source:line. */
  static parse(text: string, into?: GoSums, source = 'go.sum'): GoSums {
    const sums = into ?? new GoSums()
    text.split('\n').forEach((line, i) => {
      const fields = line.trim().split(/\s+/)
      if (fields[0] === '') return
      const problem = sums.add(fields)
      if (problem)
        throw new Error(`malformed go.sum: ${source}:${i + 1}: ${problem}: ${JSON.stringify(line)}`)
    })
    return sums
  }

  /** Reads and merges go.sum files; a missing or malformed file is an error naming it. */
  static async load(files: string[]): Promise<GoSums> {
    const sums = new GoSums()
    for (const file of files) {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (err) {
        throw new Error(`cannot read go.sum file ${file}: ${(err as Error).message}`, { cause: err })
      }
      GoSums.parse(text, sums, file)
    }
    return sums
  }

  /** The h1 values go.sum allows for the zip of module@version, or undefined when it names none. */
  zip(module: string, version: string): string[] | undefined {
    const e = this.entries.get(key(module, version))
    return e && e.zip.length > 0 ? [...e.zip] : undefined
  }

  /** The h1 values go.sum allows for the go.mod of module@version, or undefined when it names none. */
  mod(module: string, version: string): string[] | undefined {
    const e = this.entries.get(key(module, version))
    return e && e.mod.length > 0 ? [...e.mod] : undefined
  }

  /** Every module version named, sorted; zip is true when a full (not only /go.mod) line exists. */
  versions(): Array<{ module: string; version: string; zip: boolean }> {
    return [...this.entries.values()]
      .sort((a, b) =>
        a.module === b.module ? compareVersions(a.version, b.version) : a.module < b.module ? -1 : 1,
      )
      .map((e) => ({ module: e.module, version: e.version, zip: e.zip.length > 0 }))
  }

  /** How many distinct module versions the files name. */
  get size(): number {
    return this.entries.size
  }

  private add(fields: string[]): string | undefined {
    if (fields.length !== 3) return `wrong number of fields (${fields.length}, want 3)`
    const [module, rawVersion, hash] = fields as [string, string, string]
    if (hash === emptyGoModHash) return undefined
    const isMod = rawVersion.endsWith('/go.mod')
    const version = isMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion
    const badPath = checkPath(module)
    if (badPath) return badPath
    if (!isCanonicalVersion(version)) return `version ${JSON.stringify(version)} is not canonical`
    if (!h1Pattern.test(hash)) return `hash ${JSON.stringify(hash)} is not an h1 hash`
    const k = key(module, version)
    let e = this.entries.get(k)
    if (!e) {
      e = { module, version, zip: [], mod: [] }
      this.entries.set(k, e)
    }
    const list = isMod ? e.mod : e.zip
    if (!list.includes(hash)) list.push(hash)
    return undefined
  }
}

function key(module: string, version: string): string {
  return `${module}@${version}`
}
