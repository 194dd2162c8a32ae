// GET /v1/summary, /v1/trend, /v1/drivers, /v1/themes: SQL aggregates into koubei/analysis. PostgreSQL
// counts, sums and cross-multiplies over the responses that count; the statistics (intervals, tests,
// Shapley shares, log-odds) are koubei/analysis's, so a route answers exactly what the function answers
// on the same responses as an array. Every value from the request is a $n parameter; the only SQL text
// that varies is the number of placeholders (one per driver).
import {
  keyDrivers, MAX_DRIVERS, summary, themes, trend,
  type DriverStats, type GroupedStats, type Interval, type LikertQuestionStats, type NpsQuestionStats, type PairStats,
  type SummaryStats, type ThemeComment, type TrendStats, type VariableStats,
} from '../analysis/index.js';
import type { Database } from './db.js';
import { paramError, parseFilters, parseLimit, whereClause, type Filters } from './filters.js';

export type AnalysisHandler = (db: Database, params: URLSearchParams) => Promise<unknown>;

/**
 * Who counts: the rule of `latestResponses` (koubei/analysis), as the CTEs every analysis query starts
 * with. Rows are already one per id at its highest revision (the ingest upsert keeps them so); then,
 * among rows with a non-empty order_id, one per (survey_id, order_id): complete beats incomplete, then
 * the later created_at (to the millisecond, as Date.parse reads it), then the higher revision, then the
 * greater id — the row-value comparison below is that order. Rows without an order all count.
 * Only orders with several responses are compared (koubei_order_responses, kept by the triggers of
 * migration 002): over a whole table the planner hashes those few orders and probes each row once; for
 * the newest comments it probes that table's index row by row and stops at the limit.
 *
 * The filters of a route apply AFTER this (a customer counts once, in the period, channel or SKU of
 * their winning response), so a summary of one week equals that week of the trend, and groups add up.
 *
 * Issue 16 (only responses whose signed link verified) adds its condition to `eligible`, here, once:
 * it then holds for the counted rows and for the rows they are compared with.
 */
export const COUNTED = `eligible AS NOT MATERIALIZED (
  SELECT * FROM koubei_responses
  -- A forged, tampered or expired email link is kept and listed, never counted; nor is an email partial
  -- recorded without a sign of a person (a mail scanner's click).
  WHERE link_status IS DISTINCT FROM 'unverified'
    AND NOT (NOT complete AND context ? 'sig' AND coalesce(context->>'confirmed', '') = '')
),
counted AS (
  SELECT e.* FROM eligible AS e
  WHERE NOT EXISTS (
    SELECT 1 FROM koubei_order_responses AS s
    JOIN eligible AS w ON w.survey_id = s.survey_id AND w.order_id = s.order_id
    WHERE s.survey_id = e.survey_id AND s.order_id = e.order_id AND s.responses > 1
      AND (w.complete, date_trunc('milliseconds', w.created_at), w.revision, w.id)
        > (e.complete, date_trunc('milliseconds', e.created_at), e.revision, e.id))
)`;

/** A context field name, as filters.ts accepts after `context.`. */
const FIELD = /^[A-Za-z_][\w-]{0,63}$/;
/** A question name: 1 to 200 characters, no control characters (commas are allowed except in `drivers`). */
const QUESTION = /^[^\u0000-\u001f\u007f]{1,200}$/;
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];
const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
const THEMES_DEFAULT = 2000;
const THEMES_MAX = 20000;

/** Characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator): a comment of only these is empty. */
const NOT_BLANK = `'[^\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]'`;

/** `groupBy=sku` or `groupBy=context.sku`: the context field, or undefined. */
function parseGroupBy(params: URLSearchParams): string | undefined {
  const v = params.get('groupBy');
  if (v === null) return undefined;
  const field = v.replace(/^context\./, '');
  if (!FIELD.test(field)) throw paramError('groupBy', `"${v.slice(0, 80)}" is not a context field (letters, digits, _ and -, such as sku or context.sku)`);
  return field;
}

function parseQuestion(params: URLSearchParams, name: string, fallback: string): string {
  const v = params.get(name);
  if (v === null) return fallback;
  if (!QUESTION.test(v)) throw paramError(name, 'must be a question name (1 to 200 characters, no control characters)');
  return v;
}

