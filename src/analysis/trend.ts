import { latestResponses } from './latest.js';
import { adjustedNps, checkCount, csatInterval, npsInterval, zFor, type NpsCounts } from './intervals.js';
import {
  checkGroups, checkMinN, checkName, checkResponses, groupField, isGrouped, sortGroups, tallyBy,
  type AnalysisResponse, type Group, type GroupedStats,
} from './input.js';
import { twoSidedP } from './normal.js';
import { checkInterval, dayKey, instant, localDays, nextPeriod, parsePeriodKey, periodStart, type Interval } from './period.js';

/** One period of an NPS question. */
export interface NpsPeriodStats extends NpsCounts {
  /** `date_trunc('<interval>', created_at AT TIME ZONE tz)::date` as 'YYYY-MM-DD' (see {@link periodKey}) */
  period: string;
}

/** One period of a Likert question `q`. */
export interface LikertPeriodStats {
  /** `date_trunc('<interval>', created_at AT TIME ZONE tz)::date` as 'YYYY-MM-DD' (see {@link periodKey}) */
  period: string;
  /** `count(*) FILTER (WHERE scores->'q'->>'type' = 'likert')` */
  n: number;
  /** `count(*) FILTER (WHERE (scores->'q'->>'satisfied')::boolean)` */
  satisfied: number;
}

/**
 * What {@link trend} needs: the rows of `GROUP BY period`, in any order, for one question.
 * Periods without answers may be left out: the trend fills them with n = 0.
 */
export type TrendStats = { type: 'nps'; periods: readonly NpsPeriodStats[] } | { type: 'likert'; periods: readonly LikertPeriodStats[] };

export interface TrendPoint {
  /** The period's first local date. */
  period: string;
  n: number;
  /** NPS (−100..100) or CSAT (0..100); null when n = 0. */
  score: number | null;
  low: number | null;
  high: number | null;
  /** n < minN, or no answers: never called significant. */
  insufficient: boolean;
  /** score − the previous period's score; null when either has no answers. */
  change: number | null;
  z: number | null;
  /** Two-sided p-value of the change. */
  p: number | null;
  /** p < 1 − level and both periods have at least minN answers. */
  significant: boolean;
  /** NPS only. */
  promoters?: number;
  passives?: number;
  detractors?: number;
  /** Likert only. */
  satisfied?: number;
}

export interface TrendResult {
  question: string;
  type: 'nps' | 'likert';
  interval: Interval;
  timeZone: string;
  level: number;
  minN: number;
  periods: TrendPoint[];
}

export interface TrendOptions {
  /** The question ('nps'): an NPS or a Likert question. */
  question?: string;
  interval: Interval;
  /** The shop's IANA time zone ('Asia/Shanghai'). With stats, only echoed: the database has already cut the periods. */
  timeZone?: string;
  /** Below this many answers a period is `insufficient` (30). */
  minN?: number;
  level?: number;
  groupBy?: string;
}

type Input = readonly AnalysisResponse[] | TrendStats | GroupedStats<TrendStats>;

interface Counts {
  promoters: number;
  passives: number;
  detractors: number;
  n: number;
  satisfied: number;
}

/** The counts per period of one set of responses, as they are summed. */
interface Tally {
  type: 'nps' | 'likert' | undefined;
  rows: Map<number, Counts>;
  /** The last response's local day and its period's row: responses come in time order more often than not. */
  lastLocal: number;
  row: Counts | undefined;
}
const tally = (): Tally => ({ type: undefined, rows: new Map(), lastLocal: NaN, row: undefined });

/** Adds one response (the `i`th of its set, for the error message) to a tally. */
function add(t: Tally, r: AnalysisResponse, i: number, question: string, interval: Interval, dayOf: (t: number) => number): void {
  const s = r.scores[question];
  if (!s || (s.type !== 'nps' && s.type !== 'likert')) return;
  t.type ??= s.type;
  if (s.type !== t.type) return; // a question whose type changed keeps its first, as in summarize()
  const at = instant(r.createdAt);
  if (!Number.isFinite(at)) throw new TypeError(`trendStats: response ${r.id ?? i} has no readable createdAt (${String(r.createdAt)})`);
  const local = dayOf(at);
  let row = t.row;
  if (local !== t.lastLocal || row === undefined) {
    const key = periodStart(local, interval);
    row = t.rows.get(key);
    if (!row) t.rows.set(key, (row = { promoters: 0, passives: 0, detractors: 0, n: 0, satisfied: 0 }));
    t.lastLocal = local;
    t.row = row;
  }
  row.n++;
  if (s.type === 'nps') {
    if (s.category === 'promoter') row.promoters++;
    else if (s.category === 'passive') row.passives++;
    else row.detractors++;
  } else if (s.satisfied) row.satisfied++;
}

/** A tally as {@link TrendStats}, periods in order. */
function statsOf({ type, rows }: Tally): TrendStats {
  const days = [...rows.keys()].sort((a, b) => a - b);
  if (type === 'likert') return { type, periods: days.map((d) => ({ period: dayKey(d), n: rows.get(d)!.n, satisfied: rows.get(d)!.satisfied })) };
  return {
    type: 'nps',
    periods: days.map((d) => {
      const { promoters, passives, detractors } = rows.get(d)!;
      return { period: dayKey(d), promoters, passives, detractors };
    }),
  };
}

