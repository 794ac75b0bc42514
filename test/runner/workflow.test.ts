import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readContext } from '../../src/action/context.js'
import * as workflow from '../../src/runner/workflow.js'
import { parseKeyValueFile, parseWorkflowCommands } from '../support/emul/file-commands.js'

// The runner's side of each command is test/support/emul's parsers, which follow actions/runner.
describe('workflow commands', () => {
  let dir: string
  let stdout: string
  const saved = { ...process.env }
  // The flows connect the channel their context read from the environment; so do these tests.
  const connect = () => workflow.connect(readContext(process.env).runner.channel)

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-'))
    for (const kind of ['OUTPUT', 'ENV', 'STATE']) {
      process.env[`GITHUB_${kind}`] = join(dir, kind)
      writeFileSync(join(dir, kind), '')
    }
    connect()
    stdout = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk)
      return true
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
    process.env = { ...saved }
    process.exitCode = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  const file = (kind: string) => parseKeyValueFile(readFileSync(join(dir, kind), 'utf8'))

  it('outputs, state and variables reach their files whole, newlines and = included', () => {
    workflow.setOutput('cache-hit', 'true')
    workflow.setOutput('odd', 'a=b\nc<<d\n')
    workflow.saveState('go-mod-cache', '{"k":"v"}')
    workflow.exportVariable('GOPROXY', 'http://127.0.0.1:1|https://proxy.golang.org')
    expect(Object.fromEntries(file('OUTPUT'))).toEqual({ 'cache-hit': 'true', odd: 'a=b\nc<<d\n' })
    expect(file('STATE').get('go-mod-cache')).toBe('{"k":"v"}')
    expect(file('ENV').get('GOPROXY')).toBe('http://127.0.0.1:1|https://proxy.golang.org')
    expect(process.env.GOPROXY).not.toBe('http://127.0.0.1:1|https://proxy.golang.org')
    expect(stdout).toBe('')
  })

  it('a message with newlines and % stays one annotation and cannot start another command', () => {
    workflow.warning('first 100%\n::error::forged')
    workflow.setSecret('s3cret')
    workflow.setFailed('broken')
    const { annotations, masks } = parseWorkflowCommands(stdout)
    expect(annotations).toEqual([
      { level: 'warning', message: 'first 100%\n::error::forged' },
      { level: 'error', message: 'broken' },
    ])
    expect(masks).toEqual(['s3cret'])
    expect(process.exitCode).toBe(1)
  })

  it('groups fold what runs inside them, also when it throws', async () => {
    await expect(
      workflow.group('Restore', async () => {
        workflow.info('inside')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(stdout.split(/\r?\n/)).toEqual(['::group::Restore', 'inside', '::endgroup::', ''])
  })

  it('reads state back as the runner passes it to post, and says which file is missing', () => {
    process.env.STATE_x = 'value'
    connect()
    expect(workflow.getState('x')).toBe('value')
    expect(workflow.getState('y')).toBe('')
    rmSync(join(dir, 'OUTPUT'))
    expect(() => workflow.setOutput('a', 'b')).toThrow('GITHUB_OUTPUT')
  })

  it('appends to the job summary when the runner gives one', () => {
    delete process.env.GITHUB_STEP_SUMMARY
    connect()
    expect(workflow.appendSummary('x')).toBe(false)
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'SUMMARY')
    connect()
    expect(workflow.appendSummary('<h3>a</h3>\n')).toBe(true)
    expect(workflow.appendSummary('b\n')).toBe(true)
    expect(readFileSync(join(dir, 'SUMMARY'), 'utf8')).toBe('<h3>a</h3>\nb\n')
  })

  it('a held task logs nothing into the running group; its lines, groups and annotations follow on release', async () => {
    let go!: () => void
    const gate = new Promise<void>((resolve) => (go = resolve))
    const beside = workflow.holdLog(async () => {
      workflow.info('beside: first')
      await gate
      await workflow.group('Beside', async () => workflow.warning('beside: failed'))
      return 7
    })
    await workflow.group('Modules', async () => {
      workflow.info('modules: one')
      go()
      await new Promise((resolve) => setTimeout(resolve, 10))
      workflow.info('modules: two')
    })
    expect(await beside.done).toBe(7)
    expect(stdout).toBe('::group::Modules\nmodules: one\nmodules: two\n::endgroup::\n')
    beside.release()
    workflow.info('after')
    expect(stdout.split('\n').slice(4)).toEqual([
      'beside: first',
      '::group::Beside',
      '::warning::beside: failed',
      '::endgroup::',
      'after',
      '',
    ])
  })

  it('a released task that still runs logs straight through', async () => {
    const task = workflow.holdLog(async () => {
      workflow.info('held')
      await new Promise((resolve) => setTimeout(resolve, 10))
      workflow.info('late')
    })
    task.release()
    expect(stdout).toBe('held\n')
    await task.done
    expect(stdout).toBe('held\nlate\n')
  })
})
