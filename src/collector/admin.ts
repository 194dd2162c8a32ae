// The admin routes: list, export, erase, and the follow-up queue. Each takes parsed parameters and the
// database and answers JSON, or streams (export) in pages so memory stays flat at any size.
import type { ServerResponse } from 'node:http';
import { textProblem } from '../schema-lite.js';
import { mentionsTerm } from '../analysis/themes.js';
import { checkTouchpoint, wins } from './analytics.js';
import type { Database } from './db.js';
import { decodeCursor, encodeCursor, paramError, parseFilters, parseLimit, whereClause, type Filters } from './filters.js';
import { HttpError } from './http.js';

/** A timestamp as the client writes one (toISOString: milliseconds), or with microseconds for a cursor. */
const ts = (col: string, unit = 'MS') => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${unit}"Z"')`;

/**
 * A response's columns, times in milliseconds (`2026-12-01T10:00:00.160Z`, not PostgreSQL's `.160000Z`), and
 * `cursor_at`: created_at to the microsecond, for keyset pages (a client may send a finer createdAt, and two
 * responses a microsecond apart must neither repeat nor be skipped).
 */
export const RESPONSE_COLUMNS = `id, survey_id, revision, complete, ${ts('created_at')} AS created_at, ${ts('created_at', 'US')} AS cursor_at,
  ${ts('received_at')} AS received_at, locale, answers, scores, context, redactions, needs_follow_up, follow_up_status, follow_up_note,
  ${ts('follow_up_at')} AS follow_up_at, link_status, link_reason`;

export interface StoredRow {
  id: string;
  survey_id: string;
  revision: number;
  complete: boolean;
  created_at: string;
  cursor_at: string;
  received_at: string;
  locale: string;
  answers: Record<string, number | string | string[]>;
  scores: Record<string, unknown>;
  context: Record<string, string>;
  redactions: Record<string, number>;
  needs_follow_up: boolean;
  follow_up_status: 'open' | 'done' | null;
  follow_up_note: string | null;
  follow_up_at: string | null;
  link_status: 'verified' | 'unverified' | null;
  link_reason: string | null;
}

/** A stored row in the payload's own names, plus what the collector added. */
export const toResponse = (r: StoredRow) => ({
  id: r.id,
  surveyId: r.survey_id,
  createdAt: r.created_at,
  receivedAt: r.received_at,
  locale: r.locale,
  answers: r.answers,
  scores: r.scores,
  context: r.context,
  complete: r.complete,
  revision: r.revision,
  redactions: r.redactions,
  followUp: r.needs_follow_up || r.follow_up_status ? { status: r.follow_up_status ?? 'open', note: r.follow_up_note, at: r.follow_up_at } : null,
  link: r.link_status ? { status: r.link_status, reason: r.link_reason } : null,
});

/** A response's text answers as /v1/themes reads them: joined, in the order of its scores. */
const textOf = (r: StoredRow) =>
  Object.keys(r.scores)
    .filter((k) => (r.scores[k] as { type?: string } | null)?.type === 'text' && typeof r.answers[k] === 'string' && (r.answers[k] as string).trim() !== '')
    .map((k) => r.answers[k])
    .join('\n');

/** How many rows one `term` page reads at most: a rare term gives a short page with a cursor, not a long request. */
const TERM_SCAN = 5000;

/**
 * GET /v1/responses: newest first, `limit` per page, `nextCursor` for the next (null on the last). With `term`, SQL
 * finds the rows holding one of its forms and this keeps those themes() counts it in, reading on until the page is
 * full; past TERM_SCAN rows read, the page is shorter, and its cursor goes on from the last row read.
 */
export async function listResponses(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['limit', 'cursor', 'term']);
  const limit = parseLimit(params);
  const base: unknown[] = [];
  const where = whereClause(f, base);
  const cursor = params.get('cursor');
  let after = cursor ? decodeCursor(cursor) : undefined;
  const keep = f.term === undefined ? undefined : (r: StoredRow) => mentionsTerm(textOf(r), f.term!);
  const page: StoredRow[] = [];
  let more = false;
  for (let read = 0; ; ) {
    const args = [...base];
    let w = where;
    if (after) {
      args.push(after[0], after[1]);
      w += ` AND (created_at, id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`;
    }
    const n = keep ? Math.min(Math.max(4 * limit, 200), TERM_SCAN - read) : limit + 1;
    args.push(n);
    // r.created_at: the column (a bare created_at in ORDER BY is the output column, text to the millisecond).
    const rows = await db.query<StoredRow>(`SELECT ${RESPONSE_COLUMNS} FROM koubei_responses AS r WHERE ${w} ORDER BY r.created_at DESC, r.id DESC LIMIT $${args.length}`, args);
    read += rows.length;
    for (const r of rows) {
      if (keep && !keep(r)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(r);
    }
    const last = rows[rows.length - 1];
    if (more || rows.length < n || !last) break;
    after = [last.cursor_at, last.id];
    if (read >= TERM_SCAN) {
      // A short page: the next one starts after the last row read, not after the last one kept.
      const end = encodeCursor(last.cursor_at, last.id);
      return { responses: page.map(toResponse), nextCursor: end };
    }
  }
  if (page.length === 0 && !cursor) await checkTouchpoint(db, params);
  const last = page[page.length - 1];
  return { responses: page.map(toResponse), nextCursor: more && last ? encodeCursor(last.cursor_at, last.id) : null };
}

