/** The length of a trend's periods. */
export type Interval = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

interface Zone {
  format: Intl.DateTimeFormat;
  /** UTC day number → the zone's offset in ms all that day, or NaN when it changes during the day. */
  days: Map<number, number>;
  /** UTC hour number (of the days that hold a change) → the offset all that hour, or NaN when it changes during the hour. */
  hours: Map<number, number>;
}
const zones = new Map<string, Zone>();

function zone(timeZone: unknown): Zone {
  if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError(`timeZone must be an IANA time zone name such as 'Asia/Shanghai'; got ${String(timeZone)}`);
  let z = zones.get(timeZone);
  if (!z) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw new RangeError(`timeZone '${timeZone}' is not a time zone this runtime knows (an IANA name such as 'Asia/Shanghai')`);
    }
    zones.set(timeZone, (z = { format, days: new Map(), hours: new Map() }));
  }
  return z;
}

/** The zone's UTC offset at instant t (ms): local wall time read as UTC, minus t. */
function offsetAt(z: Zone, t: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of z.format.formatToParts(t)) if (type !== 'literal') p[type] = Number(value);
  // Set apart: Date.UTC reads a year below 100 as 19xx.
  const wall = new Date(Date.UTC(2000, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)).setUTCFullYear(p.year!);
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * The offset in force over the `span` ms from `start`, or NaN when it differs at the two ends (a
 * change within), cached in `cache` by `key`. Two changes that cancel out within one span are
 * taken not to happen (the time zone database has none within an hour).
 */
function steadyOffset(z: Zone, cache: Map<number, number>, key: number, start: number, span: number): number {
  let off = cache.get(key);
  if (off === undefined) {
    const a = offsetAt(z, start);
    off = a === offsetAt(z, start + span - 1) ? a : NaN;
    if (cache.size > 50_000) cache.clear();
    cache.set(key, off);
  }
  return off;
}

/**
 * The zone's offset at instant t. The formatter is slow, so offsets are looked
 * up once per UTC day; on a day that holds a change (a DST switch), once per
 * UTC hour; and only in the hour of the change itself (a switch at 07:00Z
 * falls between two hours; one at 15:30Z, as on Lord Howe Island, does not)
 * for each instant.
 */
function offsetOf(z: Zone, t: number): number {
  const d = Math.floor(t / DAY);
  const byDay = steadyOffset(z, z.days, d, d * DAY, DAY);
  if (!Number.isNaN(byDay)) return byDay;
  const h = Math.floor(t / HOUR);
  const byHour = steadyOffset(z, z.hours, h, h * HOUR, HOUR);
  return Number.isNaN(byHour) ? offsetAt(z, t) : byHour;
}

/** The UTC offset (ms) of `timeZone` at instant t: local wall time read as UTC, minus t. */
export const zoneOffset = (t: number, timeZone: string): number => offsetOf(zone(timeZone), t);

/** The local day number (days since 1970-01-01 in the zone) of instant t (see {@link localDays} for many instants). */
export function localDay(t: number, timeZone: string): number {
  return Math.floor((t + offsetOf(zone(timeZone), t)) / DAY);
}

/**
 * {@link localDay} for many instants in one zone: the zone is looked up once,
 * at the first instant (a bad name is refused then, as by localDay), and the
 * last UTC day's offset kept at hand (responses come roughly in time order, so
 * most instants fall on the day of the one before).
 */
