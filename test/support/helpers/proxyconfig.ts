/**
 * The ProxyConfig tests start a proxy with: the product's DEFAULTS (loopback, port 0), quiet, with
 * neither prefetch nor a checksum database unless asked, and a short shutdown bound.
 */
import { DEFAULTS, type ProxyConfig } from '../../../src/proxy/config.js'
import { silentLogger } from '../../../src/proxy/log.js'

export function testProxyConfig(
  over: Partial<ProxyConfig> & Pick<ProxyConfig, 'store' | 'upstream'>,
): ProxyConfig {
  return {
    ...DEFAULTS,
    goSum: [],
    prefetch: false,
    sumdb: null,
    shutdownTimeoutMs: 2_000,
    concurrency: { upstream: 8, prefetch: 4 },
    log: silentLogger,
    ...over,
  }
}
