import { runPost } from './run-post.js'

// Exit explicitly: @actions/cache can leave sockets open that would keep the step alive.
await runPost()
process.exit()
