import { readFile } from 'node:fs/promises'
import type { ModuleFile } from './sumset.js'

/** What the job did through the proxy, summed from its journal. */
export interface Usage {
  /** Served from the store (restored or already present). */
  fromStore: { files: number; bytes: number }
  /** Fetched from upstream (by the job's requests or by prefetch). */
  fetched: { files: number; bytes: number; modules: number }
  /** Every module file the job was served or that was fetched, de-duplicated. */
  used: ModuleFile[]
  refused: number
}

const FILES = new Set(['info', 'mod', 'zip'])

/** Reads the proxy's JSONL journal; a missing file or a torn last line counts as nothing. */
export async function readUsage(journal: string): Promise<Usage> {
  const text = await readFile(journal, 'utf8').catch(() => '')
  const usage: Usage = {
    fromStore: { files: 0, bytes: 0 },
    fetched: { files: 0, bytes: 0, modules: 0 },
    used: [],
    refused: 0,
  }
  const seen = new Set<string>()
  for (const line of text.split('\n')) {
    const event = parse(line)
    if (event === undefined) continue
    const { module, version, file } = event
    if (
      typeof module !== 'string' ||
      typeof version !== 'string' ||
      typeof file !== 'string' ||
      !FILES.has(file)
    )
      continue
    const bytes = typeof event.bytes === 'number' ? event.bytes : 0
    if (event.event === 'refuse') usage.refused++
    else if (event.event === 'fetch') {
      usage.fetched.files++
      usage.fetched.bytes += bytes
      if (file === 'zip') usage.fetched.modules++
    } else if (event.event === 'serve' && event.source === 'store') {
      usage.fromStore.files++
      usage.fromStore.bytes += bytes
    } else if (event.event !== 'serve') continue
    const id = `${module}@${version}.${file}`
    if (event.event !== 'refuse' && !seen.has(id)) {
      seen.add(id)
      usage.used.push({ module, version, file: file as ModuleFile['file'] })
    }
  }
  return usage
}

function parse(line: string): Record<string, unknown> | undefined {
  if (line.trim() === '') return undefined
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
