import { runMain } from './action/main.js'

// Exit explicitly: @actions/cache can leave sockets open that would keep the step alive.
await runMain(process.env).catch((error: unknown) => console.log(`::warning::go-mod-cache: ${String(error)}`))
process.exit()
