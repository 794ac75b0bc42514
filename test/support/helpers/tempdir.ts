/**
 * Temporary directories for tests: `tempDir()` makes one and `remove()` deletes it, even when the
 * go command left read-only module cache trees in it. Anything not removed explicitly is removed
 * after the test file (or when the process exits), so a failing test does not leave litter behind.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A temporary directory and the way to delete it. */
export interface TempDir {
  path: string
  remove(): void
}

const live = new Set<string>()
process.once('exit', removeAllTempDirs)

/**
 * Removes every directory tempDir made that is still there. At process exit, and after each test
 * file (test/setup.ts): vitest ends its worker processes without an exit event.
 */
export function removeAllTempDirs(): void {
  for (const dir of live) removeTree(dir)
  live.clear()
}

/** Creates a fresh directory under the OS temp dir, removed at `remove()` or at process exit. */
export function tempDir(prefix = 'gmc-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix))
  live.add(path)
  return {
    path,
    remove() {
      live.delete(path)
      removeTree(path)
    },
  }
}

/** Deletes a tree, first making read-only directories writable (the go module cache has them). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true })
  } catch {
    makeWritable(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

function makeWritable(dir: string): void {
  try {
    chmodSync(dir, 0o755)
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) makeWritable(p)
    }
  } catch {
    // A vanished or foreign entry: rmSync reports what really blocks the removal.
  }
}
