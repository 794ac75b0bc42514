/**
 * The action with a non-loopback listen address (the docker-build case): a token is generated,
 * masked in the log, and carried in the exported GOPROXY's path, because the go command refuses to
 * send credentials to a plain-http proxy. Without it the proxy answers 401. The listener binds
 * 0.0.0.0; every request in this test still goes to 127.0.0.1.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { MODULES } from '../support/helpers/modules.js'
import { goJob, jobLog, problems } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const fx = e2eFixture()
let service: CacheService

beforeAll(async () => {
  service = await startCacheService()
})

afterAll(async () => {
  await service?.stop()
})

// Asks the proxy (at 127.0.0.1, whatever host it listens on) for a list without the token, and
// with it; prints both statuses.
const probe = `node -e '
const base = process.env.GOPROXY.split("|")[0].replace("0.0.0.0", "127.0.0.1")
const bare = base.replace(/\\/_token\\/[^/]+/, "")
const path = "/example.com/dep/@v/list"
Promise.all([fetch(bare + path), fetch(base + path)]).then(([a, b]) => console.log("STATUS", a.status, b.status))
'`

test('a non-loopback listener needs the token; the exported GOPROXY carries it and go works', async () => {
  const job = await goJob({
    service,
    upstream: fx.upstream.url,
    goSumAll: fx.tree.goSum,
    reqs: [MODULES.app, MODULES.dep],
    inputs: { listen: '0.0.0.0:0' },
    steps: ['go build ./...', probe],
  })
  const log = jobLog(job)
  expect(job.result.success, log).toBe(true)
  expect(problems(job), log).toEqual([])
  const goproxy = job.result.main.env.GOPROXY ?? ''
  const token = /\/_token\/([^/|]+)/.exec(goproxy)?.[1]
  expect(token, goproxy).toBeDefined()
  expect(job.result.main.masks).toContain(decodeURIComponent(token ?? ''))
  expect(job.result.steps[1]?.stdout, log).toContain('STATUS 401 200')
})