/** DELETE /v1/responses?id= or ?orderId=: a customer's erasure request. */
export async function deleteResponses(db: Database, params: URLSearchParams) {
  const f = parseFilters(params);
  const used = [...params.keys()];
  if (!f.id && !f.orderId) throw paramError('id', 'give id=<response id> or orderId=<order id>');
  if (used.some((k) => k !== 'id' && k !== 'orderId')) throw paramError(used.find((k) => k !== 'id' && k !== 'orderId')!, 'erasure takes only id or orderId');
  const args: unknown[] = [];
  const where = whereClause(f, args);
  const rows = await db.transaction(async (q) => {
    const gone = await q<{ id: string }>(`DELETE FROM koubei_responses WHERE ${where} RETURNING id`, args);
    if (gone.length) await q('DELETE FROM koubei_notifications WHERE response_id = ANY($1::uuid[])', [gone.map((r) => r.id)]);
    return gone;
  });
  return { deleted: rows.length, ids: rows.map((r) => r.id) };
}

/**
 * GET /v1/follow-ups?status=open|done: who waits for a call back, the oldest first. One call per order: an order
 * answered twice is listed by the response that counts for it (latestResponses' rule, as the analysis routes),
 * and only when that one needs a call back.
 */
export async function listFollowUps(db: Database, params: URLSearchParams) {
  const f = parseFilters(params, ['status', 'limit', 'cursor']);
  const status = params.get('status') ?? 'open';
  if (status !== 'open' && status !== 'done') throw paramError('status', 'must be open or done');
  const limit = parseLimit(params, 100, 500);
  const args: unknown[] = [];
  let where = `r.needs_follow_up AND r.order_id IS NOT NULL AND ${whereClause(f, args, 'r')} AND ${wins('r')}`;
  args.push(status);
  where += ` AND r.follow_up_status = $${args.length}`;
  const cursor = params.get('cursor');
  if (cursor) {
    const [at, id] = decodeCursor(cursor);
    args.push(at, id);
    where += ` AND (r.created_at, r.id) > ($${args.length - 1}::timestamptz, $${args.length}::uuid)`;
  }
  args.push(limit + 1);
  const rows = await db.query<StoredRow>(`SELECT ${RESPONSE_COLUMNS} FROM koubei_responses AS r WHERE ${where} ORDER BY r.created_at, r.id LIMIT $${args.length}`, args);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { followUps: page.map(toResponse), nextCursor: more && last ? encodeCursor(last.cursor_at, last.id) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PATCH /v1/responses/:id with `{ followUp: { status, note } }`. */
export async function patchResponse(db: Database, id: string, body: unknown) {
  if (!UUID.test(id)) throw new HttpError(400, 'invalid_body', {}, [`id: "${id}" is not a response id (a UUID)`]);
  const issues: string[] = [];
  const b = body as { followUp?: { status?: unknown; note?: unknown } } | null;
  const fu = b && typeof b === 'object' && !Array.isArray(b) ? b.followUp : undefined;
  if (!fu || typeof fu !== 'object' || Array.isArray(fu)) issues.push('followUp: expected an object { status, note }');
  else {
    for (const k of Object.keys(fu)) if (k !== 'status' && k !== 'note') issues.push(`followUp.${k}: unknown field`);
    if (fu.status !== 'open' && fu.status !== 'done') issues.push('followUp.status: expected "open" or "done"');
    if (fu.note !== undefined && fu.note !== null && typeof fu.note !== 'string') issues.push('followUp.note: expected a string');
    if (typeof fu.note === 'string' && fu.note.length > 2000) issues.push('followUp.note: at most 2000 characters');
    // PostgreSQL's text holds no NUL (a 500) and would store a lone surrogate as U+FFFD without a word.
    const problem = typeof fu.note === 'string' && textProblem(fu.note);
    if (problem) issues.push(`followUp.note: ${problem}`);
  }
  if (b && typeof b === 'object') for (const k of Object.keys(b)) if (k !== 'followUp') issues.push(`${k}: unknown field`);
  if (issues.length) throw new HttpError(400, 'invalid_body', {}, issues);
  const { status, note } = fu as { status: 'open' | 'done'; note?: string | null };
  const [row] = await db.query<StoredRow>(
    `UPDATE koubei_responses SET follow_up_status = $2, follow_up_note = $3, follow_up_at = now() WHERE id = $1::uuid RETURNING ${RESPONSE_COLUMNS}`,
    [id, status, note ?? null],
  );
  if (!row) throw new HttpError(404, 'no_response', { id });
  return toResponse(row);
}

/** A cell that a spreadsheet would run as a formula starts with one of these: it gets a leading '. */
const FORMULA = /^[=+\-@\t\r]/;
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  // A multiple choice's values, as a spreadsheet user would type them: late|damaged.
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) v = v.join('|');
  let s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && FORMULA.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const PAGE = 500;

/**
 * GET /v1/export?format=csv|ndjson: every matching response, oldest first, read in keyset pages and
 * written with back-pressure, so a million rows take the memory of one page. CSV starts with a UTF-8
 * BOM (Excel and WPS then read Chinese correctly) and has one column per question and context field.
 */
export async function exportResponses(db: Database, params: URLSearchParams, res: ServerResponse, headers: Record<string, string>) {
  const f = parseFilters(params, ['format']);
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'ndjson') throw paramError('format', 'must be csv or ndjson');
  const args: unknown[] = [];
  const where = whereClause(f, args);
  let columns: { answers: string[]; context: string[] } = { answers: [], context: [] };
  if (format === 'csv') {
    const keys = await db.query<{ kind: string; key: string }>(
      `SELECT DISTINCT 'a' AS kind, jsonb_object_keys(answers) AS key FROM koubei_responses WHERE ${where}
       UNION SELECT DISTINCT 'c', jsonb_object_keys(context) FROM koubei_responses WHERE ${where} ORDER BY 1, 2`,
      args,
    );
    columns = { answers: keys.filter((k) => k.kind === 'a').map((k) => k.key), context: keys.filter((k) => k.kind === 'c').map((k) => k.key) };
  }
  const name = `koubei-${(f.survey ?? 'responses').replace(/[^\w-]/g, '_')}-${new Date().toISOString().slice(0, 10)}.${format}`;
  res.writeHead(200, {
    ...headers,
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  // One close listener for the whole export (one per page warned MaxListenersExceeded past 10 pages): a write
  // the client cannot take waits for its drain or for this.
  const gone = new Promise<never>((_, fail) => res.once('close', () => fail(new Error('client went away'))));
  gone.catch(() => undefined);
  const write = (text: string) => (res.write(text) ? undefined : Promise.race([new Promise<void>((ok) => res.once('drain', ok)), gone]));
  const fixed = ['id', 'surveyId', 'createdAt', 'receivedAt', 'locale', 'complete', 'revision'];
  const extra = ['followUp.status', 'followUp.note', 'link.status', 'redactions'];
  if (format === 'csv') await write('\uFEFF' + [...fixed, ...columns.answers, ...columns.context.map((c) => `context.${c}`), ...extra].map(csvCell).join(',') + '\r\n');
  let after: [string, string] | null = null;
  for (;;) {
    const a = [...args];
    let w = where;
    if (after) {
      a.push(after[0], after[1]);
      w += ` AND (created_at, id) > ($${a.length - 1}::timestamptz, $${a.length}::uuid)`;
    }
    a.push(PAGE);
    const rows: StoredRow[] = await db.query<StoredRow>(`SELECT ${RESPONSE_COLUMNS} FROM koubei_responses AS r WHERE ${w} ORDER BY r.created_at, r.id LIMIT $${a.length}`, a);
    let chunk = '';
    for (const r of rows) {
      if (format === 'ndjson') chunk += JSON.stringify(toResponse(r)) + '\n';
      else {
        const cells = [r.id, r.survey_id, r.created_at, r.received_at, r.locale, r.complete, r.revision];
        for (const q of columns.answers) cells.push(r.answers[q] as string);
        for (const c of columns.context) cells.push(r.context[c]);
        cells.push(r.follow_up_status ?? '', r.follow_up_note ?? '', r.link_status ? `${r.link_status}${r.link_reason ? ` (${r.link_reason})` : ''}` : '', Object.keys(r.redactions).length ? JSON.stringify(r.redactions) : '');
        chunk += cells.map(csvCell).join(',') + '\r\n';
      }
    }
    if (chunk) await write(chunk);
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = [last.cursor_at, last.id];
  }
  res.end();
}

export type { Filters };
