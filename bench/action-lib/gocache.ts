/**
 * The warm build cache every job may start from (--gocache warm; a fresh runner's is empty): built
 * once by `go build ./...` in the job root's own paths, since the go command keys compiled packages on their
 * directories, then hard-linked into each job's GOCACHE.
 */
import { join } from 'node:path'
import { runGo } from '../../test/support/helpers/gocmd.js'
import { resetRoot, type JobRoot } from './jobs.js'
import type { Variant } from './project.js'

/** Builds the project once in `dirs` with GOCACHE = `template` (modules from a file:// proxy). */
export async function buildGocacheTemplate(
  dirs: JobRoot,
  variant: Variant,
  goproxy: string,
  template: string,
): Promise<void> {
  resetRoot(dirs, variant)
  const goDirs = { ...dirs, gocache: template, remove: () => undefined }
  const r = await runGo(['build', './...'], {
    cwd: dirs.workspace,
    goproxy,
    dirs: goDirs,
    timeoutMs: 300_000,
  })
  if (r.code !== 0) throw new Error(`building the GOCACHE template failed: ${r.stderr.slice(-2000)}`)
}

/** Where the template goes under the bench's work directory. */
export const templateDir = (work: string): string => join(work, 'gocache-template')
