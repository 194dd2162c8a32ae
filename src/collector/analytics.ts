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
import { languageOf, message, type Lang } from './http.js';

export type AnalysisHandler = (db: Database, params: URLSearchParams) => Promise<unknown>;

/**
 * Who counts: the rule of `latestResponses` (koubei/analysis), as the CTE every analysis query starts
 * with, over koubei_facts (migration 005: one narrow row per response, at its highest revision, as the
 * ingest upsert keeps them). Among rows with a non-empty order_id, one per (survey_id, order_id):
 * complete beats incomplete, then the later created_at (to the millisecond, as Date.parse reads it),
 * then the higher revision, then the greater id. Rows without an order all count. Only orders with
 * several responses are compared (koubei_order_responses): over a whole table, every response but the
 * first of each such order (`losers`, a few index probes per order) is left out by one hash; for the
 * newest comments, {@link wins} compares row by row and the scan stops at the limit.
 *
 * `eligible` (koubei_eligible) leaves out forged, tampered or expired email links (kept and listed,
 * never counted) and email partials recorded without a sign of a person, both as counted rows and as
 * the rows they are compared with.
 *
 * The filters of a route apply AFTER this (a customer counts once, in the period, channel or SKU of
 * their winning response), so a summary of one week equals that week of the trend, and groups add up.
 */
export const COUNTED = `losers AS (
  SELECT l.id FROM koubei_order_responses AS s
  CROSS JOIN LATERAL (
    SELECT w.id FROM koubei_facts AS w
    WHERE w.survey_id = s.survey_id AND w.order_id = s.order_id AND w.eligible
    ORDER BY w.complete DESC, date_trunc('milliseconds', w.created_at) DESC, w.revision DESC, w.id DESC
    OFFSET 1
  ) AS l
  WHERE s.responses > 1
),
counted AS (SELECT e.* FROM koubei_facts AS e WHERE e.eligible AND e.id NOT IN (SELECT id FROM losers))`;

/** Row `x` (koubei_facts or koubei_responses) is its order's winner, or has no order to share: COUNTED's rule, one row at a time. */
export function wins(x: string): string {
  return `NOT EXISTS (
    SELECT 1 FROM koubei_order_responses AS s
    JOIN koubei_facts AS w ON w.survey_id = s.survey_id AND w.order_id = s.order_id AND w.eligible
    WHERE s.survey_id = ${x}.survey_id AND s.order_id = ${x}.order_id AND s.responses > 1
      AND (w.complete, date_trunc('milliseconds', w.created_at), w.revision, w.id)
        > (${x}.complete, date_trunc('milliseconds', ${x}.created_at), ${x}.revision, ${x}.id))`;
}

// A Likert answer in koubei_facts.vals is value × 100 + points (an NPS answer, 0-10, is below 100); these
// read it back as scoreLikert (koubei/scoring) scores it, which the schema holds every stored score to.
const isLikert = (v: string) => `${v} >= 100`;
const likertValue = (v: string) => `(${v} / 100)`;
const likertSatisfied = (v: string) => `CASE WHEN ${v} % 100 = 3 THEN ${v} / 100 = 3 ELSE ${v} / 100 >= ${v} % 100 - 1 END`;
const likertNormalized = (v: string) => `((${v} / 100 - 1)::float8 / (${v} % 100 - 1))`;
/** An answer's vals entry as an integer, NULL where the question was not answered. */
const answer = (param: number, alias = '') => `(${alias}vals->>$${param}::text)::int`;

/**
 * The counted rows matching `where`, counted per group key and answer pattern (migration 006: an
 * integer per distinct vals, so a million rows are grouped without reading their jsonb), with each
 * pattern's vals looked up once. A row whose pattern the ingest statement could not see (NULL) is
 * grouped by its own vals.
 */
const byPattern = (key: string, where: string) => `SELECT p.key, coalesce(p.own, d.vals) AS vals, p.c
  FROM (SELECT ${key} AS key, e.pattern, CASE WHEN e.pattern IS NULL THEN e.vals END AS own, count(*) AS c
        FROM counted AS e WHERE ${where} GROUP BY 1, 2, 3) AS p
  LEFT JOIN koubei_patterns AS d ON d.id = p.pattern`;

