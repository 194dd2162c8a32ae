// POST /v1/responses: a validated batch becomes one multi-row upsert (highest revision wins), with its
// follow-up notifications and the Idempotency-Key's answer written in the same statement.
import { createHash } from 'node:crypto';
import { verifyContext, type LinkKeys } from '../email/link.js';
import { redact, type RedactionKind } from '../privacy/index.js';
import { batchSchema, formatSchemaError, type KoubeiResponse } from '../schema.js';
import type { Database } from './db.js';
import { HttpError } from './http.js';

/** At most this many issue lines in a 400: a 50-response batch of garbage must not answer with 500 lines. */
const MAX_ISSUES = 20;

export interface IngestAnswer {
  accepted: number;
  ids: string[];
  /** How many of them this request wrote (new, or a higher revision); the rest were replays or older. */
  stored: number;
  /** How many higher revisions were not stored because their link is not verified and the stored one's is (see {@link verifiedStays}). */
  keptOut: number;
}

export interface Row {
  id: string;
  survey_id: string;
  revision: number;
  complete: boolean;
  created_at: string;
  locale: string;
  order_id: string | null;
  nps: number | null;
  nps_category: string | null;
  answers: KoubeiResponse['answers'];
  scores: KoubeiResponse['scores'];
  context: Record<string, string>;
  redactions: Partial<Record<RedactionKind, number>>;
  needs_follow_up: boolean;
  link_status: 'verified' | 'unverified' | null;
  link_reason: string | null;
  /** The NPS and Likert answers as koubei_facts keeps them (migration 005's koubei_vals). */
  vals: Record<string, number>;
  notify: unknown;
}

/** What the link check said of a response that claims a signed link (`context.sig`). */
export interface LinkVerdict {
  status: 'verified' | 'unverified';
  reason: string | null;
}

/**
 * Checks each response that claims a link against the link secrets (key id → secret). The customer
 * changing the clicked score on the page is still the customer (`score-changed`): verified.
 */
export async function checkLinks(responses: readonly KoubeiResponse[], keys: LinkKeys | undefined, now = Date.now()): Promise<(LinkVerdict | null)[]> {
  if (!keys) return responses.map(() => null);
  return Promise.all(
    responses.map(async (r) => {
      if (r.context.sig === undefined) return null;
      const check = await verifyContext(r, keys, { now });
      return check.valid || check.reason === 'score-changed' ? { status: 'verified', reason: check.valid ? null : check.reason } : { status: 'unverified', reason: check.reason };
    }),
  );
}

/** A score clicked in an email and recorded before any sign of a person (no `context.confirmed`): a scanner's, maybe. */
export const unconfirmedPartial = (r: KoubeiResponse) => !r.complete && r.context.sig !== undefined && !r.context.confirmed;

/** Refuses `__proto__` keys, which JSON.parse keeps as own properties but zod drops without a word. */
function protoKeys(v: unknown, path: string, out: string[], depth = 0): void {
  if (typeof v !== 'object' || v === null || depth > 8 || out.length >= MAX_ISSUES) return;
  if (Array.isArray(v)) return v.forEach((x, i) => protoKeys(x, `${path}[${i}]`, out, depth + 1));
  for (const k of Object.keys(v)) {
    const p = path ? `${path}.${k}` : k;
    if (k === '__proto__') out.push(`${p}: a key named "__proto__" cannot be stored; rename it`);
    else protoKeys((v as Record<string, unknown>)[k], p, out, depth + 1);
  }
}

/**
 * How far ahead of the collector's clock a createdAt may be: a device's clock a little fast, not the year 2999
 * (which would never reach retention and would stretch every trend to a thousand years of empty periods).
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 3600 * 1000;

const languages = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }) : undefined;

/**
 * What is wrong with a response's locale, or undefined: not a BCP 47 tag (`zh_CN`, `English`), or a language there is
 * not (ICU names no `zz` or `qaa`). `und` says "not known" (what the survey sends for a lang it cannot read).
 */
