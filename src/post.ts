import { runPost } from './action/post.js'

// Exit explicitly: @actions/cache can leave sockets open that would keep the step alive.
await runPost(process.env)
process.exit()
