/** One line per event, with credentials taken out of anything that looks like a URL. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

const userinfo = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi
const bearer = /(authorization:\s*)(basic|bearer)\s+\S+/gi

/** Removes URL userinfo and Authorization values, so a log line never carries a secret. */
export function redact(text: string): string {
  return text.replace(userinfo, '$1***@').replace(bearer, '$1$2 ***')
}

/** The longest message a log line carries; a request path or an upstream answer can be any length. */
export const MAX_LOG_MESSAGE = 1000

/** `text` cut to `max` characters, with an ellipsis and the original length when it was longer. */
export function clip(text: string, max = MAX_LOG_MESSAGE): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} chars)`
}

/** A logger writing `time level message` lines to a stream (stderr by default), each bounded. */
export function streamLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  debug = false,
): Logger {
  // Redacted before it is cut, so a cut never leaves half a secret behind.
  const emit = (level: string) => (message: string) =>
    write(`${new Date().toISOString()} ${level} ${clip(redact(message).replace(/\n/g, '\\n'))}\n`)
  return {
    debug: debug ? emit('debug') : () => {},
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  }
}

/** A logger that drops everything; for tests and library callers that do not care. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