function parseMinN(params: URLSearchParams, fallback: number): number {
  const v = params.get('minN');
  if (v === null) return fallback;
  if (!/^\d{1,9}$/.test(v)) throw paramError('minN', 'must be a whole number from 0 to 999999999');
  return Number(v);
}

function parseInterval(params: URLSearchParams): Interval {
  const v = params.get('interval') ?? 'week';
  if (!INTERVALS.includes(v as Interval)) throw paramError('interval', 'must be day, week or month');
  return v as Interval;
}

function parseDrivers(params: URLSearchParams, outcome: string): string[] {
  const v = params.get('drivers');
  if (v === null || v === '') throw paramError('drivers', `give the Likert questions to rank, comma-separated (1 to ${MAX_DRIVERS}), such as drivers=delivery,described,service`);
  const names = v.split(',').map((s) => s.trim());
  if (names.length > MAX_DRIVERS) throw paramError('drivers', `at most ${MAX_DRIVERS} questions (the exact Shapley decomposition fits 2^p regressions); got ${names.length}`);
  const seen = new Set<string>();
  for (const n of names) {
    if (!QUESTION.test(n)) throw paramError('drivers', 'each must be a question name (1 to 200 characters, no control characters), separated by commas');
    if (n === outcome) throw paramError('drivers', `the outcome "${outcome.slice(0, 80)}" cannot also be a driver`);
    if (seen.has(n)) throw paramError('drivers', `"${n.slice(0, 80)}" is listed twice`);
    seen.add(n);
  }
  return names;
}

function parseLocale(params: URLSearchParams): (typeof LOCALES)[number] {
  const v = params.get('locale') ?? 'zh-CN';
  if (!(LOCALES as readonly string[]).includes(v)) throw paramError('locale', 'must be zh-CN, zh-TW or en');
  return v as (typeof LOCALES)[number];
}

/** The filters as a condition on `counted`, with the group key expression (NULL without groupBy). */
function scope(f: Filters, args: unknown[], field: string | undefined) {
  const where = whereClause(f, args);
  if (field === undefined) return { where, key: 'NULL::text' };
  args.push(field);
  return { where, key: `context->>$${args.length}::text` };
}

/** PostgreSQL refuses a time zone its tzdata lacks (22023) though Intl knows it (from/to dates and trend periods use it): the parameter's fault, not a 500. */
async function zoned<T>(f: Filters, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === '22023' && /time zone/i.test(String(err.message))) throw paramError('timeZone', `"${f.timeZone}" is not a time zone this database knows`);
    throw e;
  }
}

/** Rows grouped by key, in first-seen order. */
function byKey<R extends { key: string | null }>(rows: readonly R[]): Map<string | null, R[]> {
  const out = new Map<string | null, R[]>();
  for (const r of rows) {
    let list = out.get(r.key);
    if (!list) out.set(r.key, (list = []));
    list.push(r);
  }
  return out;
}

const grouped = <S>(field: string | undefined, rows: Map<string | null, S>, empty: S): S | GroupedStats<S> =>
  field === undefined ? (rows.get(null) ?? empty) : { groups: [...rows].map(([key, stats]) => ({ key, stats })) };

interface SummaryRow {
  key: string | null;
  name: string | null;
  type: 'nps' | 'likert' | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  satisfied: number;
  sum: number;
  points: number;
}

/**
 * The {@link SummaryStats} of the counted responses matching the filters, per group: one pass with
 * jsonb_each over the scores (every NPS and Likert question), plus one row per response for n.
 */
