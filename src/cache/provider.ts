import type { CacheMode } from './mode.js'

/** What a cache call came to: `failed` when the service misbehaved (the library has said so once). */
export interface CacheOutcome<T> {
  value: T
  failed: boolean
}

/** A small file an entry holds beside the store's files: its name at the entry's top, its text. */
export interface ExtraFile {
  name: string
  text: string
}

/** The seam around @actions/cache, so tests and the policy code need no module mocks. */
export interface CacheProvider {
  /** The matched key (undefined on a miss); with lookupOnly nothing is downloaded. */
  restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    lookupOnly: boolean,
  ): Promise<CacheOutcome<string | undefined>>
  /**
   * Saves `files` under `root` as if they were under `path` (an entry made from the store), and
   * `extra` as a file of its own at the top of `path` (a layer's manifest): the entry id, or -1 when
   * not saved (key exists: an info line; or a failure: a warning).
   */
  saveFiles(
    root: string,
    files: string[],
    path: string,
    key: string,
    extra?: ExtraFile,
  ): Promise<CacheOutcome<number>>
  /**
   * Takes `key` (under `path`'s version) so that no other job can save it, leaving nothing useful
   * there: true when this job got it. The streaming client only reserves the key; the library can
   * only save, so it saves a one-line file.
   */
  reserve(path: string, key: string): Promise<CacheOutcome<boolean>>
  /** The Actions cache service is configured for this job. */
  available(): Promise<boolean>
}

/** What the cache clients need of the job's environment; action/context.ts reads it once. */
export interface CacheEnv {
  /** ACTIONS_CACHE_MODE, parsed. */
  mode: CacheMode
  /** ACTIONS_CACHE_SERVICE_V2 is set. */
  serviceV2: boolean
  /** ACTIONS_RESULTS_URL ('' when unset). */
  resultsUrl: string
  /** ACTIONS_RUNTIME_TOKEN ('' when unset). */
  runtimeToken: string
  /** GITHUB_SERVER_URL, github.com when unset. */
  serverUrl: string
  /** An HTTP proxy variable is set (the library honours it; the streaming client does not). */
  httpProxy: boolean
  /** PATH, to find tar and zstd. */
  path: string
  /** GITHUB_WORKSPACE (else the working directory), absolute: entry paths are relative to it. */
  workspace: string
  /** GO_MOD_CACHE_UPLOAD_BLOCK_BYTES ('' when unset): smaller upload blocks, for the e2e tests. */
  uploadBlockBytes: string
}