export function localeProblem(tag: string): string | undefined {
  let language: string | undefined;
  try {
    language = new Intl.Locale(Intl.getCanonicalLocales(tag)[0]).language;
  } catch {
    return `${JSON.stringify(tag)} is not a BCP 47 language tag (such as zh-CN, zh-TW or en; und when unknown)`;
  }
  if (!languages || !language || language === 'und') return undefined;
  let name: string | undefined;
  try {
    name = languages.of(language);
  } catch {
    /* not a language code */
  }
  return name === undefined ? `${JSON.stringify(tag)} is not a known language (a BCP 47 tag such as zh-CN, zh-TW or en; und when unknown)` : undefined;
}

/** The collector's own checks beyond the contract: what depends on its clock and its language data. */
function collectorIssues(responses: readonly KoubeiResponse[], now: number, retentionDays?: number): string[] {
  const out: string[] = [];
  responses.forEach((r, i) => {
    const at = Date.parse(r.createdAt);
    if (at > now + MAX_CLOCK_AHEAD_MS) {
      out.push(`responses[${i}].createdAt: ${r.createdAt} is more than a day ahead of the collector's clock (${new Date(now).toISOString()}); check the device's clock`);
    }
    // Acknowledged, then deleted by the next retention run: refused, so the sender keeps it as a dead letter instead.
    if (retentionDays !== undefined && at < now - retentionDays * 864e5) {
      out.push(`responses[${i}].createdAt: ${r.createdAt} is older than the collector's retention (${retentionDays} days, --retention-days), so it would be deleted at once`);
    }
    const locale = localeProblem(r.locale);
    if (locale) out.push(`responses[${i}].locale: ${locale}`);
  });
  return out;
}

/** Validates a parsed body with the server contract (`batchSchema`) and the collector's checks, or throws the 400. */
export function validateBatch(body: unknown, now = Date.now(), retentionDays?: number): KoubeiResponse[] {
  const proto: string[] = [];
  protoKeys(body, '', proto);
  if (proto.length) throw new HttpError(400, 'invalid_batch', {}, proto);
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'invalid_batch', {}, formatSchemaError(parsed.error).slice(0, MAX_ISSUES));
  const issues = collectorIssues(parsed.data.responses, now, retentionDays);
  if (issues.length) throw new HttpError(400, 'invalid_batch', {}, issues.slice(0, MAX_ISSUES));
  return parsed.data.responses;
}

/** Bottom-two-box (bottom box on a 3-point scale), mirroring `satisfied`'s top-two-box. */
const unhappyLikert = (s: { value: number; points: number }) => s.value <= (s.points === 3 ? 1 : 2);

/** Why a response needs a call back: an NPS detractor or an unhappy touchpoint, and an order to call about. */
export function followUpReasons(r: KoubeiResponse): string[] {
  if (!r.context.orderId) return [];
  const reasons: string[] = [];
  for (const [name, s] of Object.entries(r.scores)) {
    if (s.type === 'nps' && s.category === 'detractor') reasons.push(`${name}:detractor`);
    if (s.type === 'likert' && unhappyLikert(s)) reasons.push(`${name}:unhappy`);
  }
  return reasons;
}

/** The NPS question a row is filtered by: the one named `nps`, else the first. */
function mainNps(r: KoubeiResponse) {
  const s = r.scores.nps?.type === 'nps' ? r.scores.nps : Object.values(r.scores).find((x) => x.type === 'nps');
  return s?.type === 'nps' ? s : undefined;
}

/** koubei_vals() of migration 005: an NPS answer as its value, a Likert answer as value × 100 + points. */
export function vals(scores: KoubeiResponse['scores']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(scores)) {
    if (s.type === 'nps') out[name] = s.value;
    else if (s.type === 'likert') out[name] = s.value * 100 + s.points;
  }
  return out;
}

