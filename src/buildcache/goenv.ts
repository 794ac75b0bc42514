import { execFile } from 'node:child_process'

/** What the build cache needs to know of the go command a job uses. */
export interface GoBuildEnv {
  /** `go env GOVERSION`, e.g. go1.26.8. */
  version: string
  goos: string
  goarch: string
  /** The build cache directory (`off` is refused: the go command needs one since Go 1.12). */
  gocache: string
  /** A GOCACHEPROG the job set itself ('' when none). */
  gocacheprog: string
}

/**
 * Asks the go command on the job's PATH (in the job's environment and directory, so a toolchain
 * switch is the one the build will use) for its version, platform and build cache.
 */
export function readGoBuildEnv(
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<GoBuildEnv | { reason: string }> {
  const names = ['GOVERSION', 'GOOS', 'GOARCH', 'GOCACHE', 'GOCACHEPROG']
  return new Promise((resolve) => {
    execFile('go', ['env', '-json', ...names], { env, cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
        resolve({
          reason: missing ? 'no go command on PATH' : `go env failed: ${stderr.trim() || error.message}`,
        })
        return
      }
      resolve(parseGoEnv(stdout))
    })
  })
}

/** `go env -json` output read into a GoBuildEnv, or why it cannot be used. */
export function parseGoEnv(stdout: string): GoBuildEnv | { reason: string } {
  let v: Record<string, unknown>
  try {
    v = JSON.parse(stdout) as Record<string, unknown>
  } catch {
    return { reason: 'go env printed no JSON' }
  }
  const str = (k: string): string => (typeof v[k] === 'string' ? (v[k] as string) : '')
  const out = {
    version: str('GOVERSION'),
    goos: str('GOOS'),
    goarch: str('GOARCH'),
    gocache: str('GOCACHE'),
    gocacheprog: str('GOCACHEPROG'),
  }
  if (!/^go\d/.test(out.version) || !out.goos || !out.goarch)
    return { reason: 'go env named no version or platform' }
  if (out.gocache === '' || out.gocache === 'off') return { reason: `GOCACHE is ${out.gocache || 'unset'}` }
  return out
}

/** Go 1.24 brought GOCACHEPROG; go1.24rc1 and later count. */
export function hasCacheProg(version: string): boolean {
  const m = /^go(\d+)\.(\d+)/.exec(version)
  return m !== null && (Number(m[1]) > 1 || Number(m[2]) >= 24)
}