export async function summaryStatsSql(db: Database, f: Filters, field?: string): Promise<SummaryStats | GroupedStats<SummaryStats>> {
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field);
  const rows = await zoned(f, () => db.query<SummaryRow>(
    `WITH ${COUNTED}
     SELECT ${key} AS key, q.name, q.type, count(*)::int AS n,
       count(*) FILTER (WHERE q.s->>'category' = 'promoter')::int AS promoters,
       count(*) FILTER (WHERE q.s->>'category' = 'passive')::int AS passives,
       count(*) FILTER (WHERE q.s->>'category' = 'detractor')::int AS detractors,
       count(*) FILTER (WHERE q.type = 'likert' AND q.s->>'satisfied' = 'true')::int AS satisfied,
       coalesce(sum((q.s->>'value')::int) FILTER (WHERE q.type = 'likert'), 0)::float8 AS sum,
       coalesce(max((q.s->>'points')::int) FILTER (WHERE q.type = 'likert'), 0)::int AS points
     FROM counted CROSS JOIN LATERAL (
       SELECT NULL::text AS name, NULL::text AS type, NULL::jsonb AS s
       UNION ALL
       SELECT e.key, e.value->>'type', e.value FROM jsonb_each(counted.scores) AS e WHERE e.value->>'type' IN ('nps', 'likert')
     ) AS q
     WHERE ${where}
     GROUP BY 1, 2, 3
     ORDER BY 2`,
    args,
  ));
  const stats = new Map<string | null, SummaryStats>();
  for (const [k, list] of byKey(rows)) {
    const questions: SummaryStats['questions'] = {};
    const size = (r: SummaryRow) => (r.type === 'nps' ? r.promoters + r.passives + r.detractors : r.n);
    // A name answered as NPS in some responses and Likert in others (a reused name) is read as the type most answers have.
    const best = new Map<string, SummaryRow>();
    for (const r of list) {
      if (r.name === null) continue;
      const had = best.get(r.name);
      if (!had || size(r) > size(had) || (size(r) === size(had) && r.type === 'nps')) best.set(r.name, r);
    }
    for (const [name, r] of best) {
      questions[name] = r.type === 'nps'
        ? ({ type: 'nps', promoters: r.promoters, passives: r.passives, detractors: r.detractors } satisfies NpsQuestionStats)
        : ({ type: 'likert', n: r.n, satisfied: r.satisfied, sum: r.sum, points: r.points } satisfies LikertQuestionStats);
    }
    stats.set(k, { n: list.find((r) => r.name === null)?.n ?? 0, questions });
  }
  return grouped(field, stats, { n: 0, questions: {} });
}

interface TrendRow {
  key: string | null;
  period: string;
  type: 'nps' | 'likert';
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  satisfied: number;
}

/**
 * The {@link TrendStats} of one question: counts per period, the period being
 * `date_trunc(interval, created_at AT TIME ZONE tz)` as 'YYYY-MM-DD' (periodKey's key). Converting
 * every row to local time costs more than the rest of the query, so rows are first counted per UTC
 * quarter hour and only the quarters are converted: exact, as every zone's offset is a whole number
 * of quarter hours, so a local midnight always starts a UTC quarter.
 */
export async function trendStatsSql(db: Database, f: Filters, question: string, interval: Interval, field?: string): Promise<TrendStats | GroupedStats<TrendStats>> {
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field);
  args.push(question, interval, f.timeZone);
  const [q, i, tz] = [args.length - 2, args.length - 1, args.length];
  const rows = await zoned(f, () =>
    db.query<TrendRow>(
      `WITH ${COUNTED},
       quarters AS (
         SELECT key, floor(date_part('epoch', created_at) / 900) AS quarter, s->>'type' AS type, count(*) AS n,
           count(*) FILTER (WHERE s->>'category' = 'promoter') AS promoters,
           count(*) FILTER (WHERE s->>'category' = 'passive') AS passives,
           count(*) FILTER (WHERE s->>'category' = 'detractor') AS detractors,
           count(*) FILTER (WHERE s->>'satisfied' = 'true') AS satisfied
         FROM (SELECT ${key} AS key, created_at, scores->$${q}::text AS s FROM counted WHERE ${where}) AS x
         WHERE s->>'type' IN ('nps', 'likert')
         GROUP BY 1, 2, 3
       )
       SELECT key, to_char(date_trunc($${i}::text, to_timestamp(quarter * 900) AT TIME ZONE $${tz}::text), 'YYYY-MM-DD') AS period, type,
         sum(n)::int AS n, sum(promoters)::int AS promoters, sum(passives)::int AS passives, sum(detractors)::int AS detractors, sum(satisfied)::int AS satisfied
       FROM quarters
       GROUP BY 1, 2, 3
       ORDER BY 2`,
      args,
    ),
  );
  const stats = new Map<string | null, TrendStats>();
  for (const [k, list] of byKey(rows)) {
    // As in summary: a name used for both types is read as the type most of its answers have.
    let nps = 0;
    let likert = 0;
    for (const r of list) r.type === 'nps' ? (nps += r.n) : (likert += r.n);
    const type = nps >= likert ? 'nps' : 'likert';
    const own = list.filter((r) => r.type === type);
    stats.set(
      k,
      type === 'nps'
        ? { type, periods: own.map((r) => ({ period: r.period, promoters: r.promoters, passives: r.passives, detractors: r.detractors })) }
        : { type, periods: own.map((r) => ({ period: r.period, n: r.n, satisfied: r.satisfied })) },
    );
  }
  return grouped(field, stats, { type: 'nps', periods: [] });
}