/**
 * The per-period counts {@link trend} decides on, from responses (counted once
 * each, see {@link latestResponses}; every one needs a `createdAt`), cut into
 * periods with {@link periodKey}. The type is the question's first answer's
 * ('nps' with no periods when nobody answered it). With `groupBy`, one entry
 * per value of that context field.
 */
export function trendStats(responses: readonly AnalysisResponse[], options: Omit<TrendOptions, 'groupBy' | 'minN' | 'level'>): TrendStats;
export function trendStats(responses: readonly AnalysisResponse[], options: Omit<TrendOptions, 'minN' | 'level'> & { groupBy: string }): GroupedStats<TrendStats>;
export function trendStats(responses: readonly AnalysisResponse[], options: Omit<TrendOptions, 'minN' | 'level'>): TrendStats | GroupedStats<TrendStats>;
export function trendStats(responses: readonly AnalysisResponse[], options: Omit<TrendOptions, 'minN' | 'level'>): TrendStats | GroupedStats<TrendStats> {
  if (!Array.isArray(responses)) throw new TypeError('trendStats: responses must be an array');
  if (typeof options !== 'object' || options === null) throw new TypeError("trendStats: options must be an object with an interval ('day', 'week' or 'month')");
  const { question = 'nps', timeZone = 'Asia/Shanghai' } = options;
  checkName(question, 'trendStats: question');
  const interval = checkInterval(options.interval, 'trendStats');
  const field = groupField(options.groupBy, 'trendStats');
  const all = latestResponses(checkResponses(responses, 'trendStats'));
  const dayOf = localDays(timeZone);
  if (field === undefined) {
    const t = tally();
    for (let i = 0; i < all.length; i++) add(t, all[i]!, i, question, interval, dayOf);
    return statsOf(t);
  }
  const groups = tallyBy(all, field, tally, (t, r, i) => add(t, r, i, question, interval, dayOf));
  return { groups: [...groups].map(([key, t]) => ({ key, stats: statsOf(t) })) };
}

interface Row {
  n: number;
  /** The counts, spread into the period's entry. */
  counts: NpsCounts | { n: number; satisfied: number };
}

/** Checks one group's stats and indexes its rows by day number. */
function rowsOf(stats: TrendStats, interval: Interval): Map<number, Row> {
  if (typeof stats !== 'object' || stats === null || (stats.type !== 'nps' && stats.type !== 'likert') || !Array.isArray(stats.periods)) {
    throw new TypeError("trend: stats must be { type: 'nps' | 'likert', periods: [...] }");
  }
  const rows = new Map<number, Row>();
  stats.periods.forEach((p, i) => {
    const where = `trend: periods[${i}]`;
    if (typeof p !== 'object' || p === null) throw new TypeError(`${where} must be an object`);
    const day = parsePeriodKey(p.period, interval, `${where}.period`);
    if (rows.has(day)) throw new RangeError(`${where}.period '${p.period}' appears twice`);
    let row: Row;
    if (stats.type === 'nps') {
      const c = p as NpsPeriodStats;
      const counts = {
        promoters: checkCount(c.promoters, `${where}.promoters`),
        passives: checkCount(c.passives, `${where}.passives`),
        detractors: checkCount(c.detractors, `${where}.detractors`),
      };
      row = { n: counts.promoters + counts.passives + counts.detractors, counts };
    } else {
      const c = p as LikertPeriodStats;
      const counts = { n: checkCount(c.n, `${where}.n`), satisfied: checkCount(c.satisfied, `${where}.satisfied`) };
      if (counts.satisfied > counts.n) throw new RangeError(`${where}.satisfied exceeds n`);
      row = { n: counts.n, counts };
    }
    rows.set(day, row);
  });
  return rows;
}

/** The estimate and variance each two-sample test uses, on the 0..1 (CSAT) or −1..1 (NPS) scale. */
function adjusted(type: 'nps' | 'likert', row: Row): { estimate: number; variance: number } {
  if (type === 'nps') {
    const c = row.counts as NpsCounts;
    return adjustedNps(c.promoters, c.detractors, row.n);
  }
  // Agresti & Caffo (2000): one success and one failure added to each sample.
  const c = row.counts as { n: number; satisfied: number };
  const p = (c.satisfied + 1) / (c.n + 2);
  return { estimate: p, variance: (p * (1 - p)) / (c.n + 2) };
}

