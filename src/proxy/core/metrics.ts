import type { CircuitView } from '../upstream/breaker.js'

/** Upper bounds (seconds) of the latency histogram buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** Counters and a latency histogram for /metrics; plain numbers, no dependency. */
export class Metrics {
  private readonly requests = new Map<string, number>()
  private readonly latency = new Array<number>(BUCKETS.length).fill(0)
  private latencySum = 0
  private latencyCount = 0
  /** Canonical files answered from the store. */
  storeHits = 0
  /** Requests that needed a file the store did not have. */
  storeMisses = 0
  /** Files fetched from upstream into the store. */
  upstreamFetches = 0
  /** Upstream fetches that failed (after retries) or were refused by verification. */
  upstreamErrors = 0
  /** Body bytes sent to clients. */
  bytesServed = 0
  /** Files fetched and served without being stored: the store could not be written. */
  unstored = 0

  private readonly sources: Array<() => CircuitView[]>

  /** `circuits`: each upstream entry's circuit breaker, read when rendered. */
  constructor(circuits: () => CircuitView[] = () => []) {
    this.sources = [circuits]
  }

  /** Adds another client's breakers (the checksum database's route). */
  addCircuits(source: () => CircuitView[]): void {
    this.sources.push(source)
  }

  /** Every upstream entry's circuit breaker, as it is now. */
  circuits(): CircuitView[] {
    return this.sources.flatMap((s) => s())
  }

  /** Counts one answered request with its status and duration. */
  observe(status: number, seconds: number): void {
    const key = String(status)
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1)
    const bucket = BUCKETS.findIndex((le) => seconds <= le)
    if (bucket >= 0) this.latency[bucket] = (this.latency[bucket] ?? 0) + 1
    this.latencySum += seconds
    this.latencyCount++
  }

  /** Requests answered with `status` so far. */
  requestsWith(status: number): number {
    return this.requests.get(String(status)) ?? 0
  }

  /** The Prometheus text exposition (version 0.0.4) of everything counted. */
  render(): string {
    const out: string[] = []
    const counter = (name: string, help: string, value: number): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`)
    }
    out.push('# HELP gomodcache_requests_total Requests answered, by HTTP status.')
    out.push('# TYPE gomodcache_requests_total counter')
    for (const [status, n] of [...this.requests].sort()) {
      out.push(`gomodcache_requests_total{status="${status}"} ${n}`)
    }
    counter('gomodcache_store_hits_total', 'Module files answered from the store.', this.storeHits)
    counter('gomodcache_store_misses_total', 'Module files not in the store.', this.storeMisses)
    counter('gomodcache_upstream_fetches_total', 'Files fetched from upstream.', this.upstreamFetches)
    counter('gomodcache_upstream_errors_total', 'Failed or refused upstream fetches.', this.upstreamErrors)
    counter('gomodcache_bytes_served_total', 'Body bytes sent to clients.', this.bytesServed)
    counter(
      'gomodcache_unstored_total',
      'Files served without storing: the store could not be written.',
      this.unstored,
    )
    this.renderCircuits(out)
    out.push('# HELP gomodcache_request_seconds Request latency.')
    out.push('# TYPE gomodcache_request_seconds histogram')
    let cumulative = 0
    BUCKETS.forEach((le, i) => {
      cumulative += this.latency[i] ?? 0
      out.push(`gomodcache_request_seconds_bucket{le="${le}"} ${cumulative}`)
    })
    out.push(`gomodcache_request_seconds_bucket{le="+Inf"} ${this.latencyCount}`)
    out.push(`gomodcache_request_seconds_sum ${this.latencySum}`)
    out.push(`gomodcache_request_seconds_count ${this.latencyCount}`)
    return out.join('\n') + '\n'
  }

  private renderCircuits(out: string[]): void {
    const circuits = this.circuits()
    if (circuits.length === 0) return
    const label = (c: CircuitView): string => `upstream="${c.upstream.replace(/["\\\n]/g, '_')}"`
    out.push('# HELP gomodcache_upstream_circuit_open Whether an upstream entry is skipped (1) or asked (0).')
    out.push('# TYPE gomodcache_upstream_circuit_open gauge')
    for (const c of circuits)
      out.push(`gomodcache_upstream_circuit_open{${label(c)}} ${c.state === 'closed' ? 0 : 1}`)
    out.push(
      '# HELP gomodcache_upstream_circuit_trips_total Times an upstream entry was found down and skipped.',
    )
    out.push('# TYPE gomodcache_upstream_circuit_trips_total counter')
    for (const c of circuits) out.push(`gomodcache_upstream_circuit_trips_total{${label(c)}} ${c.trips}`)
  }
}