export function localDays(timeZone: string): (t: number) => number {
  let z: Zone | undefined;
  let lastDay = NaN;
  let lastOffset = 0;
  return (t) => {
    const d = Math.floor(t / DAY);
    if (d !== lastDay) {
      z ??= zone(timeZone);
      const off = steadyOffset(z, z.days, d, d * DAY, DAY);
      if (Number.isNaN(off)) return Math.floor((t + offsetOf(z, t)) / DAY);
      lastDay = d;
      lastOffset = off;
    }
    return Math.floor((t + lastOffset) / DAY);
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Day number → 'YYYY-MM-DD'. */
export const dayKey = (day: number): string => {
  const d = new Date(day * DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** The first day (day number) of the period holding local day `day`: ISO weeks start on Monday (1970-01-01 was a Thursday). */
export function periodStart(day: number, interval: Interval): number {
  if (interval === 'day') return day;
  if (interval === 'week') return day - ((((day + 3) % 7) + 7) % 7);
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriod(start: number, interval: Interval): number {
  if (interval === 'day') return start + 1;
  if (interval === 'week') return start + 7;
  const d = new Date(start * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY;
}

export function checkInterval(interval: unknown, fn: string): Interval {
  if (!INTERVALS.includes(interval as Interval)) throw new RangeError(`${fn}: interval must be 'day', 'week' or 'month'; got ${String(interval)}`);
  return interval as Interval;
}

/** Parses a period key and checks that it starts a period of `interval`; returns its day number. */
export function parsePeriodKey(key: unknown, interval: Interval, where: string): number {
  const m = typeof key === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null;
  const day = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY : NaN;
  if (!m || dayKey(day) !== key) throw new TypeError(`${where} must be a date 'YYYY-MM-DD'; got ${String(key)}`);
  if (periodStart(day, interval) !== day) {
    throw new RangeError(`${where} '${key}' does not start a ${interval} (weeks start on Monday, months on the 1st): compute it with date_trunc('${interval}', created_at AT TIME ZONE tz)::date`);
  }
  return day;
}

/** An instant from a Date, an ISO string or epoch milliseconds; NaN when unreadable. */
export function instant(date: unknown): number {
  if (typeof date === 'string') return parseInstant(date);
  if (date instanceof Date) return date.getTime();
  if (typeof date === 'number') return date;
  return NaN;
}

/**
 * `Date.parse`, with the form every stored response has ('2026-11-29T16:00:00.000Z' as
 * `toISOString` writes it, or without the milliseconds) read by hand: twice as fast, and
 * 100,000 createdAt are read per trend. Anything else (an offset, a year before 100, a field out
 * of range such as 24:00 or 30 February, which `Date.parse` may read its own way) goes to `Date.parse`.
 */
export function parseInstant(s: string): number {
  const len = s.length;
  if (
    (len !== 24 && len !== 20) || s.charCodeAt(len - 1) !== 90 /* Z */ || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58 || (len === 24 && s.charCodeAt(19) !== 46) /* . */
  ) return Date.parse(s);
  let bad = false;
  const digit = (i: number) => {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) bad = true;
    return c;
  };
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const mo = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  const h = digit(11) * 10 + digit(12);
  const mi = digit(14) * 10 + digit(15);
  const sec = digit(17) * 10 + digit(18);
  const ms = len === 24 ? digit(20) * 100 + digit(21) * 10 + digit(22) : 0;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (bad || y < 100 || mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || sec > 59) return Date.parse(s);
  // Days since 1970-01-01 of a proleptic Gregorian date: H. Hinnant, "chrono-Compatible Low-Level
  // Date Algorithms", days_from_civil (a year starting in March, 400-year eras of 146,097 days).
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146_097 + doe - 719_468) * DAY + h * HOUR + mi * 60_000 + sec * 1000 + ms;
}

/**
 * The key of the period holding an instant: the period's first local date
 * 'YYYY-MM-DD' in `timeZone` — the day itself, the Monday of its ISO 8601
 * week, or the 1st of its month. PostgreSQL computes the same key with
 * `date_trunc('week', created_at AT TIME ZONE 'Asia/Shanghai')::date`.
 *
 * @example
 * periodKey('2026-11-29T16:30:00Z', 'week') // '2026-11-30': 00:30 on Monday in Shanghai, still Sunday in UTC
 */
export function periodKey(date: Date | string | number, interval: Interval, timeZone = 'Asia/Shanghai'): string {
  checkInterval(interval, 'periodKey');
  const t = instant(date);
  if (!Number.isFinite(t)) throw new TypeError(`periodKey: date must be a Date, an ISO 8601 string or epoch milliseconds; got ${String(date)}`);
  return dayKey(periodStart(localDay(t, timeZone), interval));
}
