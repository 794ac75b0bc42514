import * as core from '../../runner/workflow.js'
import { send, readBody } from './transport.js'
import { backoff } from '../../proxy/index.js'

/** Where the v2 cache service is, and the job's token for it. */
export interface Service {
  resultsUrl: string
  token: string
  /** What is left of the time this step may wait out rate limits, shared by its calls. */
  rateLimitBudgetMs?: number
}

/**
 * Why a call failed, as far as anyone acts on it: a key that exists or is being created, a token
 * that may not read or write (expected: info), a rate limit, a failure worth another try (5xx, a
 * malformed answer), or one that ends the call.
 */
export type FailureKind = 'conflict' | 'denied' | 'rate-limited' | 'retryable' | 'final'

/** A failed service call: the message is one line, fit for the log. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    /** A 429's Retry-After header, as sent. */
    readonly retryAfter?: string,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

/** How the service's messages to a read-only (or write-only) token begin (FACTS §7). */
export const DENIED_PREFIXES = ['cache write denied', 'cache read denied']

/** The longest a step waits out rate limits, all its calls together; past it a save gives up. */
export const RATE_LIMIT_BUDGET_MS = 60_000

/** How long one call waits on a failing service: tries on 5xx, their backoff, and rate limits. */
export interface Patience {
  attempts: number
  baseMs: number
  multiplier: number
  /** The longest one Retry-After this call waits out (within the step's budget). */
  rateLimitMs: number
}

/** @actions/cache's Twirp client's schedule: 5 tries, from 3 s growing by half, on 5xx only. */
export const PATIENT: Patience = { attempts: 5, baseMs: 3000, multiplier: 1.5, rateLimitMs: Infinity }

/**
 * A restore's: every later step of the job waits for it, and without its entry the job only goes
 * uncached. The library's schedule held a job for about half a minute per failing entry; a blip
 * of a second or two is still ridden out.
 */
export const HURRIED: Patience = { attempts: 3, baseMs: 1000, multiplier: 2, rateLimitMs: 5000 }

const MAX_WAIT_MS = 30_000
const SERVICE = 'github.actions.results.api.v1.CacheService'
const RETRIED = new Set([500, 502, 503, 504])
// Connection-level failures end a call at once, as in the library: a service that cannot be
// reached will not become reachable within the step.
const NETWORK = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH'])

/** One Twirp JSON call: POST {results}/twirp/<service>/<method>, snake_case in and out. */
export async function twirp<T>(
  service: Service,
  method: string,
  body: object,
  patience: Patience = PATIENT,
): Promise<T> {
  // An absolute path, as the library resolves it: the results URL's own path is not kept.
  const url = new URL(`/twirp/${SERVICE}/${method}`, service.resultsUrl).href
  const { attempts, baseMs, multiplier } = patience
  for (let attempt = 1; ; attempt++) {
    const failure = await once<T>(url, service.token, body)
    if (!(failure instanceof ServiceError)) return failure
    if (failure.kind === 'rate-limited' && attempt < attempts) {
      const budget = (service.rateLimitBudgetMs ??= RATE_LIMIT_BUDGET_MS)
      const wait = rateLimitWait(failure.retryAfter, Math.min(budget, patience.rateLimitMs))
      if (wait !== undefined) {
        service.rateLimitBudgetMs -= wait
        core.info(`${method}: ${failure.message}; retrying in ${wait} ms, as Retry-After asks`)
        await new Promise((resolve) => setTimeout(resolve, wait))
        continue
      }
    }
    if (failure.kind !== 'retryable' || attempt >= attempts) {
      const tries = attempt > 1 ? ` after ${attempt} attempts` : ''
      throw new ServiceError(`${method} failed${tries}: ${failure.message}`, failure.kind)
    }
    const wait = backoff(attempt, undefined, baseMs, MAX_WAIT_MS, Math.random, multiplier)
    core.info(
      `${method}: attempt ${attempt} of ${attempts} failed (${failure.message}); retrying in ${wait} ms`,
    )
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

// One attempt: the parsed body, or the failure (returned, so the loop above decides on retries).
async function once<T>(url: string, token: string, body: object): Promise<T | ServiceError> {
  let status: number
  let text: string
  let retryAfter: string | undefined
  try {
    const res = await send(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    })
    status = res.statusCode ?? 0
    retryAfter = res.headers['retry-after']
    text = (await readBody(res)).toString('utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    const kind = NETWORK.has(code) ? 'final' : 'retryable'
    return new ServiceError(`unable to make request: ${code || (error as Error).message}`, kind)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return new ServiceError(`(${status}) the answer is not JSON`, 'retryable')
  }
  if (status >= 200 && status < 300) return parsed as T
  const msg = (parsed as { msg?: unknown }).msg
  const message = `(${status})${typeof msg === 'string' ? ` ${msg}` : ''}`
  if (status === 409) return new ServiceError(message, 'conflict')
  if (typeof msg === 'string' && denied(msg)) return new ServiceError(msg, 'denied')
  if (status === 429) return new ServiceError(`rate limited ${message}`, 'rate-limited', retryAfter)
  if (typeof msg === 'string' && msg.includes('insufficient usage'))
    return new ServiceError(`cache storage quota has been hit ${message}`, 'final')
  return new ServiceError(message, RETRIED.has(status) ? 'retryable' : 'final')
}

/** True for the service's answer to a token that may not do what was asked (FACTS §7). */
export function denied(message: string): boolean {
  return DENIED_PREFIXES.some((prefix) => message.trimStart().toLowerCase().startsWith(prefix))
}

/**
 * How long to wait before trying a rate-limited call again, as its Retry-After (seconds or an HTTP
 * date) asks; undefined (give up) without one, or when it is longer than the `budgetMs` left.
 * @actions/cache never retries a 429; a save that waits a little is not lost to a burst of jobs.
 */
export function rateLimitWait(
  retryAfter: string | undefined,
  budgetMs: number,
  now = Date.now(),
): number | undefined {
  const value = (retryAfter ?? '').trim()
  if (value === '') return undefined
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now
  if (!Number.isFinite(ms)) return undefined
  const wait = Math.max(0, Math.ceil(ms))
  return wait <= budgetMs ? wait : undefined
}
