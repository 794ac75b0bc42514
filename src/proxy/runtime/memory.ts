// The proxy runs on Node's defaults: no V8 flags (a Node upgrade that drops one would stop the
// proxy from starting) and no forced collections. Its memory is a bench row (bench/README.md).

/** V8 flags for a job-long proxy's command line (the launcher, bench/): none. */
export function jobNodeFlags(_v8: string = process.versions.v8): string[] {
  return []
}

/** Run-time tuning of a serving process: none; kept so callers need not change at once. */
export function tuneServingProcess(): void {}
