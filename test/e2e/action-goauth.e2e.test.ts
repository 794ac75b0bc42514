/**
 * The action with an upstream that wants credentials (https on 127.0.0.1, 401 without them): the
 * job's GOAUTH names a command that prints them, the proxy finds them as the go command would,
 * and the job's whole record (logs with debug on, the proxy's log, state, outputs, summary,
 * exported variables) never holds the secret.
 */
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { startAuthUpstream, type AuthUpstream } from '../support/helpers/authupstream.js'
import { MODULES } from '../support/helpers/modules.js'
import { tempDir, type TempDir } from '../support/helpers/tempdir.js'
import { goJob, jobLog, problems } from '../support/action/job.js'
import { e2eFixture } from '../support/action/fixture.js'

const fx = e2eFixture()
const SECRET = 'e2e-goauth-5ecret'

describe('GOAUTH in the action', () => {
  let service: CacheService
  let front: AuthUpstream
  let dir: TempDir
  let command: string

  beforeAll(async () => {
    dir = tempDir('gmc-e2e-goauth-')
    service = await startCacheService({ dir: join(dir.path, 'blobs') })
    front = await startAuthUpstream({ target: fx.upstream.url, header: 'x-api-key', value: SECRET })
    command = join(dir.path, 'auth-command')
    writeFileSync(command, `#!/bin/sh\nprintf '%s\\n\\nX-Api-Key: %s\\n\\n' '${front.url}' '${SECRET}'\n`)
    chmodSync(command, 0o755)
  }, 60_000)
  afterAll(async () => {
    await service?.stop()
    await front?.stop()
    dir?.remove()
  })

  it('fetches through the credentialed upstream, and no record of the job holds the secret', async () => {
    const job = await goJob({
      service,
      upstream: front.url,
      goSumAll: fx.tree.goSum,
      reqs: [MODULES.app, MODULES.dep],
      env: { GOAUTH: command, NODE_EXTRA_CA_CERTS: front.certFile, RUNNER_DEBUG: '1' },
    })
    const log = jobLog(job)
    expect(job.result.success, log).toBe(true)
    expect(problems(job), log).toEqual([])
    expect(front.seen.filter((s) => s.ok).length, log).toBeGreaterThan(0)
    expect(
      front.seen.filter((s) => !s.ok),
      log,
    ).toEqual([])
    expect(job.result.post?.stdout, log).toContain('Go module proxy log')
    const { main, post, env } = job.result
    const record = JSON.stringify({ log, main, post, env })
    expect(record).not.toContain(SECRET)
  })
})
