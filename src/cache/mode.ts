/** What a job may do with the Actions cache. */
export interface CacheMode {
  read: boolean
  write: boolean
}

/** What ACTIONS_CACHE_MODE allows: `none`, `read`, `write`, `write-only`; unset or unknown allows both. */
export function cacheMode(value: string | undefined): CacheMode {
  const mode = (value ?? '').trim().toLowerCase()
  switch (mode) {
    case 'none':
      return { read: false, write: false }
    case 'read':
      return { read: true, write: false }
    case 'write':
      return { read: true, write: true }
    case 'write-only':
      return { read: false, write: true }
    default:
      return { read: true, write: true }
  }
}
