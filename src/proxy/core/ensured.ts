/** What ModuleFiles answers: a file in the store, a miss, or a failure (never for a miss). */
export type Ensured =
  | { kind: 'found'; path: string; size: number; source: 'store' | 'upstream' }
  | { kind: 'notfound'; status: 404 | 410; message: string }
  | { kind: 'error'; status: 502 | 503; message: string }