/** What is stored for one response: open text redacted (the original never leaves this function). */
export function toRow(r: KoubeiResponse, notifying: boolean, link: LinkVerdict | null = null): Row {
  const answers: KoubeiResponse['answers'] = {};
  const redactions: Partial<Record<RedactionKind, number>> = {};
  for (const [name, value] of Object.entries(r.answers)) {
    const type = r.scores[name]?.type;
    if (typeof value === 'string' && (type === 'text' || type === undefined)) {
      const out = redact(value, { locale: r.locale });
      answers[name] = out.text;
      for (const [k, n] of Object.entries(out.redactions) as [RedactionKind, number][]) redactions[k] = (redactions[k] ?? 0) + n;
    } else answers[name] = value;
  }
  const nps = mainNps(r);
  // A forged link or a scanner's click asks nobody to call a customer.
  const reasons = link?.status === 'unverified' || unconfirmedPartial(r) ? [] : followUpReasons(r);
  const row: Row = {
    id: r.id,
    survey_id: r.surveyId,
    revision: r.revision,
    complete: r.complete,
    created_at: r.createdAt,
    locale: r.locale,
    order_id: r.context.orderId ?? null,
    nps: nps?.value ?? null,
    nps_category: nps?.category ?? null,
    answers,
    scores: r.scores,
    context: r.context,
    redactions,
    needs_follow_up: reasons.length > 0,
    link_status: link?.status ?? null,
    link_reason: link?.reason ?? null,
    vals: vals(r.scores),
    notify: null,
  };
  if (notifying && reasons.length) {
    row.notify = {
      type: 'koubei.follow-up',
      reasons,
      response: { id: r.id, surveyId: r.surveyId, createdAt: r.createdAt, locale: r.locale, orderId: row.order_id, answers, scores: r.scores, context: r.context, revision: r.revision, complete: r.complete },
    };
  }
  return row;
}

/**
 * A revision whose link is not verified never replaces one whose link is: anyone holding the email can change one
 * character of `sig` and post a higher revision of the customer's response id.
 */
export const verifiedStays = (had: Pick<Row, 'link_status'>, next: Pick<Row, 'link_status'>) => had.link_status === 'verified' && next.link_status !== 'verified';
/**
 * A verified revision replaces one that is not, whatever their revisions: else a forged revision 2147483647 posted
 * under a link's rid before the customer answers would keep the customer's real answer out for good.
 */
export const verifiedWins = (had: Pick<Row, 'link_status'>, next: Pick<Row, 'link_status'>) => next.link_status === 'verified' && had.link_status !== 'verified';

/**
 * Keeps one row per id, the highest revision (the first of equals): a batch may hold one id twice. `keptOut`: higher
 * revisions left out by {@link verifiedStays}, as if the batch had come as one request per response.
 */
export function dedupe(rows: Row[]): { rows: Row[]; keptOut: number } {
  const best = new Map<string, Row>();
  let keptOut = 0;
  for (const r of rows) {
    const had = best.get(r.id);
    if (had && r.revision > had.revision && verifiedStays(had, r)) keptOut++;
    else if (!had || r.revision > had.revision || verifiedWins(had, r)) best.set(r.id, r);
  }
  return { rows: [...best.values()], keptOut };
}

/** A batch's identity for Idempotency-Key: the ids and revisions it carries (sentAt changes on every retry). */
export const fingerprint = (responses: readonly KoubeiResponse[]) =>
  createHash('sha256')
    .update(responses.map((r) => `${r.id}:${r.revision}`).sort().join(','))
    .digest('base64url');

/**
 * A partial (`complete: false`: a score clicked in an email, maybe on a second device) of a higher
 * revision updates the answers it carries and keeps the others; a complete one replaces them all.
 *
 * One statement, so one implicit transaction: the upsert (rows sorted by id, so concurrent batches lock
 * in one order and cannot deadlock), its narrow copy for the analysis routes, the count of responses
 * per order, the notifications for rows that newly need follow-up, and the Idempotency-Key's answer.
 * Equal or lower revisions change nothing, and neither does one whose link is not verified over a stored one whose
 * link is (verifiedStays; `barred` counts those, as the rows stood when the statement began); a verified revision
 * replaces one that is not at any revision (verifiedWins).
 */
