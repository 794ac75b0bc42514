import { rename, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { startProxy, type RunningProxy, streamLogger, type Logger, tempName } from '../proxy/index.js'
import { parseArgs, parseConfigJson, type FlagEnv, type ServeConfig } from './flags.js'

/** `go-mod-cache serve ...`: runs the proxy until SIGTERM/SIGINT; returns the exit code. */
export async function serve(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const fenv: FlagEnv = { env, home: homedir() }
  const parsed = parseArgs(argv, fenv)
  if ('help' in parsed) return print(process.stdout, parsed.help, 0)
  if ('version' in parsed) return print(process.stdout, `go-mod-cache ${parsed.version}\n`, 0)
  if ('error' in parsed) return print(process.stderr, `${parsed.error}\n`, 2)

  let config: ServeConfig = parsed.config
  let backgroundAfter: Promise<void> | undefined
  if (parsed.configStdin) {
    const input = await readConfigLine(process.stdin)
    const fromStdin = parseConfigJson(input.line, fenv)
    if ('error' in fromStdin) return print(process.stderr, `${fromStdin.error}\n`, 2)
    config = fromStdin.config
    backgroundAfter = input.ended
  }
  const log = streamLogger(undefined, parsed.debug)
  let proxy: RunningProxy
  try {
    proxy = await startProxy({ ...config, log, backgroundAfter })
  } catch (err) {
    return print(process.stderr, `go-mod-cache: ${(err as Error).message}\n`, 1)
  }
  const stopped = stopOnSignal(() => proxy.close(), log)
  process.stdout.write(`${proxy.goproxy}\n`)
  if (parsed.readyFile) {
    const ready = { url: proxy.url, goproxy: proxy.goproxy, port: proxy.port, pid: process.pid }
    await writeAtomic(parsed.readyFile, JSON.stringify(ready) + '\n')
  }
  void proxy.prefetched.then((r) => log.info(`prefetch done: ${JSON.stringify(r)}`))
  return stopped
}

// The first signal closes gracefully (close() is bounded by shutdownTimeoutMs); a second one
// means the user is done waiting.
function stopOnSignal(close: () => Promise<void>, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130)
      stopping = true
      log.info(`${signal}: closing`)
      close().then(
        () => resolve(0),
        (err: unknown) => {
          log.error(`close failed: ${String(err)}`)
          resolve(1)
        },
      )
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
  })
}

// Readers poll for the ready file: temp + rename, so they never read half of it.
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = tempName(file)
  try {
    await writeFile(tmp, text, { mode: 0o600 })
    await rename(tmp, file)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

// The configuration is stdin's first line; `ended` settles when stdin ends, which the launcher
// holds off until its restore is done, so the prefetch does not fetch what the restore brings.
function readConfigLine(input: NodeJS.ReadStream): Promise<{ line: string; ended: Promise<void> }> {
  const ended = new Promise<void>((resolve) => {
    input.once('end', resolve)
    input.once('close', resolve)
    input.once('error', () => resolve())
  })
  input.setEncoding('utf8')
  return new Promise((resolve) => {
    let text = ''
    const done = (): void => {
      input.off('data', onData)
      input.off('end', done)
      input.resume() // whatever follows the line is drained, so that 'end' still comes
      const newline = text.indexOf('\n')
      resolve({ line: newline < 0 ? text : text.slice(0, newline), ended })
    }
    const onData = (chunk: string): void => {
      text += chunk
      if (text.includes('\n')) done()
    }
    input.on('data', onData)
    input.once('end', done)
  })
}

function print(stream: NodeJS.WriteStream, text: string, code: number): number {
  stream.write(text)
  return code
}

/**
 * Runs the command and exits with its code: keep-alive sockets and timers would otherwise keep the
 * process up. stdout and stderr drain first, so a piped reader gets every line.
 */
export function runCli(argv: string[], env: Record<string, string | undefined>): void {
  serve(argv, env).then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`go-mod-cache: ${String(err)}\n`)
      exitAfterFlush(1)
    },
  )
}

function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
}
