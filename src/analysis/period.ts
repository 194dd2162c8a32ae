/** The length of a trend's periods. */
export type Interval = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

interface Zone {
  format: Intl.DateTimeFormat;
  /** UTC day number → the zone's offset in ms all that day, or NaN when it changes during the day. */
  days: Map<number, number>;
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
    zones.set(timeZone, (z = { format, days: new Map() }));
  }
  return z;
}

/** The zone's UTC offset at instant t (ms): local wall time read as UTC, minus t. */
function offsetAt(z: Zone, t: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of z.format.formatToParts(t)) if (type !== 'literal') p[type] = Number(value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

/**
 * The local day number (days since 1970-01-01 in the zone) of instant t. Offsets
 * are looked up once per UTC day (the formatter is slow); a day during which the
 * offset changes (a DST switch) is computed exactly for each instant.
 */
export function localDay(t: number, timeZone: string): number {
  const z = zone(timeZone);
  const d = Math.floor(t / DAY);
  let off = z.days.get(d);
  if (off === undefined) {
    const a = offsetAt(z, d * DAY);
    off = a === offsetAt(z, d * DAY + DAY - 1) ? a : NaN;
    if (z.days.size > 50_000) z.days.clear();
    z.days.set(d, off);
  }
  return Math.floor((t + (Number.isNaN(off) ? offsetAt(z, t) : off)) / DAY);
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
  if (date instanceof Date) return date.getTime();
  if (typeof date === 'number') return date;
  if (typeof date === 'string') return Date.parse(date);
  return NaN;
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