function decide(type: 'nps' | 'likert', rows: Map<number, Row>, range: [number, number] | null, interval: Interval, minN: number, level: number): TrendPoint[] {
  const out: TrendPoint[] = [];
  if (!range) return out;
  const alpha = 1 - level;
  let prev: { row: Row; score: number | null } | null = null;
  for (let day = range[0]; day <= range[1]; day = nextPeriod(day, interval)) {
    const row = rows.get(day) ?? { n: 0, counts: type === 'nps' ? { promoters: 0, passives: 0, detractors: 0 } : { n: 0, satisfied: 0 } };
    const i = type === 'nps' ? npsInterval(row.counts as NpsCounts, level) : csatInterval(row.counts as { n: number; satisfied: number }, level);
    const score = 'nps' in i ? i.nps : i.csat;
    const point: TrendPoint = {
      period: dayKey(day), n: row.n, score, low: i.low, high: i.high, insufficient: row.n < Math.max(minN, 1),
      change: null, z: null, p: null, significant: false, ...row.counts,
    };
    if (prev && prev.score !== null && score !== null) {
      const a = adjusted(type, prev.row);
      const b = adjusted(type, row);
      point.change = score - prev.score;
      point.z = (b.estimate - a.estimate) / Math.sqrt(a.variance + b.variance);
      point.p = twoSidedP(point.z);
      point.significant = point.p < alpha && row.n >= minN && prev.row.n >= minN;
    }
    out.push(point);
    prev = { row, score };
  }
  return out;
}

const span = (rows: Map<number, Row>): [number, number] | null => {
  if (rows.size === 0) return null;
  const days = [...rows.keys()];
  return [Math.min(...days), Math.max(...days)];
};

/**
 * One entry per period (day, ISO week from Monday, or month, in the shop's
 * time zone) with n, the score (NPS or CSAT), its interval (adjusted-Wald,
 * Rocks 2016; or Wilson 1927) and the change from the previous period with
 * its z, p and `significant`. The change is tested with a two-sample z-test
 * on the adjusted-Wald estimates and variances: for NPS, z = (NPSadj₂ −
 * NPSadj₁) / √(V₁ + V₂) with V = (p̂ + d̂ − (p̂ − d̂)²)/(n + 3) (Rocks 2016);
 * for CSAT, the Agresti–Caffo interval (A. Agresti & B. Caffo, "Simple and
 * effective confidence intervals for proportions and differences of
 * proportions", The American Statistician 54 (2000) 280–288). A period under
 * `minN` answers is `insufficient` and never called significant. Periods
 * missing between the first and the last are filled with n = 0.
 *
 * Takes responses (each needs `createdAt`) or {@link TrendStats}; with
 * `groupBy` or grouped stats, `{ groups: [{ key, n, insufficient, ...TrendResult }] }`
 * with every group over the same periods.
 *
 * @example
 * trend(responses, { interval: 'week' }).periods.at(-1)
 * // { period: '2026-11-30', n: 400, score: 30, low: 22.15, high: 37.4, change: 20, z: 3.5, p: 0.0005, significant: true, ... }
 */
export function trend(input: readonly AnalysisResponse[] | TrendStats, options: TrendOptions & { groupBy?: undefined }): TrendResult;
export function trend(input: Input, options: TrendOptions): TrendResult | { groups: Group<TrendResult & { n: number; insufficient: boolean }>[] };
export function trend(input: Input, options: TrendOptions): TrendResult | { groups: Group<TrendResult & { n: number; insufficient: boolean }>[] } {
  if (typeof options !== 'object' || options === null) throw new TypeError("trend: options must be an object with an interval ('day', 'week' or 'month')");
  const { question = 'nps', timeZone = 'Asia/Shanghai', minN = 30, level = 0.95 } = options;
  checkName(question, 'trend: question');
  const interval = checkInterval(options.interval, 'trend');
  checkMinN(minN, 'trend');
  zFor(level);
  const field = groupField(options.groupBy, 'trend');
  let stats: TrendStats | GroupedStats<TrendStats>;
  if (Array.isArray(input)) {
    stats = field === undefined ? trendStats(input, { question, interval, timeZone }) : trendStats(input, { question, interval, timeZone, groupBy: field });
  } else if (isGrouped<TrendStats>(input)) {
    checkGroups(input, 'trend');
    stats = input;
  } else if (typeof input === 'object' && input !== null) {
    if (field !== undefined) throw new TypeError('trend: groupBy needs responses or grouped stats ({ groups: [{ key, stats }] }), not one TrendStats');
    stats = input as TrendStats;
  } else throw new TypeError('trend: input must be an array of responses, TrendStats or { groups }');
  const head = { question, interval, timeZone, level, minN };
  if (!isGrouped<TrendStats>(stats)) {
    const rows = rowsOf(stats, interval);
    return { ...head, type: stats.type, periods: decide(stats.type, rows, span(rows), interval, minN, level) };
  }
  const all = stats.groups.map((g) => ({ key: g.key, type: g.stats?.type, rows: rowsOf(g.stats, interval) }));
  // One range for all groups, so their periods line up.
  const ranges = all.map((g) => span(g.rows)).filter((r): r is [number, number] => r !== null);
  const range: [number, number] | null = ranges.length ? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))] : null;
  return {
    groups: sortGroups(
      all.map(({ key, type, rows }) => {
        let n = 0;
        for (const r of rows.values()) n += r.n;
        return { key, n, insufficient: n < Math.max(minN, 1), ...head, type, periods: decide(type, rows, range, interval, minN, level) };
      }),
    ),
  };
}
