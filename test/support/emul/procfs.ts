import { readdir, readFile, readlink } from 'node:fs/promises'

/** Process ids in /proc, except this process. */
async function pids(): Promise<number[]> {
  const names = await readdir('/proc').catch(() => [] as string[])
  return names
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => pid !== process.pid)
}

/** The `pipe:[inode]` or `socket:[inode]` name of a process's file descriptor, or undefined. */
export async function stdioName(pid: number | undefined, fd: number): Promise<string | undefined> {
  if (pid === undefined) return undefined
  const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => undefined)
  return target?.startsWith('pipe:') || target?.startsWith('socket:') ? target : undefined
}

/** Processes (other than this one) holding any of the named pipes or sockets: who inherited a step's stdio. */
export async function pipeHolders(pipes: readonly string[]): Promise<number[]> {
  if (pipes.length === 0) return []
  const holders: number[] = []
  for (const pid of await pids()) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => undefined)
      if (target && pipes.includes(target)) {
        holders.push(pid)
        break
      }
    }
  }
  return holders
}

/** Live processes whose environment carries RUNNER_TRACKING_ID=<id>, as the runner finds them at job end. */
export async function trackedProcesses(trackingId: string): Promise<number[]> {
  const needle = `\0RUNNER_TRACKING_ID=${trackingId}\0`
  const found: number[] = []
  for (const pid of await pids()) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '')
    if (`\0${environ}`.includes(needle) && (await isAlive(pid))) found.push(pid)
  }
  return found
}

/** True while the process exists and is not a zombie. */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  if (stat === undefined) return false
  // The state letter follows the parenthesised command name, which may itself contain ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state !== 'Z' && state !== 'X'
}

/** SIGKILLs each pid (ignoring ones already gone) and waits, bounded, until they are gone. */
export async function killAll(pidsToKill: readonly number[], waitMs = 3000): Promise<void> {
  for (const pid of pidsToKill) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already exited
    }
  }
  const deadline = Date.now() + waitMs
  for (const pid of pidsToKill) {
    while ((await isAlive(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  }
}
