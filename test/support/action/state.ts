import type { State } from '../../../src/action/state.js'

/** A State as main saves it after a partial hit (the restored key is not the primary key). */
export const partialHitState: State = {
  primaryKey: 'p-abc',
  matchedKey: 'p-old',
  sumFile: '/tmp/x/go.sum',
  store: '/home/u/go/pkg/mod/cache/download',
  entryPath: '../.go-mod-cache-entry',
  saveAllowed: true,
  saveAlways: false,
  cacheFailed: false,
  restored: { files: 3, modules: 1, bytes: 1234 },
  proxy: { pid: 42, url: 'http://127.0.0.1:1', goproxy: 'http://127.0.0.1:1', log: '/l', journal: '/j' },
  startedAt: 1,
  restoreMs: 2,
}
