import { afterAll } from 'vitest'
import { removeAllTempDirs } from './helpers/tempdir.js'

// Every test file's temporary directories go when it ends, whether or not its tests removed them.
afterAll(removeAllTempDirs)
