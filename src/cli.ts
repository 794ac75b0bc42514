import { runCli } from './serve/run.js'

runCli(process.argv.slice(2), process.env)
