// A circuit breaker per GOPROXY entry: an entry that just hung or refused is skipped for a
// cool-down, so every file does not pay the timeout again; one probe then tries it.

/** closed: asked; open: skipped until the cool-down ends; half-open: one probe is asked. */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** What /metrics and /healthz show of one entry's circuit. */
export interface CircuitView {
  /** The entry's redacted base URL. */
  upstream: string
  state: CircuitState
  /** Times the circuit opened since start. */
  trips: number
  /** Why it last opened. */
  reason?: string
  /** While open: milliseconds until the next probe may go. */
  retryInMs?: number
}

/**
 * Errors that say an entry is down, not that one answer broke: refused, unreachable, no headers.
 * A body that goes silent after its headers is retried, but proved the entry alive.
 */
const DOWN = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT/

/** True when a failure (as describe() words it) means the entry hung or refused. */
export function isDown(message: string): boolean {
  return DOWN.test(message)
}

/** One entry's circuit; `coolDownMs <= 0` turns it off (always closed). */
export class Breaker {
  private state: CircuitState = 'closed'
  private openedAt = 0
  private lastAlive = -Infinity
  private probing = false
  private trips = 0
  private reason: string | undefined

  constructor(
    readonly base: string,
    private readonly coolDownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether a request may go now: always when closed, the one probe when the cool-down is over,
   * else a line saying why it is skipped.
   */
  admit(): { probe: boolean } | { skipped: string } {
    if (this.state === 'closed') return { probe: false }
    if (this.state === 'open' && this.now() - this.openedAt >= this.coolDownMs) this.state = 'half-open'
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true
      return { probe: true }
    }
    const ago = Math.round((this.now() - this.openedAt) / 1000)
    return { skipped: `${this.base} skipped: ${this.reason ?? 'it failed'} ${ago}s ago (circuit open)` }
  }

  /** The entry answered (headers arrived): closes the circuit; true when it was not closed. */
  alive(): boolean {
    this.lastAlive = this.now()
    const wasOpen = this.state !== 'closed'
    this.state = 'closed'
    this.probing = false
    this.reason = undefined
    return wasOpen
  }

  /**
   * A request started at `since` found the entry down. It opens the circuit unless the entry
   * answered another request meanwhile (one slow path is not a dead upstream). True when it opened.
   */
  down(since: number, reason: string): boolean {
    if (this.coolDownMs <= 0) return false
    if (this.state === 'closed' && this.lastAlive >= since) return false
    const opened = this.state === 'closed'
    this.open(reason)
    return opened
  }

  /** A probe that ended without an answer either way (aborted, reset) counts as a failed one. */
  settle(probe: boolean): void {
    if (probe && this.state === 'half-open') this.open(this.reason ?? 'the probe failed')
  }

  /** True while requests are skipped. */
  get isOpen(): boolean {
    return this.state !== 'closed'
  }

  /** The circuit as /metrics and /healthz show it. */
  view(): CircuitView {
    const view: CircuitView = { upstream: this.base, state: this.state, trips: this.trips }
    if (this.reason !== undefined) view.reason = this.reason
    if (this.state === 'open') view.retryInMs = Math.max(0, this.openedAt + this.coolDownMs - this.now())
    return view
  }

  private open(reason: string): void {
    if (this.state === 'closed') this.trips++
    this.state = 'open'
    this.openedAt = this.now()
    this.probing = false
    this.reason = reason
  }
}