/**
 * The {@link DriverStats} of an outcome and its drivers, pairwise-complete. Two steps so the per-row
 * work stays small: the counted rows are first grouped by the answers themselves (one jsonb value per
 * question; a shop's million responses have a few thousand distinct answer patterns), then the sums,
 * sums of squares and cross-products are taken over the patterns, each weighted by its count.
 */
export async function driverStatsSql(db: Database, f: Filters, outcome: string, drivers: readonly string[], field?: string): Promise<DriverStats | GroupedStats<DriverStats>> {
  const names = [outcome, ...drivers];
  const k = names.length;
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field);
  const at = names.map((n) => (args.push(n), args.length));
  const cols = names.map((_, i) => `o${i}`);
  // The outcome may be an NPS or a Likert question; a driver is a Likert question.
  const value = (i: number) => `CASE WHEN o${i}->>'type' IN (${i === 0 ? "'nps', 'likert'" : "'likert'"}) THEN (o${i}->>'value')::float8 END`;
  const sel: string[] = [];
  for (let i = 0; i < k; i++) {
    sel.push(
      `coalesce(sum(c) FILTER (WHERE x${i} IS NOT NULL), 0) AS n${i}`,
      `coalesce(sum(c * x${i}), 0) AS s${i}`,
      `coalesce(sum(c * x${i} * x${i}), 0) AS ss${i}`,
      `coalesce(sum(c) FILTER (WHERE l${i} AND o${i}->>'satisfied' = 'true'), 0) AS t${i}`,
      `coalesce(sum(c * (o${i}->>'normalized')::float8) FILTER (WHERE l${i}), 0) AS m${i}`,
    );
    for (let j = i + 1; j < k; j++) {
      const both = `x${i} IS NOT NULL AND x${j} IS NOT NULL`;
      sel.push(
        `coalesce(sum(c) FILTER (WHERE ${both}), 0) AS pn${i}_${j}`,
        `coalesce(sum(c * x${i}) FILTER (WHERE ${both}), 0) AS pa${i}_${j}`,
        `coalesce(sum(c * x${j}) FILTER (WHERE ${both}), 0) AS pb${i}_${j}`,
        `coalesce(sum(c * x${i} * x${i}) FILTER (WHERE ${both}), 0) AS paa${i}_${j}`,
        `coalesce(sum(c * x${j} * x${j}) FILTER (WHERE ${both}), 0) AS pbb${i}_${j}`,
        `coalesce(sum(c * x${i} * x${j}), 0) AS pab${i}_${j}`,
      );
    }
  }
  const rows = await zoned(f, () => db.query<Record<string, number> & { key: string | null }>(
    `WITH ${COUNTED},
     patterns AS (
       SELECT ${key} AS key, ${names.map((_, i) => `scores->$${at[i]}::text AS o${i}`).join(', ')}, count(*)::float8 AS c
       FROM counted WHERE ${where}
       GROUP BY ${Array.from({ length: k + 1 }, (_, i) => i + 1).join(', ')}
     ),
     -- Materialized: each value is read out of its jsonb once per pattern, not once per sum below.
     v AS MATERIALIZED (
       SELECT key, c, ${cols.join(', ')},
         ${names.map((_, i) => `${value(i)} AS x${i}, o${i}->>'type' = 'likert' AS l${i}`).join(',\n         ')}
       FROM patterns
     )
     SELECT key, ${sel.join(',\n       ')}
     FROM v GROUP BY key`,
    args,
  ));
  const stats = new Map<string | null, DriverStats>();
  const of = (r: Record<string, number> | undefined): DriverStats => {
    const num = (c: string) => (r ? Number(r[c]) : 0);
    const variables: VariableStats[] = names.map((name, i) => ({
      name, n: num(`n${i}`), sum: num(`s${i}`), sumSquares: num(`ss${i}`), satisfied: num(`t${i}`), sumNormalized: num(`m${i}`),
    }));
    const pairs: PairStats[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const c = `${i}_${j}`;
        pairs.push({ a: names[i]!, b: names[j]!, n: num(`pn${c}`), sumA: num(`pa${c}`), sumB: num(`pb${c}`), sumAA: num(`paa${c}`), sumBB: num(`pbb${c}`), sumAB: num(`pab${c}`) });
      }
    }
    return { outcome, variables, pairs };
  };
  for (const r of rows) stats.set(r.key, of(r));
  return grouped(field, stats, of(undefined));
}

