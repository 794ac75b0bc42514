import { defineConfig } from 'vitest/config'

/** Today's Go (the machine's) and the oldest we support (Debian's golang-1.19-go). */
const GO_NEW = process.env.GO_NEW_BIN ?? '/usr/local/go/bin/go'
const GO_OLD = process.env.GO_OLD_BIN ?? '/usr/lib/go-1.19/bin/go'

/**
 * The suites that drive the real go command: they run once per Go version. test/realworld (the real
 * module proxy, a 37-module cold build) runs with today's Go only: on Go 1.19 too it cost the suite
 * about five minutes; `bench/proxy.ts --scenarios r` covers both versions.
 */
const GO_SUITES = ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts']

// Integration tests drive the real go command and real servers: give them room, and keep
// parallelism at the machine's two cores so timings in logs stay meaningful.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    projects: [
      { extends: true, test: { name: 'go-new', include: ['test/**/*.test.ts'], env: { GO_BIN: GO_NEW } } },
      { extends: true, test: { name: 'go-old', include: GO_SUITES, env: { GO_BIN: GO_OLD } } },
    ],
  },
})