const VERIFIED_WINS = `(excluded.link_status IS NOT DISTINCT FROM 'verified' AND r.link_status IS DISTINCT FROM 'verified')`;
export const UPSERT = `
-- json, not jsonb: the batch is read once, field by field; parsing it all to jsonb first cost a fifth of the write.
WITH input AS (
  SELECT * FROM json_to_recordset($1::json) AS x(
    id uuid, survey_id text, revision integer, complete boolean, created_at timestamptz, locale text, order_id text,
    nps smallint, nps_category text, answers jsonb, scores jsonb, context jsonb, redactions jsonb,
    needs_follow_up boolean, link_status text, link_reason text, vals jsonb, notify jsonb)
),
-- Only rows that could queue a notification need their stored state.
old AS (SELECT r.id, r.needs_follow_up FROM koubei_responses r JOIN input USING (id) WHERE input.notify IS NOT NULL),
barred AS (
  SELECT count(*)::int AS n FROM koubei_responses r JOIN input USING (id)
  WHERE r.link_status = 'verified' AND input.link_status IS DISTINCT FROM 'verified' AND r.revision < input.revision
),
up AS (
  INSERT INTO koubei_responses AS r (id, survey_id, revision, complete, created_at, locale, order_id, nps, nps_category,
    answers, scores, context, redactions, needs_follow_up, link_status, link_reason, follow_up_status)
  SELECT id, survey_id, revision, complete, created_at, locale, order_id, nps, nps_category,
    answers, scores, context, redactions, needs_follow_up, link_status, link_reason, CASE WHEN needs_follow_up THEN 'open' END
  FROM input ORDER BY id
  ON CONFLICT (id) DO UPDATE SET
    survey_id = excluded.survey_id, revision = excluded.revision,
    -- A verified revision over one that is not (verifiedWins) takes nothing of it: not its answers, not its complete.
    complete = CASE WHEN ${VERIFIED_WINS} THEN excluded.complete ELSE r.complete OR excluded.complete END,
    created_at = excluded.created_at, locale = excluded.locale, order_id = excluded.order_id, nps = excluded.nps,
    nps_category = excluded.nps_category,
    answers = CASE WHEN excluded.complete OR ${VERIFIED_WINS} THEN excluded.answers ELSE r.answers || excluded.answers END,
    scores = CASE WHEN excluded.complete OR ${VERIFIED_WINS} THEN excluded.scores ELSE r.scores || excluded.scores END,
    context = excluded.context, redactions = excluded.redactions, needs_follow_up = excluded.needs_follow_up,
    link_status = excluded.link_status, link_reason = excluded.link_reason,
    follow_up_status = CASE WHEN excluded.needs_follow_up THEN coalesce(r.follow_up_status, 'open') ELSE r.follow_up_status END,
    updated_at = now()
  WHERE ${VERIFIED_WINS} OR (r.revision < excluded.revision AND (excluded.link_status IS NOT DISTINCT FROM 'verified' OR r.link_status IS DISTINCT FROM 'verified'))
  -- xmax is 0 on a row this statement inserted, not on one it updated.
  RETURNING r.id, r.needs_follow_up, r.survey_id, r.order_id, r.created_at, r.complete, r.revision, r.nps_category,
    r.link_status, r.context, r.scores, r.xmax = 0 AS inserted
),
-- The analysis routes' narrow copy (migration 005). A partial merged into stored answers is read back
-- from the merged scores; anything else is as sent.
kept AS (SELECT up.*, CASE WHEN input.complete THEN input.vals ELSE koubei_vals(up.scores) END AS vals FROM up JOIN input USING (id)),
-- Its answer pattern (migration 006), looked up once per distinct vals of the batch; the new ones are
-- added here (another batch adding the same one at this moment adds it too: harmless, see 006).
looked AS (
  SELECT d.vals, min(x.id) AS id FROM (SELECT DISTINCT vals FROM kept) AS d LEFT JOIN koubei_patterns AS x ON x.vals = d.vals GROUP BY 1
),
added AS (INSERT INTO koubei_patterns AS p (vals) SELECT vals FROM looked WHERE id IS NULL RETURNING p.id, p.vals),
facts AS (
  INSERT INTO koubei_facts AS f (id, survey_id, created_at, order_id, complete, revision, eligible, nps_category, link_status, vals, context, pattern)
  SELECT k.id, k.survey_id, k.created_at, k.order_id, k.complete, k.revision, koubei_eligible(k.complete, k.link_status, k.context),
    k.nps_category, k.link_status, k.vals, k.context, coalesce(l.id, a.id)
  FROM kept AS k JOIN looked AS l ON l.vals = k.vals LEFT JOIN added AS a ON a.vals = k.vals ORDER BY k.id
  ON CONFLICT (id) DO UPDATE SET survey_id = excluded.survey_id, created_at = excluded.created_at, order_id = excluded.order_id,
    complete = excluded.complete, revision = excluded.revision, eligible = excluded.eligible, nps_category = excluded.nps_category,
    link_status = excluded.link_status, vals = excluded.vals, context = excluded.context, pattern = excluded.pattern
  RETURNING 1
),
-- Responses per order (migration 004), in key order so concurrent batches lock alike.
orders AS (
  INSERT INTO koubei_order_responses AS o (survey_id, order_id, responses)
  SELECT survey_id, order_id, count(*)::int FROM up WHERE inserted AND order_id <> '' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (survey_id, order_id) DO UPDATE SET responses = o.responses + excluded.responses
  RETURNING 1
),
queued AS (
  INSERT INTO koubei_notifications (response_id, payload)
  SELECT up.id, input.notify FROM up JOIN input USING (id) LEFT JOIN old USING (id)
  WHERE up.needs_follow_up AND input.notify IS NOT NULL AND NOT coalesce(old.needs_follow_up, false)
  RETURNING 1
),
idem AS (
  INSERT INTO koubei_idempotency (key, fingerprint, body)
  SELECT $2::text, $3::text, $4::jsonb || jsonb_build_object('stored', (SELECT count(*) FROM up), 'keptOut', (SELECT n FROM barred) + $5::int)
  WHERE $2::text IS NOT NULL
  ON CONFLICT (key) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM up)::int AS stored, (SELECT count(*) FROM queued)::int AS queued, (SELECT n FROM barred) AS kept_out`;

