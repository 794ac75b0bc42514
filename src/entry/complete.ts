import * as core from '../runner/workflow.js'
import type { ModuleFile } from './sumset.js'
import { createCore, DEFAULTS, type Core, type Logger } from '../proxy/index.js'

/** Fetches missing go.sum files into the store for post, after the job's proxy has stopped. */
export interface Completer {
  complete(f: ModuleFile): Promise<boolean>
  /** Closes the proxy core, if it was made; again is a no-op. */
  close(): Promise<void>
}

// The proxy's warnings (a refused file, an upstream failure) go to the debug log: post reports
// what is missing from the entry itself, in one line.
const debugLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.debug(m),
  warn: (m) => core.debug(m),
  error: (m) => core.debug(m),
}

/**
 * An in-process proxy core (no listener) on the same store, upstream and go.sum, made on first
 * use. Post stops the job's proxy first (so its journal is complete) and completes the entry
 * with this: every file is verified against go.sum exactly as the job's proxy would have.
 */
export function completer(config: {
  store: string
  upstream: string
  goSum: string[]
  noProxy?: string
  goauth?: string
}): Completer {
  let running: Promise<Core> | undefined
  const start = (): Promise<Core> =>
    createCore({
      ...DEFAULTS,
      concurrency: { ...DEFAULTS.concurrency },
      ...config,
      log: debugLogger,
    })
  return {
    async complete(f) {
      running ??= start()
      const core = await running
      const got = await core.files.ensure(f.module, f.version, f.file, 'prefetch')
      return got.kind === 'found'
    },
    async close() {
      const closing = running
      running = undefined
      if (closing) await (await closing).close()
    },
  }
}
