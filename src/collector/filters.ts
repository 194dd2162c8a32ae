// The admin routes' filters (survey, from, to, category, q, touchpoint, orderId, id, context.<field>) as one SQL
// condition with $n parameters: nothing from the request is ever spliced into SQL text.
import { zoneOffset } from '../analysis/period.js';
import { LEXICON } from '../analysis/lexicon.js';
import { termForms } from '../analysis/themes.js';
import { HttpError, message, type Message } from './http.js';

export interface Filters {
  survey?: string;
  from?: string;
  to?: string;
  category?: 'promoter' | 'passive' | 'detractor';
  q?: string;
  /**
   * A themes term (`/v1/responses?term=` only): the text answers hold one of its forms (termForms); the route then
   * keeps the rows themes() counts it in (mentionsTerm), which SQL cannot tell.
   */
  term?: string;
  /** Responses that answered this Likert question (a touchpoint: `delivery`), whatever the score. */
  touchpoint?: string;
  orderId?: string;
  id?: string;
  /** Signed email links: `verified`, `unverified` (forged, tampered or expired: kept, listed, never counted) or `none`. */
  link?: 'verified' | 'unverified' | 'none';
  timeZone: string;
  context: Record<string, string>;
}

const FILTER_PARAMS = ['survey', 'from', 'to', 'category', 'q', 'touchpoint', 'orderId', 'id', 'timeZone', 'link'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date, or an ISO 8601 date-time with its offset (without one it would be read in the server's zone). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/i;
const FIELD = /^[A-Za-z_][\w-]{0,63}$/;
/** A question name, as the analysis routes take it: no control characters (at most 200 characters, as every filter). */
const QUESTION = /^[^\u0000-\u001f\u007f]+$/;

/** A 400 naming the parameter; a detail given as a string reads the same in every language. */
export const paramError = (name: string, detail: string | Message) => new HttpError(400, 'param', { name, detail });

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A query string whose %-encoding is malformed (`%E0%A4%A`, `%zz`, bytes that are not UTF-8): URLSearchParams would
 * read it as U+FFFD and search for that. A 400 naming the parameter instead; also for a NUL (`%00`), which no
 * PostgreSQL text can hold (it was a 500). UTF-8 decodes to no lone surrogate.
 */
export function checkQuery(search: string): void {
  for (const part of search.replace(/^\?/, '').split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    for (const s of [name, eq < 0 ? '' : part.slice(eq + 1)]) {
      let text: string;
      try {
        text = decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        throw paramError(name.slice(0, 80), message('encoding'));
      }
      if (text.includes('\0')) throw paramError(name.slice(0, 80), message('nul'));
    }
  }
}

/** When a local date starts in `timeZone` (as PostgreSQL's date::timestamp AT TIME ZONE reads it), in ms. */
function startOfDay(date: string, timeZone: string): number {
  const utc = Date.parse(date + 'T00:00:00Z');
  return utc - zoneOffset(utc - zoneOffset(utc, timeZone), timeZone);
}

/** `from` after `to` matches nothing, and is surely a mistake (swapped): the bounds as whereClause applies them. */
function checkRange(f: Filters): void {
  if (f.from === undefined || f.to === undefined) return;
  const from = DATE.test(f.from) ? startOfDay(f.from, f.timeZone) : Date.parse(f.from);
  const to = DATE.test(f.to) ? startOfDay(new Date(Date.parse(f.to + 'T00:00:00Z') + 864e5).toISOString().slice(0, 10), f.timeZone) : Date.parse(f.to);
  // A date `to` is its whole day (the next one's start excluded); a date-time `to` is included.
  if (DATE.test(f.to) ? from >= to : from > to) throw paramError('from', message('range', { from: f.from, to: f.to }));
}

/** Reads the filters and checks that every other parameter is one the route takes (`extra`). */
export function parseFilters(params: URLSearchParams, extra: readonly string[] = []): Filters {
  // Null prototype: a field named constructor or toString is the request's, not Object.prototype's.
  const f: Filters = { timeZone: 'Asia/Shanghai', context: Object.create(null) as Record<string, string> };
  for (const [name, value] of params) {
    if (name.startsWith('context.')) {
      const field = name.slice(8);
      if (!FIELD.test(field)) throw paramError(name, message('contextField'));
      // The ingest refuses a __proto__ key, so no response has one; as a key here it would set nothing and match all.
      if (field === '__proto__') throw paramError(name, message('protoField'));
      // An empty value is a template that filled nothing in: it would match no one, silently.
      if (value.trim() === '') throw paramError(name, message('blank'));
      f.context[field] = value;
      continue;
    }
    if (!FILTER_PARAMS.includes(name) && !extra.includes(name)) {
      throw new HttpError(400, 'unknown_param', { name, hint: FIELD.test(name) ? message('contextHint', { name }) : '' });
    }
    if (params.getAll(name).length > 1) throw paramError(name, message('twice'));
  }
  const get = (k: string) => {
    const v = params.get(k);
    if (v === null) return undefined;
    if (v.length > 200) throw paramError(k, message('tooLong', { max: 200 }));
    // q= is a search box left empty (no filter); any other empty filter would match no one, silently.
    if (k !== 'q' && v.trim() === '') throw paramError(k, message('blank'));
    return v;
  };
  f.survey = get('survey');
  f.q = get('q');
  f.term = get('term');
  const touchpoint = get('touchpoint');
  if (touchpoint !== undefined) {
    if (!QUESTION.test(touchpoint)) throw paramError('touchpoint', message('touchpoint'));
    f.touchpoint = touchpoint;
  }
  f.orderId = get('orderId');
  const tz = get('timeZone');
  if (tz !== undefined) {
    if (!validTimeZone(tz)) throw paramError('timeZone', message('timeZone', { value: tz }));
    f.timeZone = tz;
  }
  for (const k of ['from', 'to'] as const) {
    const v = get(k);
    if (v === undefined) continue;
    const m = DATE_TIME.exec(v);
    if (!m || Number.isNaN(Date.parse(m[2] ? v : `${v}T00:00:00Z`)))
      throw paramError(k, message('date', { value: v }));
    // Date.parse takes 2026-02-30 as 2 March; PostgreSQL refuses it.
    if (new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) throw paramError(k, message('calendar', { value: v }));
    f[k] = v;
  }
  checkRange(f);
  const category = get('category');
  if (category !== undefined) {
    if (category !== 'promoter' && category !== 'passive' && category !== 'detractor') throw paramError('category', message('category'));
    f.category = category;
  }
  const link = get('link');
  if (link !== undefined) {
    if (link !== 'verified' && link !== 'unverified' && link !== 'none') throw paramError('link', message('link'));
    f.link = link;
  }
  const id = get('id');
  if (id !== undefined) {
    if (!UUID.test(id)) throw paramError('id', message('id'));
    f.id = id;
  }
  return f;
}

/**
 * `from`/`to` as a date are whole days in the shop's time zone (`to` inclusive); a date-time is taken as it is.
 * `table`: the condition is on koubei_responses or on koubei_facts (the analysis routes); an order id is
 * looked up in koubei_facts either way, as only its index has order_id (migration 007).
 */
export function whereClause(f: Filters, params: unknown[], alias = '', table: 'responses' | 'facts' = 'responses'): string {
  const a = alias ? `${alias}.` : '';
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (f.survey !== undefined) parts.push(`${a}survey_id = ${p(f.survey)}`);
  if (f.id !== undefined) parts.push(`${a}id = ${p(f.id)}::uuid`);
  if (f.orderId !== undefined) {
    parts.push(table === 'facts' ? `${a}order_id = ${p(f.orderId)}` : `${a}id IN (SELECT o.id FROM koubei_facts AS o WHERE o.order_id = ${p(f.orderId)})`);
  }
  if (f.category !== undefined) parts.push(`${a}nps_category = ${p(f.category)}`);
  if (f.link !== undefined) parts.push(f.link === 'none' ? `${a}link_status IS NULL` : `${a}link_status = ${p(f.link)}`);
  if (f.from !== undefined) {
    parts.push(DATE.test(f.from) ? `${a}created_at >= (${p(f.from)}::date::timestamp AT TIME ZONE ${p(f.timeZone)})` : `${a}created_at >= ${p(f.from)}::timestamptz`);
  }
  if (f.to !== undefined) {
    parts.push(DATE.test(f.to) ? `${a}created_at < ((${p(f.to)}::date + 1)::timestamp AT TIME ZONE ${p(f.timeZone)})` : `${a}created_at <= ${p(f.to)}::timestamptz`);
  }
  // Its score is stored under the question's name with type likert (an NPS or a text answer of that name is not a touchpoint).
  if (f.touchpoint !== undefined) parts.push(`${a}scores -> ${p(f.touchpoint)}::text ->> 'type' = 'likert'`);
  // In the text answers' values only: not the answers' names (q=delivery) nor numbers (q=6), as the JSON text would.
  const texts = (terms: string[]) => {
    const likes = terms.map((t) => '%' + t.replace(/[\\%_]/g, '\\$&') + '%');
    const match = likes.length === 1 ? `ILIKE ${p(likes[0])}` : `ILIKE ANY (${p(likes)}::text[])`;
    parts.push(`EXISTS (SELECT 1 FROM jsonb_each(${a}answers) AS qa(k, v) WHERE jsonb_typeof(qa.v) = 'string' AND qa.v #>> '{}' ${match})`);
  };
  if (f.q !== undefined && f.q !== '') texts(searchTerms(f.q));
  if (f.term !== undefined) texts(termForms(f.term));
  if (Object.keys(f.context).length) parts.push(`${a}context @> ${p(JSON.stringify(f.context))}::jsonb`);
  return parts.length ? parts.join(' AND ') : 'true';
}

const HAN = /\p{Script=Han}/u;
let chineseForms: Map<string, readonly string[]> | undefined;

/**
 * What `q` searches for: itself and, when it is a form of a lexicon concept (any case), every Chinese form of
 * that concept. The zh-TW report shows 包裝 for comments that wrote 包装 (and the English one packaging):
 * clicking the term must find them in either script.
 */
export function searchTerms(q: string): string[] {
  if (!chineseForms) {
    chineseForms = new Map();
    for (const c of LEXICON) {
      const zh = c.forms.filter((form) => HAN.test(form));
      for (const form of c.forms) {
        const key = form.toLowerCase();
        chineseForms.set(key, [...(chineseForms.get(key) ?? []), ...zh]);
      }
    }
  }
  return [...new Set([q, ...(chineseForms.get(q.toLowerCase()) ?? [])])];
}

/** `limit`: 1 to `max`, default `fallback`. */
export function parseLimit(params: URLSearchParams, fallback = 50, max = 500): number {
  const v = params.get('limit');
  if (v === null) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max) throw paramError('limit', message('limit', { max }));
  return n;
}

/** The keyset cursor: the last row's created_at (as PostgreSQL wrote it, full precision) and id. */
export const encodeCursor = (createdAt: string, id: string) => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

export function decodeCursor(v: string): [string, string] {
  try {
    const c = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (Array.isArray(c) && c.length === 2 && !Number.isNaN(Date.parse(c[0])) && UUID.test(c[1])) return [c[0], c[1]];
  } catch {
    /* falls through */
  }
  throw paramError('cursor', message('cursor'));
}
