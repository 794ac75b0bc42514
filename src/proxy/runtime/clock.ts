// Times as text without Date's formatting methods. On node24 the first call of one of them
// (toISOString, toUTCString, and so node:http's own Date header) sets up V8's time zone cache
// through ICU: about 1 MB of ICU code and data paged in for the rest of the proxy's life.

const DAY_MS = 86_400_000
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

interface Civil {
  year: number
  month: number
  day: number
  weekday: number
  hour: number
  minute: number
  second: number
  milli: number
}

// Days since the epoch to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
function civil(ms: number): Civil {
  const days = Math.floor(ms / DAY_MS)
  let rest = ms - days * DAY_MS
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  const hour = Math.floor(rest / 3_600_000)
  rest -= hour * 3_600_000
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  // 1970-01-01 was a Thursday.
  const weekday = (((days + 4) % 7) + 7) % 7
  return { year, month, day, weekday, hour, minute, second, milli: rest - second * 1000 }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `ms` since the epoch as Date.prototype.toISOString writes it (for years 0 to 9999). */
export function isoTime(ms: number): string {
  const t = civil(ms)
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}` +
    `T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.milli, 3)}Z`
  )
}

/** `ms` as an HTTP date (IMF-fixdate, RFC 9110 section 5.6.7), as toUTCString writes it. */
export function httpDate(ms: number): string {
  const t = civil(ms)
  return (
    `${WEEKDAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${pad(t.year, 4)} ` +
    `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} GMT`
  )
}
