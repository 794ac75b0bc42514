/**
 * What every end-to-end file starts from, set up once per file: the dist/ bundles built, the
 * synthetic module tree, and a fixture upstream serving it (stopped after the file).
 *
 *   const fx = e2eFixture()           // at the top level of a test file
 *   goJob({ upstream: fx.upstream.url, goSumAll: fx.tree.goSum, ... })
 */
import { afterAll, beforeAll } from 'vitest'
import type { Tree } from '../helpers/gotools.js'
import { syntheticModules } from '../helpers/modules.js'
import { startUpstream, type Upstream } from '../helpers/upstream.js'
import { ensureDist } from './job.js'

export interface E2eFixture {
  tree: Tree
  upstream: Upstream
}

/** Registers the file's beforeAll/afterAll; the fields are there from the first test on. */
export function e2eFixture(): E2eFixture {
  const fx = {} as E2eFixture
  beforeAll(async () => {
    await ensureDist()
    fx.tree = await syntheticModules()
    fx.upstream = await startUpstream({ root: fx.tree.root })
  }, 300_000)
  afterAll(async () => {
    await fx.upstream?.stop()
  })
  return fx
}
