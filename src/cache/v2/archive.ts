import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'

/** A running tar and zstd pair: its archive end (stdin or stdout), and their exits. */
export interface Tar<S> {
  stream: S
  /** Resolves when both exited 0; rejects with the first failure's last error line otherwise. */
  done: Promise<void>
  kill(): void
}

/**
 * `zstd -d | tar -x` from stdin into `cwd`, the library's format. zstd reads the pipe itself (tar's
 * --use-compress-program relays it in small records); names are never absolute, owners never restored.
 */
export function extractor(cwd: string): Tar<Writable> {
  const zstd = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] })
  const tar = spawn('tar', ['-xf', '-', '-C', cwd, '--no-same-owner'], {
    stdio: [zstd.stdout, 'ignore', 'pipe'],
  })
  // tar has its own copy of the pipe: with ours closed, zstd gets EPIPE if tar dies.
  zstd.stdout.destroy()
  return pair(zstd.stdin, zstd, tar)
}

/**
 * `tar -c | zstd` of `files` (relative to `cwd`, NUL-separated on stdin) named as under `path`, plus
 * `extra` from elsewhere. A file gone meanwhile is left out, not a failed save; level 1, as zips hardly
 * compress (bench/README.md has the figures).
 */
export function archiver(
  cwd: string,
  files: string[],
  path: string,
  extra?: { dir: string; name: string },
): Tar<Readable> {
  const args = ['--posix', '-cf', '-', '-C', cwd, '--no-recursion', '--ignore-failed-read']
  args.push(`--transform=s|^|${path}/|`, '--null', '--verbatim-files-from', '-T', '-')
  // -C is positional: the extra file is read from its own (absolute) directory, after the list.
  if (extra) args.push('-C', extra.dir, extra.name)
  const tar = spawn('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const zstd = spawn('zstd', ['-1', '-T0', '-c', '-q'], { stdio: [tar.stdout, 'pipe', 'pipe'] })
  tar.stdout.destroy()
  tar.stdin.end(files.map((f) => `${f}\0`).join(''))
  return pair(zstd.stdout, tar, zstd)
}

function pair<S>(stream: S, first: ChildProcess, second: ChildProcess): Tar<S> {
  const kill = (): void => {
    first.kill('SIGKILL')
    second.kill('SIGKILL')
  }
  // One failing stops the other: a tar that died must not leave zstd blocked on a full pipe.
  const done = Promise.all([exited(first), exited(second)]).then(() => undefined)
  done.catch(kill)
  return { stream, done, kill }
}

function exited(child: ChildProcess): Promise<void> {
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-2000)
  })
  // A child that died leaves its pipe end closed: writes to it fail, and that failure is this one's.
  child.stdin?.on('error', () => undefined)
  const name = child.spawnfile
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) return resolve()
      const last = errors.trim().split('\n').pop() ?? ''
      reject(new Error(`${name} exited with ${signal ?? code ?? '?'}${last ? `: ${last}` : ''}`))
    })
  })
}