export const IDEMPOTENT_ANSWER = 'SELECT fingerprint, body FROM koubei_idempotency WHERE key = $1';

/** Stores a batch; answers only after the commit. */
export async function ingest(
  db: Database,
  responses: KoubeiResponse[],
  key: string | null,
  { notifying = false, linkKeys }: { notifying?: boolean; linkKeys?: LinkKeys } = {},
): Promise<IngestAnswer & { queued: number; replayed?: boolean; unverified: number }> {
  const print = fingerprint(responses);
  if (key) {
    const [had] = await db.query<{ fingerprint: string; body: Omit<IngestAnswer, 'keptOut'> & { keptOut?: number } }>(IDEMPOTENT_ANSWER, [key], 'koubei-idempotent');
    if (had && had.fingerprint !== print) throw new HttpError(422, 'idempotency', { key });
    // An answer stored before keptOut was counted had none.
    if (had) return { ...had.body, keptOut: had.body.keptOut ?? 0, queued: 0, replayed: true, unverified: 0 };
  }
  const links = await checkLinks(responses, linkKeys);
  const { rows, keptOut } = dedupe(responses.map((r, i) => toRow(r, notifying, links[i])));
  const ids = rows.map((r) => r.id);
  const answer = { accepted: ids.length, ids };
  const [out] = await retryConflicts(() =>
    db.query<{ stored: number; queued: number; kept_out: number }>(UPSERT, [JSON.stringify(rows), key, print, JSON.stringify(answer), keptOut], 'koubei-ingest'),
  );
  return { ...answer, stored: out.stored, keptOut: out.kept_out + keptOut, queued: out.queued, unverified: rows.filter((r) => r.link_status === 'unverified').length };
}

/** A deadlock or serialization failure is the database asking to try again: do, a few times. */
async function retryConflicts<T>(fn: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= tries || (code !== '40P01' && code !== '40001' && code !== '23505')) throw e;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}
