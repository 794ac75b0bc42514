import { defineConfig } from 'vitest/config'

// Integration tests drive the real go command and real servers: give them room, and keep
// parallelism at the machine's two cores so timings in logs stay meaningful.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
  },
})