/**
 * The newest `limit` comments of the counted responses matching the filters: every text answer of a
 * response that is not blank, joined with a newline in the order of its scores, labelled with the NPS
 * category of `question` in the same response (as themes() reads responses). Newest by created_at, in
 * the order of the (created_at, id) index, so the scan stops after `limit` comments.
 */
export async function commentsSql(db: Database, f: Filters, question: string, limit: number): Promise<ThemeComment[]> {
  const args: unknown[] = [];
  const { where } = scope(f, args, undefined);
  args.push(question, limit);
  const rows = await zoned(f, () => db.query<{ id: string; created_at: string; category: ThemeComment['category'] | null; text: string }>(
    `WITH ${COUNTED}
     SELECT c.id, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       CASE WHEN c.scores->$${args.length - 1}::text->>'type' = 'nps' THEN c.scores->$${args.length - 1}::text->>'category' END AS category, t.text
     FROM counted AS c
     CROSS JOIN LATERAL (
       SELECT string_agg(c.answers->>e.key, E'\\n' ORDER BY e.ord) AS text
       FROM jsonb_each(c.scores) WITH ORDINALITY AS e(key, value, ord)
       WHERE e.value->>'type' = 'text' AND jsonb_typeof(c.answers->e.key) = 'string' AND c.answers->>e.key ~ ${NOT_BLANK}
     ) AS t
     WHERE ${where} AND t.text IS NOT NULL
     -- Qualified: the bare name would be the formatted output column, which no index orders.
     ORDER BY c.created_at DESC, c.id DESC
     LIMIT $${args.length}`,
    args,
  ));
  return rows.map((r) => ({ id: r.id, text: r.text, createdAt: r.created_at, ...(r.category ? { category: r.category } : {}) }));
}

/** GET /v1/summary?question=nps&minN=30&groupBy=sku: {@link summary} over {@link summaryStatsSql}. */
async function summaryRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['groupBy', 'question', 'minN']);
  const field = parseGroupBy(params);
  const question = parseQuestion(params, 'question', 'nps');
  const minN = parseMinN(params, 30);
  return summary(await summaryStatsSql(db, f, field), { question, minN });
}

/** GET /v1/trend?interval=week&question=nps&timeZone=Asia/Shanghai&minN=30&groupBy=sku: {@link trend} over {@link trendStatsSql}. */
async function trendRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['interval', 'groupBy', 'question', 'minN']);
  const interval = parseInterval(params);
  const field = parseGroupBy(params);
  const question = parseQuestion(params, 'question', 'nps');
  const minN = parseMinN(params, 30);
  return trend(await trendStatsSql(db, f, question, interval, field), { interval, question, timeZone: f.timeZone, minN });
}

/** GET /v1/drivers?outcome=nps&drivers=delivery,described,service&minN=50&groupBy=sku: {@link keyDrivers} over {@link driverStatsSql}. */
async function driversRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['outcome', 'drivers', 'groupBy', 'minN']);
  const outcome = parseQuestion(params, 'outcome', 'nps');
  const drivers = parseDrivers(params, outcome);
  const field = parseGroupBy(params);
  const minN = parseMinN(params, 50);
  return keyDrivers(await driverStatsSql(db, f, outcome, drivers, field), { outcome, drivers, minN });
}

/** GET /v1/themes?locale=zh-CN&question=nps&limit=2000: {@link themes} over the newest `limit` comments ({@link commentsSql}). */
async function themesRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['locale', 'question', 'limit']);
  const locale = parseLocale(params);
  const question = parseQuestion(params, 'question', 'nps');
  const limit = parseLimit(params, THEMES_DEFAULT, THEMES_MAX);
  return themes(await commentsSql(db, f, question, limit), { locale });
}

const ROUTES: Record<string, AnalysisHandler> = {
  '/v1/summary': summaryRoute,
  '/v1/trend': trendRoute,
  '/v1/drivers': driversRoute,
  '/v1/themes': themesRoute,
};

/** The handler of an analysis route, or undefined for any other path. */
export function analysisRoute(path: string): AnalysisHandler | undefined {
  return Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
}
