import { latestResponses } from './latest.js';
import { checkCount, csatInterval, npsInterval, zFor, type CsatInterval, type NpsCounts, type NpsInterval } from './intervals.js';
import {
  checkGroups, checkMinN, checkName, checkResponses, groupField, isGrouped, sortGroups, tallyBy,
  type AnalysisResponse, type Group, type GroupedStats,
} from './input.js';

/**
 * Sufficient statistics of one NPS question (here named 'nps'; use the question's name in the SQL).
 * `type` is the literal 'nps'.
 */
export interface NpsQuestionStats extends NpsCounts {
  type: 'nps';
}

/** Sufficient statistics of one Likert question `q`. `type` is the literal 'likert'. */
export interface LikertQuestionStats {
  type: 'likert';
  /** `count(*) FILTER (WHERE scores->'q'->>'type' = 'likert')` */
  n: number;
  /** `count(*) FILTER (WHERE (scores->'q'->>'satisfied')::boolean)` */
  satisfied: number;
  /** `sum((scores->'q'->>'value')::int)`, 0 when nobody answered */
  sum: number;
  /** `max((scores->'q'->>'points')::int)`: the scale (3, 4, 5 or 7) */
  points: number;
}

/** What {@link summary} needs: one row of a GROUP BY (or of the whole table). */
export interface SummaryStats {
  /** `count(*)`: responses that count (after {@link latestResponses}), answered or not. */
  n: number;
  /** Per question name: NPS and Likert questions (text questions are not summarised here). */
  questions: Record<string, NpsQuestionStats | LikertQuestionStats>;
}

export interface NpsResult extends NpsInterval, NpsCounts {
  /** n < minN (or no answers): the interval is honest, but do not rank or celebrate on it. */
  insufficient: boolean;
}

export interface CsatResult extends CsatInterval {
  points: number;
  /** Mean raw value (1..points), null when nobody answered. */
  mean: number | null;
  insufficient: boolean;
}

export interface SummaryResult {
  /** Responses that count. */
  n: number;
  /** n < minN, or no responses at all. */
  insufficient: boolean;
  minN: number;
  level: number;
  /** The NPS question named by `question` ('nps'), null when no response has it. */
  nps: NpsResult | null;
  /** Every Likert question, by name. */
  csat: Record<string, CsatResult>;
}

export interface SummaryOptions {
  /** The NPS question, 'nps' unless named otherwise. */
  question?: string;
  /** Below this many answers a result is `insufficient` (30). */
  minN?: number;
  /** Confidence level of the intervals (0.95). */
  level?: number;
  /** A context field ('sku' or 'context.sku'): one result per value. */
  groupBy?: string;
}

type Input = readonly AnalysisResponse[] | SummaryStats | GroupedStats<SummaryStats>;

/** A question's counts while summing: NPS and Likert fields together, `nps` telling which it is. */
interface Acc {
  nps: boolean;
  promoters: number;
  passives: number;
  detractors: number;
  n: number;
  satisfied: number;
  sum: number;
  points: number;
}

/** The counts of one set of responses, question by question, as they are summed. */
interface Tally {
  n: number;
  questions: Map<string, Acc>;
}
const tally = (): Tally => ({ n: 0, questions: new Map() });

/** Adds one response's scores to a tally. */
function add(t: Tally, r: AnalysisResponse): void {
  t.n++;
  const scores = r.scores;
  // One shape for every question and a Map by name: a plain object keyed by question names is slow to
  // look up in, and every response looks up each of its questions.
  for (const name in scores) {
    const s = scores[name];
    if (!s) continue;
    const type = s.type;
    if (type !== 'nps' && type !== 'likert') continue;
    let q = t.questions.get(name);
    if (q === undefined) t.questions.set(name, (q = { nps: type === 'nps', promoters: 0, passives: 0, detractors: 0, n: 0, satisfied: 0, sum: 0, points: 0 }));
    // A name that is NPS in one response and Likert in another keeps its first type, like summarize().
    if (type === 'nps') {
      if (!q.nps) continue;
      const c = s.category;
      if (c === 'promoter') q.promoters++;
      else if (c === 'passive') q.passives++;
      else q.detractors++;
    } else {
      if (q.nps) continue;
      q.n++;
      if (s.satisfied) q.satisfied++;
      q.sum += s.value;
      if (s.points > q.points) q.points = s.points;
    }
  }
}

/** A tally as {@link SummaryStats}: questions in the order first seen. */
function statsOf(t: Tally): SummaryStats {
  const questions: Record<string, NpsQuestionStats | LikertQuestionStats> = {};
  for (const [name, q] of t.questions) {
    // A question named toString or constructor counts like any other (the collector's SQL counts it too);
    // `__proto__` would set the object's prototype instead (the collector refuses it at the door).
    if (name === '__proto__') continue;
    questions[name] = q.nps
      ? { type: 'nps', promoters: q.promoters, passives: q.passives, detractors: q.detractors }
      : { type: 'likert', n: q.n, satisfied: q.satisfied, sum: q.sum, points: q.points };
  }
  return { n: t.n, questions };
}