/** A context field name, as filters.ts accepts after `context.`. */
const FIELD = /^[A-Za-z_][\w-]{0,63}$/;
/** A question name: 1 to 200 characters, no control characters (commas are allowed except in `drivers`). */
const QUESTION = /^[^\u0000-\u001f\u007f]{1,200}$/;
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];
const THEMES_DEFAULT = 2000;
const THEMES_MAX = 20000;

/** Characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator): a comment of only these is empty. */
const NOT_BLANK = `'[^\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]'`;

/** `groupBy=sku` or `groupBy=context.sku`: the context field, or undefined. */
function parseGroupBy(params: URLSearchParams): string | undefined {
  const v = params.get('groupBy');
  if (v === null) return undefined;
  const field = v.replace(/^context\./, '');
  if (!FIELD.test(field)) throw paramError('groupBy', message('groupBy', { value: v.slice(0, 80) }));
  // Grouping is by Map and SQL (constructor or toString are fields like any other), but the ingest refuses a
  // __proto__ key: no response has the field, and a group of everyone under null would only mislead.
  if (field === '__proto__') throw paramError('groupBy', message('protoField'));
  return field;
}

function parseQuestion(params: URLSearchParams, name: string, fallback: string): string {
  const v = params.get(name);
  if (v === null) return fallback;
  if (!QUESTION.test(v)) throw paramError(name, message('question'));
  return v;
}

function parseMinN(params: URLSearchParams, fallback: number): number {
  const v = params.get('minN');
  if (v === null) return fallback;
  if (!/^\d{1,9}$/.test(v)) throw paramError('minN', message('minN'));
  return Number(v);
}

function parseInterval(params: URLSearchParams): Interval {
  const v = params.get('interval') ?? 'week';
  if (!INTERVALS.includes(v as Interval)) throw paramError('interval', message('interval'));
  return v as Interval;
}

function parseDrivers(params: URLSearchParams, outcome: string): string[] {
  const v = params.get('drivers');
  if (v === null || v === '') throw paramError('drivers', message('driversMissing', { max: MAX_DRIVERS }));
  const names = v.split(',').map((s) => s.trim());
  if (names.length > MAX_DRIVERS) throw paramError('drivers', message('driversMany', { max: MAX_DRIVERS, n: names.length }));
  const seen = new Set<string>();
  for (const n of names) {
    if (!QUESTION.test(n)) throw paramError('drivers', message('driversName'));
    if (n === outcome) throw paramError('drivers', message('driversOutcome', { value: outcome.slice(0, 80) }));
    if (seen.has(n)) throw paramError('drivers', message('driversTwice', { value: n.slice(0, 80) }));
    seen.add(n);
  }
  return names;
}

/** The script of the lexicon's terms: zh-HK, zh-MO and zh-Hant are zh-TW; zh, zh-SG and zh-Hans zh-CN; en-* en (as the report reads its lang). */
function parseLocale(params: URLSearchParams): Lang {
  const v = params.get('locale') ?? 'zh-CN';
  const lang = languageOf(v);
  if (!lang) throw paramError('locale', message('locale', { value: v.slice(0, 80) }));
  return lang;
}

/**
 * The filters as a condition on `counted` (koubei_facts' columns, under `alias`), with the group key
 * expression (NULL without groupBy). The two filters that read what koubei_facts does not keep in the
 * same form: `touchpoint` is a Likert entry of vals, `q` searches the stored answers.
 */
function scope(f: Filters, args: unknown[], field: string | undefined, alias = '') {
  const { q, touchpoint, ...rest } = f;
  const a = alias ? `${alias}.` : '';
  const parts = [whereClause(rest, args, alias, 'facts')];
  if (touchpoint !== undefined) {
    args.push(touchpoint);
    parts.push(isLikert(answer(args.length, a)));
  }
  if (q !== undefined && q !== '') parts.push(`${a}id IN (SELECT r.id FROM koubei_responses AS r WHERE ${whereClause({ timeZone: f.timeZone, context: {}, q }, args, 'r')})`);
  const where = parts.join(' AND ');
  if (field === undefined) return { where, key: 'NULL::text' };
  args.push(field);
  return { where, key: `${a}context->>$${args.length}::text` };
}

