/**
 * Runs one call per key at a time: callers arriving while a call for the same key is in flight
 * share its promise instead of starting another (N concurrent requests -> one upstream fetch).
 */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>()

  /** Runs `fn` for `key`, or joins the call already running for it. `joined` tells which. */
  async run(key: string, fn: () => Promise<T>): Promise<{ value: T; joined: boolean }> {
    const running = this.inflight.get(key)
    if (running) return { value: await running, joined: true }
    const started = fn().finally(() => this.inflight.delete(key))
    this.inflight.set(key, started)
    return { value: await started, joined: false }
  }

  /** How many keys have a call in flight. */
  get size(): number {
    return this.inflight.size
  }
}