/**
 * The sufficient statistics {@link summary} decides on, computed from responses
 * (deduplicated with {@link latestResponses} first); with `groupBy`, one entry
 * per value of that context field. The SQL that gives the same numbers is in
 * each field's JSDoc.
 */
export function summaryStats(responses: readonly AnalysisResponse[]): SummaryStats;
export function summaryStats(responses: readonly AnalysisResponse[], options: { groupBy: string }): GroupedStats<SummaryStats>;
export function summaryStats(responses: readonly AnalysisResponse[], options?: { groupBy?: string }): SummaryStats | GroupedStats<SummaryStats>;
export function summaryStats(responses: readonly AnalysisResponse[], options: { groupBy?: string } = {}): SummaryStats | GroupedStats<SummaryStats> {
  if (!Array.isArray(responses)) throw new TypeError('summaryStats: responses must be an array');
  const field = groupField(options.groupBy, 'summaryStats');
  const all = latestResponses(checkResponses(responses, 'summaryStats'));
  if (field === undefined) {
    const t = tally();
    for (let i = 0; i < all.length; i++) add(t, all[i]!);
    return statsOf(t);
  }
  return { groups: [...tallyBy(all, field, tally, add)].map(([key, t]) => ({ key, stats: statsOf(t) })) };
}

function decide(stats: SummaryStats, question: string, minN: number, level: number): SummaryResult {
  if (typeof stats !== 'object' || stats === null || typeof stats.questions !== 'object' || stats.questions === null) {
    throw new TypeError('summary: stats must be { n, questions }');
  }
  const n = checkCount(stats.n, 'summary: stats.n');
  let nps: NpsResult | null = null;
  const csat: Record<string, CsatResult> = {};
  for (const [name, q] of Object.entries(stats.questions)) {
    if (q?.type === 'nps' && name === question) {
      const i = npsInterval(q, level);
      nps = { ...i, promoters: q.promoters, passives: q.passives, detractors: q.detractors, insufficient: i.n < Math.max(minN, 1) };
    } else if (q?.type === 'likert') {
      if (typeof q.sum !== 'number' || !Number.isFinite(q.sum)) throw new TypeError(`summary: stats.questions.${name}.sum must be a finite number (sum of the values)`);
      checkCount(q.points, `summary: stats.questions.${name}.points`);
      const i = csatInterval(q, level);
      csat[name] = { ...i, points: q.points, mean: q.n > 0 ? q.sum / q.n : null, insufficient: q.n < Math.max(minN, 1) };
    } else if (q?.type !== 'nps') {
      throw new TypeError(`summary: stats.questions.${name}.type must be 'nps' or 'likert'`);
    }
  }
  return { n, insufficient: n < Math.max(minN, 1), minN, level, nps, csat };
}

/**
 * NPS with its adjusted-Wald interval ({@link npsInterval}; Rocks 2016), each
 * Likert question's CSAT with its Wilson interval ({@link csatInterval}) and
 * mean, the counts per NPS category and n; a result under `minN` answers is
 * marked `insufficient`. Takes responses (counted once each, see
 * {@link latestResponses}) or the {@link SummaryStats} a database computes.
 * JSON-friendly: no Map, no NaN (null where there is no value).
 *
 * With `groupBy` (or grouped stats), one result per context value, largest
 * group first: `{ groups: [{ key, n, insufficient, nps, csat, ... }] }`.
 *
 * @example
 * summary(responses).nps
 * // { n: 412, nps: 26.7, low: 18.83, high: 34.18, margin: 7.68, promoters: 201, passives: 120, detractors: 91, insufficient: false, level: 0.95 }
 * summary(responses, { groupBy: 'sku' }).groups[0] // { key: 'SKU-1', n: 120, insufficient: false, nps: {...}, csat: {...} }
 */
export function summary(input: readonly AnalysisResponse[] | SummaryStats, options?: SummaryOptions & { groupBy?: undefined }): SummaryResult;
export function summary(input: Input, options: SummaryOptions): SummaryResult | { groups: Group<SummaryResult>[] };
export function summary(input: Input, options: SummaryOptions = {}): SummaryResult | { groups: Group<SummaryResult>[] } {
  const { question = 'nps', minN = 30, level = 0.95 } = options;
  checkName(question, 'summary: question');
  checkMinN(minN, 'summary');
  zFor(level);
  const field = groupField(options.groupBy, 'summary');
  let stats: SummaryStats | GroupedStats<SummaryStats>;
  if (Array.isArray(input)) stats = field === undefined ? summaryStats(input) : summaryStats(input, { groupBy: field });
  else if (isGrouped<SummaryStats>(input)) {
    checkGroups(input, 'summary');
    stats = input;
  } else if (typeof input === 'object' && input !== null) {
    if (field !== undefined) throw new TypeError('summary: groupBy needs responses or grouped stats ({ groups: [{ key, stats }] }), not one SummaryStats');
    stats = input as SummaryStats;
  } else throw new TypeError('summary: input must be an array of responses, SummaryStats or { groups }');
  if (!isGrouped<SummaryStats>(stats)) return decide(stats, question, minN, level);
  return { groups: sortGroups(stats.groups.map((g) => ({ key: g.key, ...decide(g.stats, question, minN, level) }))) };
}
