import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readInputDefaults } from './action-yml.js'
import { parseKeyValueFile } from './file-commands.js'
import { node24Path } from './node24.js'
import { isAlive } from './procfs.js'
import { runJob, runStep } from './runner.js'

const core = import.meta.resolve('@actions/core')
let dir: string
let mainBundle: string
let postBundle: string
let spawnBundle: string

// Tiny "bundles" that use the real @actions/core, so the file formats are the ones it writes.
const mainSource = `
import * as core from '${core}'
core.setOutput('multi', 'line one\\nline two')
core.setOutput('plain', core.getInput('my-input') + '|' + core.getInput('with space'))
core.exportVariable('FROM_MAIN', 'a=b<<c\\nsecond')
core.saveState('saved', JSON.stringify({ port: 1234, cwd: process.cwd() }))
core.addPath('/opt/first')
core.addPath('/opt/second')
await core.summary.addRaw('# main summary').write()
core.warning('a warning line')
`
const postSource = `
import * as core from '${core}'
core.setOutput('state', core.getState('saved'))
core.setOutput('exported', process.env.FROM_MAIN ?? 'missing')
core.setOutput('from-step', process.env.FROM_STEP ?? 'missing')
core.setOutput('path-head', process.env.PATH.split(':').slice(0, 3).join(':'))
core.setOutput('token', process.env.ACTIONS_RUNTIME_TOKEN ?? '')
`
// One child inherits stdout (the runner kills it 'grace' after exit); one is detached with stdio
// to nowhere (it outlives the step and is killed at job end by its RUNNER_TRACKING_ID).
const spawnSource = `
import { spawn } from 'node:child_process'
import * as core from '${core}'
const holder = spawn('sleep', ['60'], { stdio: 'inherit' })
const detached = spawn('sleep', ['61'], { stdio: 'ignore', detached: true })
detached.unref()
core.setOutput('holder', String(holder.pid))
core.setOutput('detached', String(detached.pid))
process.exit(0)
`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runner-emul-'))
  mainBundle = join(dir, 'main.mjs')
  postBundle = join(dir, 'post.mjs')
  spawnBundle = join(dir, 'spawn.mjs')
  await writeFile(mainBundle, mainSource)
  await writeFile(postBundle, postSource)
  await writeFile(spawnBundle, spawnSource)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('file commands', () => {
  test('name=value and heredocs, whichever separator comes first, LF and CRLF', () => {
    const text = 'a=1\nb=x<<y\nc<<EOF\nline1\r\nline2\nEOF\n\nempty<<E\nE\nd<<Z\r\nz=1\r\nZ\r\n'
    expect(Object.fromEntries(parseKeyValueFile(text))).toEqual({
      a: '1',
      b: 'x<<y',
      c: 'line1\r\nline2',
      empty: '',
      d: 'z=1',
    })
  })

  test('malformed files fail as the runner fails them', () => {
    expect(() => parseKeyValueFile('novalue\n')).toThrow(/Invalid format/)
    expect(() => parseKeyValueFile('x<<EOF\nno end\n')).toThrow(/Matching delimiter not found/)
    expect(() => parseKeyValueFile('x<<EOF\nv')).toThrow(/EOF marker missing new line/)
    expect(() => parseKeyValueFile('=v\n')).toThrow(/name must not be empty/)
  })
})

describe('action.yml input defaults', () => {
  test('plain, quoted and block defaults; expressions left empty; later keys not read', async () => {
    const file = join(dir, 'action.yml')
    await writeFile(
      file,
      [
        'name: x',
        'inputs:',
        '  plain:',
        "    description: 'a: b'",
        '    default: auto',
        '  quoted:',
        "    default: 'it''s'",
        '  dq:',
        '    default: "a\\tb"',
        '  block:',
        '    default: |',
        '      **/go.sum',
        '      go.work.sum',
        '  token:',
        '    default: ${{ github.token }}',
        '  none:',
        '    required: false',
        'outputs:',
        '  out:',
        '    default: nope',
        '',
      ].join('\n'),
    )
    expect(await readInputDefaults(file)).toEqual({
      plain: 'auto',
      quoted: "it's",
      dq: 'a\tb',
      block: '**/go.sum\ngo.work.sum\n',
      token: '',
    })
  })
})