/** PostgreSQL refuses a time zone its tzdata lacks (22023) though Intl knows it (from/to dates and trend periods use it): the parameter's fault, not a 500. */
async function zoned<T>(f: Filters, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === '22023' && /time zone/i.test(String(err.message))) throw paramError('timeZone', message('timeZoneDb', { value: f.timeZone }));
    throw e;
  }
}

/**
 * An analysis query, without JIT compilation: PostgreSQL compiled a plan over a million rows to machine
 * code first, 2 s of a 3 s summary, for scans and hashes that gain nothing from it.
 */
function analyse<R extends object>(db: Database, text: string, args: unknown[]): Promise<R[]> {
  return db.transaction(async (q) => {
    await q('SET LOCAL jit = off');
    // Hash tables of some ten thousand groups (quarter hours) in memory, not a sort of a million rows on disk.
    await q("SET LOCAL work_mem = '32MB'");
    return q<R>(text, args);
  });
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
 * The {@link SummaryStats} of the counted responses matching the filters, per group. The counted rows
 * are first grouped by their answer pattern ({@link byPattern}: a shop's million responses have a few
 * thousand), then each pattern's NPS and Likert answers are counted, weighted by its rows.
 */
export async function summaryStatsSql(db: Database, f: Filters, field?: string): Promise<SummaryStats | GroupedStats<SummaryStats>> {
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field, 'e');
  const likert = "q.type = 'likert'";
  const rows = await zoned(f, () => analyse<SummaryRow>(db, 
    `WITH ${COUNTED},
     patterns AS (${byPattern(key, where)})
     SELECT p.key, q.name, q.type, sum(p.c)::int AS n,
       coalesce(sum(p.c) FILTER (WHERE q.type = 'nps' AND q.v >= 9), 0)::int AS promoters,
       coalesce(sum(p.c) FILTER (WHERE q.type = 'nps' AND q.v BETWEEN 7 AND 8), 0)::int AS passives,
       coalesce(sum(p.c) FILTER (WHERE q.type = 'nps' AND q.v <= 6), 0)::int AS detractors,
       coalesce(sum(p.c) FILTER (WHERE ${likert} AND ${likertSatisfied('q.v')}), 0)::int AS satisfied,
       coalesce(sum(p.c * ${likertValue('q.v')}) FILTER (WHERE ${likert}), 0)::float8 AS sum,
       coalesce(max(q.v % 100) FILTER (WHERE ${likert}), 0)::int AS points
     FROM patterns AS p CROSS JOIN LATERAL (
       SELECT NULL::text AS name, NULL::text AS type, NULL::int AS v
       UNION ALL
       SELECT e.key, CASE WHEN ${isLikert('e.value::int')} THEN 'likert' ELSE 'nps' END, e.value::int FROM jsonb_each_text(p.vals) AS e
     ) AS q
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
      // As summaryStats() does: a key __proto__ (a row the ingest did not write) would set the prototype.
      if (name === '__proto__') continue;
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
 * quarter hour, and only the quarters are converted: exact, as every zone's offset is a whole number
 * of quarter hours, so a local midnight always starts a UTC quarter.
 */
export async function trendStatsSql(db: Database, f: Filters, question: string, interval: Interval, field?: string): Promise<TrendStats | GroupedStats<TrendStats>> {
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field, 'e');
  args.push(question, interval, f.timeZone);
  const [q, i, tz] = [args.length - 2, args.length - 1, args.length];
  const rows = await zoned(f, () =>
    analyse<TrendRow>(db, 
      `WITH ${COUNTED},
       -- The answer of each pattern, read once per pattern (a few thousand) into an array by pattern id
       -- (-1: not answered; no NULL, so finding a row's entry is one offset). A join found it per row too,
       -- but the planners chose to hash the million rows rather than the few thousand patterns.
       answers AS (
         SELECT coalesce(array_agg(coalesce(${answer(q, 'd.')}, -1) ORDER BY g), '{}') AS v
         FROM generate_series(1, (SELECT max(id) FROM koubei_patterns)) AS g LEFT JOIN koubei_patterns AS d ON d.id = g
       ),
       quarters AS (
         SELECT key, quarter,
           count(*) FILTER (WHERE v < 100) AS nps,
           count(*) FILTER (WHERE v BETWEEN 9 AND 10) AS promoters,
           count(*) FILTER (WHERE v BETWEEN 7 AND 8) AS passives,
           count(*) FILTER (WHERE v <= 6) AS detractors,
           count(*) FILTER (WHERE ${isLikert('v')}) AS likert,
           count(*) FILTER (WHERE ${isLikert('v')} AND ${likertSatisfied('v')}) AS satisfied
         FROM (SELECT ${key} AS key, e.quarter,
                 CASE WHEN e.pattern IS NULL THEN ${answer(q, 'e.')} ELSE nullif((SELECT v FROM answers)[e.pattern], -1) END AS v
               -- OFFSET 0: v worked out once per row, not once per aggregate that reads it.
               FROM counted AS e WHERE ${where} OFFSET 0) AS x
         WHERE v IS NOT NULL
         GROUP BY 1, 2
       ),
       periods AS (
         SELECT key, to_char(date_trunc($${i}::text, to_timestamp(quarter * 900::float8) AT TIME ZONE $${tz}::text), 'YYYY-MM-DD') AS period,
           sum(nps) AS nps, sum(promoters) AS promoters, sum(passives) AS passives, sum(detractors) AS detractors,
           sum(likert) AS likert, sum(satisfied) AS satisfied
         FROM quarters
         GROUP BY 1, 2
       )
       SELECT key, period, t.type, t.n::int, t.promoters::int, t.passives::int, t.detractors::int, t.satisfied::int
       FROM periods CROSS JOIN LATERAL (VALUES
         ('nps', nps, promoters, passives, detractors, 0::numeric),
         ('likert', likert, 0::numeric, 0::numeric, 0::numeric, satisfied)
       ) AS t(type, n, promoters, passives, detractors, satisfied)
       WHERE t.n > 0
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
 * work stays small: the counted rows are first grouped by their answer pattern ({@link byPattern}; a
 * shop's million responses have a few thousand), then each pattern's answers are read and the sums,
 * sums of squares and cross-products are taken over the patterns, each weighted by its count.
 */
export async function driverStatsSql(db: Database, f: Filters, outcome: string, drivers: readonly string[], field?: string): Promise<DriverStats | GroupedStats<DriverStats>> {
  const names = [outcome, ...drivers];
  const k = names.length;
  const args: unknown[] = [];
  const { where, key } = scope(f, args, field, 'e');
  const at = names.map((n) => (args.push(n), args.length));
  const cols = names.map((_, i) => `o${i}`);
  // The outcome may be an NPS or a Likert question; a driver is a Likert question.
  const value = (i: number) =>
    i === 0 ? `CASE WHEN ${isLikert('o0')} THEN ${likertValue('o0')} ELSE o0 END::float8` : `CASE WHEN ${isLikert(`o${i}`)} THEN ${likertValue(`o${i}`)}::float8 END`;
  const sel: string[] = [];
  for (let i = 0; i < k; i++) {
    sel.push(
      `coalesce(sum(c) FILTER (WHERE x${i} IS NOT NULL), 0) AS n${i}`,
      `coalesce(sum(c * x${i}), 0) AS s${i}`,
      `coalesce(sum(c * x${i} * x${i}), 0) AS ss${i}`,
      `coalesce(sum(c) FILTER (WHERE l${i} AND ${likertSatisfied(`o${i}`)}), 0) AS t${i}`,
      `coalesce(sum(c * ${likertNormalized(`o${i}`)}) FILTER (WHERE l${i}), 0) AS m${i}`,
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
  const rows = await zoned(f, () => analyse<Record<string, number> & { key: string | null }>(db, 
    `WITH ${COUNTED},
     patterns AS (${byPattern(key, where)}),
     -- Materialized: each value is decoded once per pattern, not once per sum below.
     v AS MATERIALIZED (
       SELECT key, c, ${cols.join(', ')},
         ${names.map((_, i) => `${value(i)} AS x${i}, coalesce(${isLikert(`o${i}`)}, false) AS l${i}`).join(',\n         ')}
       FROM (SELECT key, c::float8 AS c, ${names.map((_, i) => `${answer(at[i]!, 'p.')} AS o${i}`).join(', ')} FROM patterns AS p) AS a
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
 * category of `question` in the same response (as themes() reads responses). Read from koubei_responses
 * (the text is there) newest first in the order of its (created_at, id) index, each row's counting
 * checked as it comes, so the scan stops after `limit` comments.
 */
export async function commentsSql(db: Database, f: Filters, question: string, limit: number): Promise<ThemeComment[]> {
  const args: unknown[] = [];
  const where = whereClause(f, args, 'r');
  args.push(question, limit);
  const rows = await zoned(f, () => analyse<{ id: string; created_at: string; category: ThemeComment['category'] | null; text: string }>(db, 
    `SELECT r.id, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       CASE WHEN r.scores->$${args.length - 1}::text->>'type' = 'nps' THEN r.scores->$${args.length - 1}::text->>'category' END AS category, t.text
     FROM koubei_responses AS r
     CROSS JOIN LATERAL (
       SELECT string_agg(r.answers->>e.key, E'\\n' ORDER BY e.ord) AS text
       FROM jsonb_each(r.scores) WITH ORDINALITY AS e(key, value, ord)
       WHERE e.value->>'type' = 'text' AND jsonb_typeof(r.answers->e.key) = 'string' AND r.answers->>e.key ~ ${NOT_BLANK}
     ) AS t
     WHERE koubei_eligible(r.complete, r.link_status, r.context) AND ${wins('r')} AND ${where} AND t.text IS NOT NULL
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT $${args.length}`,
    args,
  ));
  return rows.map((r) => ({ id: r.id, text: r.text, createdAt: r.created_at, ...(r.category ? { category: r.category } : {}) }));
}

/** A name of the request that no stored response has answered (as NPS or Likert) is surely a typo, not a 0. */
const UNANSWERED = `SELECT x.name FROM unnest($1::text[]) WITH ORDINALITY AS x(name, i)
  WHERE NOT EXISTS (SELECT 1 FROM koubei_patterns AS p WHERE p.vals ? x.name)
    AND NOT EXISTS (SELECT 1 FROM koubei_facts AS f WHERE f.pattern IS NULL AND f.vals ? x.name)
  ORDER BY x.i`;
const ANSWERED_SHOWN = 8;
/** The names the patterns hold, to suggest (an erased response's pattern stays: its names were answered once). */
const ANSWERED = `SELECT name, count(*) OVER ()::int AS total FROM (SELECT DISTINCT jsonb_object_keys(vals) AS name FROM koubei_patterns) AS n
  ORDER BY name LIMIT ${ANSWERED_SHOWN}`;

/**
 * Refuses the names among `names` that no stored response answers, naming `param`: asked only for the
 * names a result has no answer of, so a route that found answers pays nothing. Each probe reads
 * koubei_patterns (each distinct vals once: a few thousand rows for a million responses) and, only for
 * a name none of them has, the responses without a pattern (a bulk load's).
 */
async function checkAnswered(db: Database, param: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const unknown = (await db.query<{ name: string }>(UNANSWERED, [names])).map((r) => r.name.slice(0, 80));
  if (unknown.length === 0) return;
  const known = await db.query<{ name: string; total: number }>(ANSWERED);
  const shown = known.map((r) => r.name.slice(0, 80));
  const more = (known[0]?.total ?? 0) - known.length;
  const hint = known.length === 0 ? message('noneAnswered') : more > 0 ? message('answeredMore', { names: shown, more }) : message('answered', { names: shown });
  throw paramError(param, message('unknownQuestion', { names: unknown, known: hint }));
}

/** The stats of the whole result or of every group. */
const all = <S>(stats: S | GroupedStats<S>): readonly S[] =>
  typeof stats === 'object' && stats !== null && 'groups' in stats ? (stats as GroupedStats<S>).groups.map((g) => g.stats) : [stats as S];

/** GET /v1/summary?question=nps&minN=30&groupBy=sku: {@link summary} over {@link summaryStatsSql}. */
async function summaryRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['groupBy', 'question', 'minN']);
  const field = parseGroupBy(params);
  const question = parseQuestion(params, 'question', 'nps');
  const minN = parseMinN(params, 30);
  const stats = await summaryStatsSql(db, f, field);
  // Only a name the request gave: the default nps of a survey without NPS (or of no responses yet) is no mistake.
  if (params.has('question') && !all(stats).some((s) => Object.hasOwn(s.questions, question))) await checkAnswered(db, 'question', [question]);
  return summary(stats, { question, minN });
}

/** GET /v1/trend?interval=week&question=nps&timeZone=Asia/Shanghai&minN=30&groupBy=sku: {@link trend} over {@link trendStatsSql}. */
async function trendRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['interval', 'groupBy', 'question', 'minN']);
  const interval = parseInterval(params);
  const field = parseGroupBy(params);
  const question = parseQuestion(params, 'question', 'nps');
  const minN = parseMinN(params, 30);
  const stats = await trendStatsSql(db, f, question, interval, field);
  if (params.has('question') && all(stats).every((s) => s.periods.length === 0)) await checkAnswered(db, 'question', [question]);
  return trend(stats, { interval, question, timeZone: f.timeZone, minN });
}

/** GET /v1/drivers?outcome=nps&drivers=delivery,as-described,service&minN=50&groupBy=sku: {@link keyDrivers} over {@link driverStatsSql}. */
async function driversRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['outcome', 'drivers', 'groupBy', 'minN']);
  const outcome = parseQuestion(params, 'outcome', 'nps');
  const drivers = parseDrivers(params, outcome);
  const field = parseGroupBy(params);
  const minN = parseMinN(params, 50);
  const stats = await driverStatsSql(db, f, outcome, drivers, field);
  const none = (name: string) => all(stats).every((s) => !s.variables.some((v) => v.name === name && v.n > 0));
  if (params.has('outcome') && none(outcome)) await checkAnswered(db, 'outcome', [outcome]);
  // A driver answered by nobody in the period is reported with n 0; one nobody ever answered would leave the
  // others to share all of R², as if it had explained nothing.
  await checkAnswered(db, 'drivers', drivers.filter(none));
  return keyDrivers(stats, { outcome, drivers, minN });
}

/** GET /v1/themes?locale=zh-CN&question=nps&limit=2000: {@link themes} over the newest `limit` comments ({@link commentsSql}). */
async function themesRoute(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['locale', 'question', 'limit']);
  const locale = parseLocale(params);
  const question = parseQuestion(params, 'question', 'nps');
  const limit = parseLimit(params, THEMES_DEFAULT, THEMES_MAX);
  const comments = await commentsSql(db, f, question, limit);
  if (params.has('question') && !comments.some((c) => c.category)) await checkAnswered(db, 'question', [question]);
  return themes(comments, { locale });
}

const ROUTES: Record<string, AnalysisHandler> = {
  '/v1/summary': summaryRoute,
  '/v1/trend': trendRoute,
  '/v1/drivers': driversRoute,
  '/v1/themes': themesRoute,
};

/**
 * A `touchpoint` filter no stored response answers is a typo as a question name is (checkAnswered): refused,
 * not a result of nobody. Asked after the route read the filters (a malformed one is refused as such first).
 */
export async function checkTouchpoint(db: Database, params: URLSearchParams): Promise<void> {
  const tp = params.get('touchpoint');
  if (tp) await checkAnswered(db, 'touchpoint', [tp]);
}

/** The handler of an analysis route, or undefined for any other path. */
export function analysisRoute(path: string): AnalysisHandler | undefined {
  if (!Object.hasOwn(ROUTES, path)) return undefined;
  const route = ROUTES[path]!;
  return async (db, params) => {
    const out = await route(db, params);
    await checkTouchpoint(db, params);
    return out;
  };
}
