/**
 * The action's jobs (dist/ main and post under the runner emulation, the emulated cache service)
 * on the committed 30+ module project, the job's GOPROXY being the real module proxy behind a
 * counting relay: a cold job saves the entry; the next job, with the module proxy unreachable,
 * restores it and builds with zero upstream requests. When the module proxy does not answer a
 * short probe, one loud line and one failing test say so; nothing else runs.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { archiveNames, DIST, ensureDist, jobLog, problems, type GoJob } from '../support/action/job.js'
import { startCacheService, type CacheService } from '../support/emul/cache-service.js'
import { runJob, type EnvOverrides } from '../support/emul/runner.js'
import { GO_BIN, sharedGoCache, tempDir } from '../support/helpers/gocmd.js'
import {
  loudOffline,
  probeUpstream,
  PROJECT,
  realUpstream,
  startRelay,
  SUMDB_NAME,
  type Relay,
} from './realworld.js'

const STEP_TIMEOUT = 900_000
const LONG = { timeout: 1_500_000 }
const real = realUpstream()
const probe = await probeUpstream(real)
if (!probe.ok) console.error(loudOffline(real, probe))

describe.runIf(!probe.ok)('the real module proxy', () => {
  it('answers a short probe', () => {
    throw new Error(loudOffline(real, probe))
  })
})

describe.runIf(probe.ok)("the action's jobs with the real module proxy as GOPROXY", async () => {
  await ensureDist()
  const relay = await startRelay(real)
  const blobs = tempDir('gmc-realworld-blobs-')
  const service = await startCacheService({ dir: blobs.path })
  let firstKey = ''
  afterAll(async () => {
    await service.stop()
    await relay.stop()
    blobs.remove()
  })

  it('cold job: downloads and builds through its proxy, saves the entry', LONG, async () => {
    const from = relay.requests.length
    const job = await realworldJob({ service, upstream: relay })
    const log = jobLog(job)
    expect(job.result.success, log).toBe(true)
    expect(problems(job), log).toEqual([])
    expect(job.result.main.outputs['cache-hit']).toBe('false')
    firstKey = job.result.main.outputs['cache-primary-key'] ?? ''
    expect(Number(job.result.post?.outputs['modules-fetched'])).toBeGreaterThanOrEqual(30)
    expect(relay.requests.length - from).toBeGreaterThan(30)
    const saved = service.calls.filter((c) => c.method === 'FinalizeCacheEntryUpload' && c.status === 200)
    expect(saved.map((c) => c.key)).toEqual([firstKey])
  })

  it('warm job, the module proxy unreachable: restores, builds, zero upstream requests', LONG, async () => {
    expect(firstKey, 'needs the cold job').not.toBe('')
    relay.down = true
    try {
      const from = relay.requests.length
      const job = await realworldJob({ service, upstream: relay })
      const log = jobLog(job)
      expect(job.result.success, log).toBe(true)
      expect(problems(job), log).toEqual([])
      expect(job.result.main.outputs['cache-hit'], log).toBe('true')
      expect(job.result.main.outputs['cache-matched-key']).toBe(firstKey)
      expect(job.result.post?.outputs['modules-fetched']).toBe('0')
      expect(Number(job.result.post?.outputs['modules-from-cache'])).toBeGreaterThanOrEqual(30)
      expect(relay.requests.slice(from)).toEqual([])
    } finally {
      relay.down = false
    }
  })
})

/** The toolchain this machine's module proxy serves (issue 23), and its module zip for this OS/arch. */
const TOOLCHAIN = 'go1.27.3'
const TOOLCHAIN_ZIP = `golang.org/toolchain/@v/v0.0.1-${TOOLCHAIN}.${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}.zip`
const switches =
  Number(/go1\.(\d+)/.exec(execFileSync(GO_BIN, ['version'], { encoding: 'utf8' }))?.[1] ?? 0) >= 21

