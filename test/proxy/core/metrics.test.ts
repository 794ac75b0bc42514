import { describe, expect, it } from 'vitest'
import { Metrics } from '../../../src/proxy/core/metrics.js'

describe('Metrics', () => {
  it('renders counters and a cumulative latency histogram as Prometheus text', () => {
    const m = new Metrics()
    m.observe(200, 0.003)
    m.observe(200, 0.2)
    m.observe(404, 40)
    m.storeHits = 2
    m.upstreamFetches = 1
    m.upstreamErrors = 3
    m.bytesServed = 1234
    const text = m.render()
    expect(text).toContain('gomodcache_requests_total{status="200"} 2\n')
    expect(text).toContain('gomodcache_requests_total{status="404"} 1\n')
    expect(text).toContain('gomodcache_store_hits_total 2\n')
    expect(text).toContain('gomodcache_upstream_fetches_total 1\n')
    expect(text).toContain('gomodcache_upstream_errors_total 3\n')
    expect(text).toContain('gomodcache_bytes_served_total 1234\n')
    expect(text).toContain('gomodcache_request_seconds_bucket{le="0.005"} 1\n')
    expect(text).toContain('gomodcache_request_seconds_bucket{le="0.25"} 2\n')
    expect(text).toContain('gomodcache_request_seconds_bucket{le="30"} 2\n')
    expect(text).toContain('gomodcache_request_seconds_bucket{le="+Inf"} 3\n')
    expect(text).toContain('gomodcache_request_seconds_count 3\n')
    expect(m.requestsWith(200)).toBe(2)
    // Every sample line is "name{labels} number"; comments are HELP/TYPE.
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{[a-z]+="[^"]+"\})? [0-9.e+-]+)$/)
    }
  })
})