describe('runStep / runJob', () => {
  test('a step gets inputs and runner variables and leaves outputs, env, path, state, summary', async () => {
    const workspace = await mkdtemp(join(dir, 'ws-'))
    const actionYml = join(dir, 'step-action.yml')
    await writeFile(
      actionYml,
      "inputs:\n  my-input:\n    default: 'from-default'\n  with space:\n    default: d\n",
    )
    const main = await runStep({
      entry: 'main',
      bundle: mainBundle,
      actionYml,
      inputs: { 'with space': 'spaced' },
      workspace,
      timeoutMs: 30_000,
    })
    expect(main.code).toBe(0)
    expect(main.outputs).toEqual({ multi: 'line one\nline two', plain: 'from-default|spaced' })
    expect(main.env).toEqual({ FROM_MAIN: 'a=b<<c\nsecond' })
    expect(main.path).toEqual(['/opt/first', '/opt/second'])
    expect(JSON.parse(main.state.saved ?? '{}')).toEqual({ port: 1234, cwd: workspace })
    expect(main.summary).toBe('# main summary')
    expect(main.annotations).toEqual([{ level: 'warning', message: 'a warning line' }])
  })

  test('a job: exported env and PATH reach user steps and post; post sees main state', async () => {
    const workspace = await mkdtemp(join(dir, 'ws-'))
    const job = await runJob({
      main: mainBundle,
      post: postBundle,
      workspace,
      cache: { url: 'http://127.0.0.1:9/', token: 'secret-token' },
      steps: [
        'printf "%s" "$FROM_MAIN" > exported.txt; echo "FROM_STEP=step value" >> "$GITHUB_ENV"',
        { run: 'echo "$PATH" > path.txt' },
      ],
      timeoutMs: 30_000,
    })
    expect(job.success).toBe(true)
    expect(await readFile(join(workspace, 'exported.txt'), 'utf8')).toBe('a=b<<c\nsecond')
    expect((await readFile(join(workspace, 'path.txt'), 'utf8')).startsWith('/opt/second:/opt/first:')).toBe(
      true,
    )
    expect(job.post?.outputs).toMatchObject({
      exported: 'a=b<<c\nsecond',
      'from-step': 'step value',
      'path-head': expect.stringMatching(/^\/opt\/second:\/opt\/first:/),
      token: 'secret-token',
    })
    expect(JSON.parse(job.post?.outputs.state ?? '{}')).toEqual({ port: 1234, cwd: workspace })
    expect(job.env).toEqual({ FROM_MAIN: 'a=b<<c\nsecond', FROM_STEP: 'step value' })
  })

  test('a failing user step skips the rest, post still runs', async () => {
    const workspace = await mkdtemp(join(dir, 'ws-'))
    const job = await runJob({
      main: mainBundle,
      post: postBundle,
      workspace,
      steps: ['false', 'touch never'],
      timeoutMs: 30_000,
    })
    expect(job.success).toBe(false)
    expect(job.steps.map((s) => s.code)).toEqual([1])
    expect(job.post?.code).toBe(0)
  })

  test('stdio holders are killed after the grace; detached children die at job end by tracking id', async () => {
    const workspace = await mkdtemp(join(dir, 'ws-'))
    const job = await runJob({ main: spawnBundle, workspace, graceMs: 500, timeoutMs: 30_000 })
    const holder = Number(job.main.outputs.holder)
    const detached = Number(job.main.outputs.detached)
    expect(job.main.killedAfterExit).toEqual([holder])
    expect(job.orphans).toEqual([detached])
    expect(await isAlive(holder)).toBe(false)
    expect(await isAlive(detached)).toBe(false)
  })

  test('the same step under Node 24', async () => {
    const node = await node24Path()
    const workspace = await mkdtemp(join(dir, 'ws-'))
    const main = await runStep({ entry: 'main', bundle: mainBundle, workspace, node, timeoutMs: 30_000 })
    expect(main.code).toBe(0)
    expect(main.outputs.multi).toBe('line one\nline two')
  }, 320_000)
})