describe.runIf(probe.ok && probe.sumdb && switches)("a toolchain switch in the action's jobs", async () => {
  await ensureDist()
  const relay = await startRelay(real)
  const blobs = tempDir('gmc-toolchain-blobs-')
  const service = await startCacheService({ dir: blobs.path })
  let names: string[] = []
  afterAll(async () => {
    await service.stop()
    await relay.stop()
    blobs.remove()
  })
  const job = () =>
    realworldJob({
      service,
      upstream: relay,
      project: smallProject,
      steps: ['go version'],
      env: { GOTOOLCHAIN: TOOLCHAIN },
    })

  let moduleKey = ''
  let toolchainNames: string[] = []
  const toolchainKey = `go-mod-cache-v1-toolchain-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}-${TOOLCHAIN}`

  it(
    'the first job switches through its proxy; post saves the toolchain in its own entry, with its database answers',
    LONG,
    async () => {
      const first = await job()
      const log = jobLog(first)
      expect(first.result.success, log).toBe(true)
      expect(first.result.steps[0]?.stdout, log).toContain(`go version ${TOOLCHAIN} `)
      moduleKey = first.result.main.outputs['cache-primary-key'] ?? ''
      const entries = service.entries().filter((e) => e.finalized)
      expect(
        entries.map((e) => e.key),
        log,
      ).toEqual(expect.arrayContaining([moduleKey, toolchainKey]))
      names = await archiveNames(service, entries.find((e) => e.key === moduleKey)?.id)
      toolchainNames = await archiveNames(service, entries.find((e) => e.key === toolchainKey)?.id)
      expect(
        toolchainNames.filter((n) => n.endsWith(TOOLCHAIN_ZIP)),
        log,
      ).toHaveLength(1)
      const lookup = `sumdb/${SUMDB_NAME}/lookup/golang.org/toolchain@v0.0.1-${TOOLCHAIN}.`
      expect(
        toolchainNames.filter((n) => n.includes(lookup)),
        log,
      ).toHaveLength(1)
      expect(
        toolchainNames.filter((n) => n.includes(`sumdb/${SUMDB_NAME}/tile/`)).length,
        log,
      ).toBeGreaterThan(0)
      expect(log).toContain(`Toolchain saved: ${toolchainKey} (`)
    },
  )

  it(
    'the next job, the upstream unreachable, switches from the entry with zero upstream requests',
    LONG,
    async () => {
      expect(
        toolchainNames.filter((n) => n.endsWith(TOOLCHAIN_ZIP)),
        'needs the first job',
      ).toHaveLength(1)
      relay.down = true
      try {
        const from = relay.requests.length
        const next = await job()
        const log = jobLog(next)
        expect(next.result.success, log).toBe(true)
        expect(next.result.steps[0]?.stdout, log).toContain(`go version ${TOOLCHAIN} `)
        expect(next.result.main.stdout, log).toContain(`Toolchain ${toolchainKey}`)
        expect(log).toContain(`Toolchain restored: ${toolchainKey}`)
        expect(relay.requests.slice(from)).toEqual([])
      } finally {
        relay.down = false
      }
    },
  )

  // Keys and archives are the same on every OS (enableCrossOsArchive): a toolchain zip, which is
  // per OS/arch, must not land in the entry every other OS restores.
  it("the module entry holds no OS/arch-specific toolchain zip (other OSes' jobs restore it)", () => {
    expect(names, 'needs the first job').not.toEqual([])
    expect(names.filter((n) => n.includes('golang.org/toolchain'))).toEqual([])
  })
})

/** A one-dependency project (github.com/pkg/errors, go.sum from the committed project). */
function smallProject(workspace: string): void {
  mkdirSync(workspace, { recursive: true })
  writeFileSync(
    join(workspace, 'go.mod'),
    'module example.com/small\n\ngo 1.19\n\nrequire github.com/pkg/errors v0.9.1\n',
  )
  const sums = readFileSync(join(PROJECT, 'go.sum'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('github.com/pkg/errors v0.9.1'))
  writeFileSync(join(workspace, 'go.sum'), sums.join('\n') + '\n')
  writeFileSync(
    join(workspace, 'main.go'),
    'package main\n\nimport _ "github.com/pkg/errors"\n\nfunc main() {}\n',
  )
}

/** A job's setting: its cache service, upstream relay, and what differs from the project's build. */
interface JobSetting {
  service: CacheService
  upstream: Relay
  /** Writes the workspace; default: a copy of the test project. */
  project?: (workspace: string) => void
  steps?: string[]
  env?: EnvOverrides
}

/**
 * One job: main, the steps (default `go mod download` and `go build`), post; GOPROXY = the relay,
 * GOSUMDB on through it. -trimpath: each job has its own GOMODCACHE, and the shared build cache
 * is keyed without it.
 */
async function realworldJob(s: JobSetting): Promise<GoJob> {
  const { service, upstream } = s
  const dir = tempDir('gmc-realworld-job-')
  const workspace = join(dir.path, 'ws')
  const gopath = join(dir.path, 'gopath')
  const gomodcache = join(gopath, 'pkg', 'mod')
  if (s.project) s.project(workspace)
  else cpSync(PROJECT, workspace, { recursive: true })
  mkdirSync(join(dir.path, 'home'), { recursive: true })
  // As the go command would find it: the database through the module proxy (the relay).
  const gosumdb = probe.sumdb ? `${SUMDB_NAME} ${upstream.url}/sumdb/${SUMDB_NAME}` : 'off'
  const env: EnvOverrides = {
    PATH: `${dirname(GO_BIN)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: join(dir.path, 'home'),
    GOPATH: gopath,
    GOMODCACHE: gomodcache,
    GOCACHE: sharedGoCache(),
    GOENV: 'off',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOPROXY: upstream.url,
    GOSUMDB: gosumdb,
    CGO_ENABLED: '0',
    ...s.env,
  }
  try {
    const result = await runJob({
      workspace,
      main: DIST.main,
      post: DIST.post,
      actionYml: DIST.actionYml,
      // Modules and toolchains against the real proxy; the build cache has its own e2e.
      inputs: { 'build-cache': 'false' },
      env,
      steps: s.steps ?? ['go mod download', 'go build -trimpath ./...'],
      cache: { url: service.url, token: service.token },
      timeoutMs: STEP_TIMEOUT,
    })
    return { result, dir, workspace, gomodcache }
  } finally {
    dir.remove()
  }
}
