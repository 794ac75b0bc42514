import { stat } from 'node:fs/promises'

/** Whether anything is at `path` (an unreadable path counts as absent). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Store files handled at once: each is a few syscalls, enough to keep libuv's threads busy. */
export const FILE_CONCURRENCY = 16
